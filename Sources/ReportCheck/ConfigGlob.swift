/// A path glob of `.reportlint.yml` (`include`, `exclude`, `per_path`, `suppressions`), matched against a path
/// relative to the configuration's directory, `/`-separated.
///
/// - `*` any characters within one path component, `?` one character, `[abc]` / `[a-z]` / `[!abc]` a class;
/// - `**` as a whole component: zero or more components (`drafts/**`, `**/草稿*.docx`);
/// - `{a,b}` alternatives (`*.{txt,docx}`);
/// - a pattern without `/` matches a file name at any depth (`*.html` ≡ `**/*.html`);
/// - a pattern matching a directory matches everything below it (`drafts` ≡ `drafts/**`).
public struct ConfigGlob: Sendable, Hashable, CustomStringConvertible {
    public let pattern: String
    private let alternatives: [[String]]

    public init(_ pattern: String) {
        self.pattern = pattern
        var p = pattern
        while p.hasPrefix("./") { p.removeFirst(2) }
        if p.hasPrefix("/") { p.removeFirst() }
        if p.hasSuffix("/") { p.removeLast() }
        if !p.contains("/") { p = "**/" + p }
        alternatives = Self.expandBraces(p).map { $0.split(separator: "/", omittingEmptySubsequences: true).map(String.init) }
    }

    public var description: String { pattern }

    /// True when the relative path, or a directory containing it, matches.
    public func matches(_ relativePath: String) -> Bool {
        let parts = relativePath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            .filter { $0 != "." }
        guard !parts.isEmpty else { return false }
        for alt in alternatives {
            for end in stride(from: parts.count, through: 1, by: -1) where Self.match(alt[...], parts[..<end]) {
                return true
            }
        }
        return false
    }

    private static func match(_ pattern: ArraySlice<String>, _ parts: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return parts.isEmpty }
        if first == "**" {
            let rest = pattern.dropFirst()
            var p = parts
            while true {
                if match(rest, p) { return true }
                if p.isEmpty { return false }
                p = p.dropFirst()
            }
        }
        guard let part = parts.first, component(Array(first.unicodeScalars)[...], Array(part.unicodeScalars)[...]) else {
            return false
        }
        return match(pattern.dropFirst(), parts.dropFirst())
    }

    /// fnmatch on one path component.
    private static func component(_ p: ArraySlice<Unicode.Scalar>, _ s: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let c = p.first else { return s.isEmpty }
        switch c {
        case "*":
            var rest = s
            while true {
                if component(p.dropFirst(), rest) { return true }
                if rest.isEmpty { return false }
                rest = rest.dropFirst()
            }
        case "?":
            return !s.isEmpty && component(p.dropFirst(), s.dropFirst())
        case "[":
            guard let close = p.dropFirst(2).firstIndex(of: "]"), let ch = s.first else {
                return s.first == "[" && component(p.dropFirst(), s.dropFirst())
            }
            var set = p[(p.startIndex + 1)..<close]
            let negate = set.first == "!" || set.first == "^"
            if negate { set = set.dropFirst() }
            var hit = false
            var i = set.startIndex
            while i < set.endIndex {
                if i + 2 < set.endIndex, set[i + 1] == "-" {
                    if set[i] <= ch && ch <= set[i + 2] { hit = true }
                    i += 3
                } else {
                    if set[i] == ch { hit = true }
                    i += 1
                }
            }
            return hit != negate && component(p[(close + 1)...], s.dropFirst())
        default:
            return s.first == c && component(p.dropFirst(), s.dropFirst())
        }
    }

    /// `a{b,c}d{e,f}` → abde, abdf, acde, acdf (no nesting).
    private static func expandBraces(_ p: String) -> [String] {
        guard let open = p.firstIndex(of: "{"), let close = p[open...].firstIndex(of: "}") else { return [p] }
        let head = String(p[..<open])
        let options = p[p.index(after: open)..<close].split(separator: ",", omittingEmptySubsequences: false)
        let tails = expandBraces(String(p[p.index(after: close)...]))
        return options.flatMap { o in tails.map { head + o + $0 } }
    }
}
