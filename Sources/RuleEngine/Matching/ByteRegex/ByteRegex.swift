import ReportDocument
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular expression matched directly on UTF-8 bytes, with exactly the results of
/// `NSRegularExpression(pattern:options: [.anchorsMatchLines])` for the syntax it accepts (literals and escapes,
/// classes with `\d \s \w`, `.`, groups, alternation, greedy and lazy quantifiers, `^ $ \A \z \Z`, lookahead and
/// bounded lookbehind). Anything else throws `Unsupported`, so the caller can fall back to NSRegularExpression.
///
/// Matching is backtracking, like ICU, but skips to candidate starts first: a literal prefix by memchr on its
/// rarest byte, otherwise by `ByteRegexStartFilter`.
struct ByteRegex: Sendable {
    struct Unsupported: Error, Sendable, CustomStringConvertible {
        let reason: String
        init(_ reason: String) { self.reason = reason }
        var description: String { reason }
    }

    /// The matches of one scan and whether it stopped early (deadline or step cap) before reaching the end.
    struct Scan: Sendable, Equatable {
        var ranges: [Range<Int>]
        var wasCut: Bool
    }

    /// Safety net against catastrophic backtracking when no deadline is in force (about a second of matching).
    static let defaultStepLimit = 200_000_000

    let pattern: String
    private let program: ByteRegexProgram

    init(_ pattern: String) throws(Unsupported) {
        self.pattern = pattern
        program = try ByteRegexCompiler.compile(ByteRegexParser.parse(pattern))
    }

    /// Byte ranges of successive non-overlapping leftmost matches (what NSRegularExpression.matches gives), at
    /// most `limit`; stops early, returning what it found, when `Deadline.current` expires.
    func matches(in text: UnsafeBufferPointer<UInt8>, limit: Int) -> [Range<Int>] {
        scan(text, limit: limit).ranges
    }

    /// `matches(in:limit:)`, also telling whether the scan was cut short by the deadline or by `stepLimit` (matcher
    /// steps for the whole scan), like the NSRegularExpression watchdog.
    /// `nonEmptyOnly`: empty matches are skipped, neither returned nor counted (what rule matching wants).
    func scan(_ text: UnsafeBufferPointer<UInt8>, limit: Int, stepLimit: Int = ByteRegex.defaultStepLimit,
              nonEmptyOnly: Bool = false) -> Scan {
        guard let base = text.baseAddress else {
            var empty: UInt8 = 0
            return withUnsafePointer(to: &empty) {
                scan(base: $0, count: 0, limit: limit, stepLimit: stepLimit, nonEmptyOnly: nonEmptyOnly)
            }
        }
        return scan(base: base, count: text.count, limit: limit, stepLimit: stepLimit, nonEmptyOnly: nonEmptyOnly)
    }

    private func scan(base: UnsafePointer<UInt8>, count: Int, limit: Int, stepLimit: Int, nonEmptyOnly: Bool) -> Scan {
        var matcher = ByteRegexMatcher(program: program, text: base, count: count, stepLimit: stepLimit,
                                       deadline: Deadline.current)
        var found: [Range<Int>] = []
        var from = 0
        while found.count < limit, let start = candidate(from: from, in: base, count: count) {
            let end = matcher.match(at: start)
            if matcher.wasCut { break }
            if end < 0 {
                if start >= count { break }
                from = start + Self.scalarLength(base[start])
                continue
            }
            if end > start || !nonEmptyOnly { found.append(start..<end) }
            if end > start {
                from = end
            } else {
                // After an empty match ICU resumes one scalar further on.
                if end >= count { break }
                from = end + Self.scalarLength(base[end])
            }
        }
        return Scan(ranges: found, wasCut: matcher.wasCut)
    }

    private static func scalarLength(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The first position at or after `from` where a match may start, or nil.
    private func candidate(from: Int, in text: UnsafePointer<UInt8>, count: Int) -> Int? {
        switch program.start {
        case .everywhere:
            return from <= count ? from : nil
        case .prefix(let prefix, let anchor):
            // memchr for the anchor byte, then compare the whole prefix around it.
            var i = from + anchor
            let end = count - (prefix.count - anchor - 1)
            while i < end {
                guard let hit = memchr(text + i, Int32(prefix[anchor]), end - i) else { return nil }
                let start = UnsafeRawPointer(hit) - UnsafeRawPointer(text) - anchor
                if prefix.withUnsafeBytes({ memcmp(text + start, $0.baseAddress!, prefix.count) }) == 0 { return start }
                i = start + anchor + 1
            }
            return nil
        case .filter:
            return program.startFilter.candidate(from: from, in: text, count: count)
        }
    }
}
