import ReportDocument

/// `near: [[A…], [B…]]` with `within: N` characters, or `same_sentence: true` — two things said together,
/// e.g. "法院" near "判决"; A and B may come in either order. Sentences end at 。！？; and block boundaries.
struct ProximityCondition: Condition {
    let first: PatternSet
    let second: PatternSet
    let within: Int?
    let sameSentence: Bool
    let scope: Scope

    static let matchLimit = 1_000
    var blockPatternSets: [PatternSet] { [first, second] }

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        let firstMatcher = context.matcher(for: first), secondMatcher = context.matcher(for: second)
        for index in context.blocks(in: scope)
        where firstMatcher.mayMatch(inBlock: index) && secondMatcher.mayMatch(inBlock: index) {
            let text = context.document.blocks[index].folded
            // Pairs are compared all against all: cap the matches per side (and stop when the time budget is spent).
            if Deadline.expired { break }
            let a = firstMatcher.matches(inBlock: index).prefix(Self.matchLimit)
            if a.isEmpty { continue }
            let b = secondMatcher.matches(inBlock: index).prefix(Self.matchLimit)
            if b.isEmpty { continue }
            let sentenceEnds = sameSentence ? Self.sentenceEnds(text) : []
            for ma in a {
                for mb in b {
                    if let within {
                        let gap = ma.start < mb.start ? mb.start - ma.end : ma.start - mb.end
                        if gap > within { continue }
                    }
                    if sameSentence && Self.sentence(of: ma.start, sentenceEnds) != Self.sentence(of: mb.start, sentenceEnds) {
                        continue
                    }
                    let span = PatternSet.Match(start: min(ma.start, mb.start), end: max(ma.end, mb.end))
                    return ConditionResult(.satisfied, evidence: [context.evidence(forMatch: span, inBlock: index)])
                }
            }
        }
        return ConditionResult(.unsatisfied, searched: context.searchedEvidence(for: scope))
    }

    static func sentenceEnds(_ text: String) -> [Int] {
        var ends: [Int] = []
        for (i, s) in text.unicodeScalars.enumerated() where s == "。" || s == "!" || s == "?" || s == ";" || s == "！" || s == "？" || s == "；" {
            ends.append(i)
        }
        return ends
    }

    static func sentence(of offset: Int, _ ends: [Int]) -> Int {
        ends.firstIndex { $0 >= offset } ?? ends.count
    }

    var summary: String {
        let a = first.source.joined(separator: " | "), b = second.source.joined(separator: " | ")
        let how = sameSentence ? "in the same sentence as" : "within \(within ?? 0) characters of"
        return "\(a) \(how) \(b) in \(scope)"
    }
}
