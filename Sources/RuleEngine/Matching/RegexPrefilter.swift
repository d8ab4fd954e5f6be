/// Finds literals a regular expression cannot match without: a required literal run ("待填" in `\[待填\]`) or a
/// required group of literal alternatives ({"诉讼", "应诉"} in `(无|未发生).{0,20}(诉讼|应诉)`). Blocks that
/// contain none of them (the pack's `LiteralIndex` knows) are skipped before the regex runs.
/// The analysis is conservative: whenever it is unsure it returns nil (no prefilter), never a wrong filter.
enum RegexPrefilter {
    /// Any-of literals required by `pattern` (already folded), or nil when none can be proven.
    static func requiredLiterals(_ pattern: String) -> [String]? {
        let alternatives = splitTopLevel(Array(pattern))
        guard let alternatives else { return nil }
        var all: [String] = []
        for alternative in alternatives {
            guard let best = bestRequired(alternative) else { return nil }
            all += best
        }
        return all.isEmpty ? nil : Array(Set(all)).sorted()
    }

    /// Splits on top-level `|`; nil if the pattern uses constructs we do not analyse (inline flags, backrefs).
    private static func splitTopLevel(_ p: [Character]) -> [[Character]]? {
        var parts: [[Character]] = [[]]
        var depth = 0, i = 0, inClass = false
        while i < p.count {
            let c = p[i]
            if c == "\\" {
                guard i + 1 < p.count else { return nil }
                parts[parts.count - 1] += [c, p[i + 1]]
                i += 2
                continue
            }
            if inClass { if c == "]" { inClass = false } }
            else if c == "[" { inClass = true }
            else if c == "(" { depth += 1 }
            else if c == ")" { depth -= 1 }
            else if c == "|" && depth == 0 { parts.append([]); i += 1; continue }
            parts[parts.count - 1].append(c)
            i += 1
        }
        return depth == 0 && !inClass ? parts : nil
    }

    /// The required element of a sequence with the longest shortest literal.
    private static func bestRequired(_ p: [Character]) -> [String]? {
        var candidates: [[String]] = []
        var run = ""
        var i = 0
        func flush() { if !run.isEmpty { candidates.append([run]); run = "" } }
        while i < p.count {
            let c = p[i]
            var literal: Character? = nil
            var groupAlternatives: [String]? = nil
            var next = i + 1
            switch c {
            case "\\":
                guard i + 1 < p.count else { return nil }
                let e = p[i + 1]
                next = i + 2
                if "[]().|*+?{}\\^$-/:".contains(e) || (!e.isLetter && !e.isNumber) { literal = e }
            case "[":
                guard let close = p[i...].firstIndex(of: "]") else { return nil }
                next = close + 1
            case "(":
                guard let close = matchingParen(p, i) else { return nil }
                next = close + 1
                let inner = Array(p[(i + 1)..<close])
                if inner.first == "?" { break }  // lookaround or non-capturing group: not analysed
                let alts = inner.split(separator: "|", omittingEmptySubsequences: false).map(Array.init)
                if alts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { ch in !"\\[](){}.*+?^$|".contains(ch) } }) {
                    groupAlternatives = alts.map { String($0) }
                }
            case ".", "^", "$":
                break
            default:
                literal = c
            }
            // A following quantifier decides whether the element is required.
            var required = true
            if next < p.count {
                switch p[next] {
                case "?", "*": required = false; next += 1
                case "+": next += 1
                case "{":
                    guard let close = p[next...].firstIndex(of: "}") else { return nil }
                    let spec = String(p[(next + 1)..<close])
                    let min = Int(spec.split(separator: ",", omittingEmptySubsequences: false).first ?? "") ?? 0
                    required = min >= 1
                    next = close + 1
                    if let l = literal, required { run.append(l); literal = nil; flush() }
                default: break
                }
                if next < p.count, p[next] == "?" || p[next] == "+" { next += 1 }  // lazy/possessive
            }
            if let l = literal, required {
                run.append(l)
            } else {
                flush()
                if let g = groupAlternatives, required { candidates.append(g) }
            }
            i = next
        }
        flush()
        return candidates.max { a, b in
            (a.map(\.count).min() ?? 0) < (b.map(\.count).min() ?? 0)
        }
    }

    private static func matchingParen(_ p: [Character], _ open: Int) -> Int? {
        var depth = 0, i = open, inClass = false
        while i < p.count {
            let c = p[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false } }
            else if c == "[" { inClass = true }
            else if c == "(" { depth += 1 }
            else if c == ")" { depth -= 1; if depth == 0 { return i } }
            i += 1
        }
        return nil
    }
}
