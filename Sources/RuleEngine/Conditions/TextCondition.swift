/// `text: [patterns]` in a scope with `min_count` — the report says something (at least N times).
/// With `absent: true` (written `no_text:`) it holds when none of the patterns occurs; the matches are then
/// the evidence against it.
struct TextCondition: Condition {
    let patterns: PatternSet
    let scope: Scope
    let minCount: Int
    let absent: Bool
    /// Evidence items kept per finding; counting continues past it.
    static let evidenceLimit = 5
    var blockPatternSets: [PatternSet] { [patterns] }

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        var count = 0
        var evidence: [Evidence] = []
        let needed = absent ? 1 : minCount
        let matcher = context.matcher(for: patterns)
        for index in context.blocks(in: scope) where matcher.mayMatch(inBlock: index) {
            for match in matcher.matches(inBlock: index) {
                count += 1
                if evidence.count < Self.evidenceLimit {
                    evidence.append(context.evidence(forMatch: match, inBlock: index))
                }
            }
            if !absent && count >= needed && evidence.count >= min(needed, Self.evidenceLimit) { break }
        }
        if absent {
            return ConditionResult(count == 0 ? .satisfied : .unsatisfied, evidence: evidence,
                                   searched: context.searchedEvidence(for: scope))
        }
        return ConditionResult(count >= minCount ? .satisfied : .unsatisfied, evidence: evidence,
                               searched: context.searchedEvidence(for: scope))
    }

    var summary: String {
        let what = patterns.source.joined(separator: " | ")
        if absent { return "no \(what) in \(scope)" }
        return minCount > 1 ? "at least \(minCount) of \(what) in \(scope)" : "\(what) in \(scope)"
    }
}
