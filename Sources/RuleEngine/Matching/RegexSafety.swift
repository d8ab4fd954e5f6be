import Foundation
import ReportDocument

/// Keeping `re:` patterns from hanging a run (issue 7).
///
/// 1. **At load**: `RegexSafety.problem(in:)` rejects patterns with a quantified group that itself contains an
///    unbounded quantifier — `(a+)+`, `(a*)*`, `(?:x+y*)+`, `(a+){2,}` — the classic catastrophic-backtracking
///    shape; the loader reports it at the pattern's file:line:col.
/// 2. **When matching**, whatever slipped through is bounded anyway:
///    - a regex run on one block sees only its first `maxInputUTF16` UTF-16 units (longer blocks — a 20 MB
///      single-line page — are truncated for regex matching; literal patterns still see the whole block);
///    - at most `PatternSet.matchLimit` matches are collected per block;
///    - the match loop runs with progress reporting and stops as soon as the report's time budget
///      (`Deadline.current`) is spent; the checker then turns the report into an error result naming the budget.
public enum RegexSafety {
    /// Regexes see at most this many UTF-16 code units of a block (about 12 MB of Chinese).
    public static let maxInputUTF16 = 4 << 20

    /// A description of the first catastrophic construct in `pattern` and its offset (in Unicode scalars, 0-based),
    /// or nil when the pattern looks safe.
    public static func problem(in pattern: String) -> (offset: Int, message: String)? {
        let s = Array(pattern.unicodeScalars)
        // For each open group: its start offset and whether its content has an unbounded quantifier.
        var groups: [(start: Int, unbounded: Bool)] = []
        var topUnbounded = false
        var i = 0
        func markUnbounded() {
            if groups.isEmpty { topUnbounded = true } else { groups[groups.count - 1].unbounded = true }
        }
        /// The quantifier at `j`, if any: (isUnbounded, length).
        func quantifier(at j: Int) -> (unbounded: Bool, length: Int)? {
            guard j < s.count else { return nil }
            var length = 0
            var unbounded = false
            switch s[j] {
            case "*", "+": unbounded = true; length = 1
            case "?": length = 1
            case "{":
                var k = j + 1
                var text = ""
                while k < s.count, s[k] != "}" { text.unicodeScalars.append(s[k]); k += 1 }
                guard k < s.count else { return nil }
                let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy(\.isNumber) }),
                      !parts[0].isEmpty else { return nil }
                unbounded = parts.count == 2 && parts[1].isEmpty
                if parts.count == 2, let hi = Int(parts[1]), hi > 100 { unbounded = true }
                length = k - j + 1
            default: return nil
            }
            // Lazy or possessive suffix. Possessive quantifiers never backtrack.
            if j + length < s.count, s[j + length] == "+" { return (false, length + 1) }
            if j + length < s.count, s[j + length] == "?" { length += 1 }
            return (unbounded, length)
        }
        while i < s.count {
            let c = s[i]
            switch c {
            case "\\":
                if i + 1 < s.count, s[i + 1] == "Q" {          // \Q…\E literal run
                    var k = i + 2
                    while k + 1 < s.count, !(s[k] == "\\" && s[k + 1] == "E") { k += 1 }
                    i = k + 2
                    if let q = quantifier(at: i), q.unbounded { markUnbounded() }
                    continue
                }
                i += 2
                if let q = quantifier(at: i) { if q.unbounded { markUnbounded() }; i += q.length }
                continue
            case "[":
                var k = i + 1
                if k < s.count, s[k] == "^" { k += 1 }
                if k < s.count, s[k] == "]" { k += 1 }
                var depth = 1
                while k < s.count, depth > 0 {
                    if s[k] == "\\" { k += 2; continue }
                    if s[k] == "[" { depth += 1 } else if s[k] == "]" { depth -= 1 }
                    k += 1
                }
                i = k
                if let q = quantifier(at: i) { if q.unbounded { markUnbounded() }; i += q.length }
                continue
            case "(":
                groups.append((i, false))
                i += 1
                continue
            case ")":
                guard let group = groups.popLast() else { i += 1; continue }
                i += 1
                if let q = quantifier(at: i) {
                    if q.unbounded && group.unbounded {
                        let quant = String(String.UnicodeScalarView(s[i..<(i + q.length)]))
                        let body = String(String.UnicodeScalarView(s[group.start..<i]))
                        return (group.start, "nested unbounded quantifier '\(body)\(quant)' can take exponential time "
                                + "(catastrophic backtracking); rewrite it without a repeated group around a repeat")
                    }
                    if q.unbounded || group.unbounded { markUnbounded() }
                    i += q.length
                } else if group.unbounded {
                    markUnbounded()
                }
                continue
            default:
                i += 1
                if let q = quantifier(at: i) { if q.unbounded { markUnbounded() }; i += q.length }
            }
        }
        _ = topUnbounded
        return nil
    }

    /// The matches of `regex` in one block's `text`, bounded as described above. `limit` caps the number collected.
    static func matches(_ regex: NSRegularExpression, in text: String, limit: Int, watchdog: Bool = true) -> [NSRange] {
        matches(regex, in: text, utf16Count: UTF16Length.of(text), watchdog: watchdog, maxUTF16: maxInputUTF16,
                limit: limit)
    }

    /// True when `pattern` has a group under an unbounded (or > 100) repetition — `(a|aa)+`, `(ab)*`, `(x){2,}` —
    /// the only shape whose backtracking can grow exponentially once nested repeats are rejected at load. Other
    /// patterns run without the time-budget watchdog: their cost is polynomial in the (capped) input.
    static func mayBacktrackExponentially(_ pattern: String) -> Bool {
        let s = Array(pattern.unicodeScalars)
        var i = 0
        var inClass = false
        while i < s.count {
            let c = s[i]
            if c == "\\" { i += 2; continue }
            if inClass { if c == "]" { inClass = false }; i += 1; continue }
            if c == "[" { inClass = true; i += 1; continue }
            if c == ")", i + 1 < s.count {
                let q = s[i + 1]
                if q == "*" || q == "+" { return true }
                if q == "{" {
                    var k = i + 2
                    var text = ""
                    while k < s.count, s[k] != "}" { text.unicodeScalars.append(s[k]); k += 1 }
                    let parts = text.split(separator: ",", omittingEmptySubsequences: false)
                    if parts.count == 2 && (parts[1].isEmpty || (Int(parts[1]) ?? 0) > 100) { return true }
                }
            }
            i += 1
        }
        return false
    }

    /// The matches of `regex` in the first `maxUTF16` UTF-16 units of `text` (never cutting a surrogate pair),
    /// at most `limit`, stopped as soon as the report's time budget is spent.
    static func matches(_ regex: NSRegularExpression, in text: String, utf16Count: Int, watchdog: Bool = true,
                        maxUTF16: Int, limit: Int) -> [NSRange] {
        var range = NSRange(location: 0, length: min(utf16Count, maxUTF16))
        if range.length < utf16Count, range.length > 0,
           UTF16.isLeadSurrogate((text as NSString).character(at: range.length - 1)) {
            range.length -= 1
        }
        let deadline = watchdog ? Deadline.current : nil
        var found: [NSRange] = []
        let options: NSRegularExpression.MatchingOptions = deadline == nil ? [] : [.reportProgress]
        // ICU reports progress at every new start position; reading the clock each time was 14% of a whole check,
        // so the budget is looked at every 512 callbacks (still well under a millisecond apart).
        var ticks = 0
        regex.enumerateMatches(in: text, options: options, range: range) { match, _, stop in
            if let match, match.range.length > 0 {
                found.append(match.range)
                if found.count >= limit { stop.pointee = true }
            }
            if let deadline {
                ticks &+= 1
                if ticks & 511 == 0, deadline.isExpired { stop.pointee = true }
            }
        }
        return found
    }
}

extension RegexSafety {
    /// The load-time check, at each `re:` pattern's own position in the pack file.
    static func checkPatterns(_ node: YAMLNode, _ what: String) throws(PackLoadError) {
        let items: [YAMLNode] = node.isSequence ? (try node.sequence(what)) : [node]
        for item in items {
            guard let pattern = item.scalarString, pattern.hasPrefix("re:") else { continue }
            if let problem = problem(in: String(pattern.dropFirst(3))) {
                throw item.error("unsafe regular expression '\(pattern)' in \(what) (at character \(problem.offset + 4)): \(problem.message)")
            }
        }
    }
}
