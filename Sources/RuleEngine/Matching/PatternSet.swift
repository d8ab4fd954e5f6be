import CTextSearch
import Foundation
import ReportDocument

/// A list of patterns as written in a rule: literals (folded like report text, all matched in one pass) and
/// `re:` regular expressions (ICU, run on the folded text). Compiled once per run.
public struct PatternSet: Sendable {
    /// The patterns as written, for messages and `rules explain`.
    public let source: [String]
    private let automaton: AhoCorasick?
    /// The literals, folded, as UTF-8 (for a pack's `LiteralIndex`).
    let literalBytes: [[UInt8]]
    private let regexes: [NSRegularExpressionBox]
    /// Per regex: literals (UTF-8) one of which must occur for it to match (see `RegexPrefilter`).
    private let prefilters: [[[UInt8]]?]
    /// Identifies the set in per-document caches (an integer: hashing the Chinese pattern text per lookup was
    /// measurable).
    let cacheID: Int

    /// A match in a text, as Unicode-scalar offsets into that (folded) text.
    public struct Match: Sendable, Equatable {
        public var start: Int
        public var end: Int
    }

    public enum CompileError: Error {
        case emptyPattern
        case badRegex(String, String)
    }

    public init(_ patterns: [String]) throws(CompileError) {
        var literals: [[UInt8]] = []
        var regexes: [NSRegularExpressionBox] = []
        var bodies: [String] = []
        for pattern in patterns {
            if pattern.hasPrefix("re:") {
                let body = Self.foldRegex(String(pattern.dropFirst(3)))
                guard !body.isEmpty else { throw .emptyPattern }
                do {
                    // Lines: regexes also run once over a whole document, blocks joined by "\n".
                    regexes.append(NSRegularExpressionBox(try NSRegularExpression(pattern: body, options: [.anchorsMatchLines]),
                                                          watchdog: RegexSafety.mayBacktrackExponentially(body)))
                    bodies.append(body)
                } catch {
                    throw .badRegex(pattern, (error as NSError).localizedDescription)
                }
            } else {
                let folded = TextFolding.folded(pattern)
                guard !folded.isEmpty else { throw .emptyPattern }
                literals.append(Array(folded.utf8))
            }
        }
        self.source = patterns
        self.cacheID = PatternSetIDs.next()
        self.automaton = literals.isEmpty ? nil : AhoCorasick(literals: literals)
        self.literalBytes = literals
        self.regexes = regexes
        self.prefilters = bodies.map { body in RegexPrefilter.requiredLiterals(body).map { $0.map { Array($0.utf8) } } }
    }

    /// Regexes run on folded text, where full-width ASCII became ASCII: write full-width characters of a
    /// pattern as their escaped ASCII form so "（一）" still means the literal parentheses.
    static func foldRegex(_ pattern: String) -> String {
        var out = ""
        for scalar in pattern.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                out += NSRegularExpression.escapedPattern(for: String(ascii))
            } else if scalar.value == 0x3000 {
                out += " "
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Matches collected per text at most (memory guard: a 50 MB page of "XX" would otherwise give millions).
    public static let matchLimit = 10_000

    /// All matches in `text` (literal matches may overlap each other; regex matches do not overlap), at most `limit`.
    public func matches(in text: String, limit: Int = PatternSet.matchLimit) -> [Match] {
        var result = literalMatches(in: text, limit: limit)
        for (box, prefilter) in zip(regexes, prefilters) where result.count < limit {
            if let prefilter, !Self.containsAny(text, prefilter) { continue }
            // Bounded: a capped prefix of the text, stopped by the report's time budget (see RegexSafety).
            let found = RegexSafety.matches(box.regex, in: text, limit: limit - result.count, watchdog: box.watchdog)
            if found.isEmpty { continue }
            let mapper = UTF16ToScalar(text)
            for m in found where result.count < limit {
                result.append(Match(start: mapper.scalarOffset(m.location),
                                    end: mapper.scalarOffset(m.location + m.length)))
            }
        }
        return result
    }

    var hasRegexes: Bool { !regexes.isEmpty }

    static func containsAny(_ text: String, _ needles: [[UInt8]]) -> Bool {
        var text = text
        return text.withUTF8 { h in
            needles.contains { n in
                n.withUnsafeBufferPointer { nb in
                    h.count >= nb.count && rl_memmem(h.baseAddress, h.count, nb.baseAddress, nb.count) != nil
                }
            }
        }
    }

    /// Regex matches over a document, grouped by block, as scalar offsets into each block's folded text.
    /// Each regex runs once over the blocks that can match it (its prefilter literals occur), joined by "\n":
    /// one bridging and one ICU scan per regex instead of one per block.
    /// `limit`: each regex stops after that many matches (in text order) — a condition that needs N matches, or
    /// shows at most N as evidence, need not enumerate the hundreds of figures in a long results section.
    /// `text()` gives the scope's blocks joined (built once, on first need); nil when the scope is empty.
    func regexMatches(limit: Int = .max, text: () -> JoinedText?) -> [Int: [Match]] {
        var byBlock: [Int: [Match]] = [:]
        for (box, prefilter) in zip(regexes, prefilters) {
            guard let joined = text() else { continue }
            // A regex whose required literals occur nowhere in the text cannot match: skip the ICU scan (memmem
            // over the joined text is far cheaper than choosing candidate blocks one by one).
            if let prefilter, !joined.containsAny(prefilter) { continue }
            // Bounded: capped length, match count and the report's time budget (see RegexSafety).
            for range in RegexSafety.matches(box.regex, in: joined.string, utf16Count: joined.utf16Count, watchdog: box.watchdog,
                                             maxUTF16: RegexSafety.maxDocumentUTF16, limit: min(limit, Self.matchLimit)) {
                let (block, local) = joined.locate(range)
                byBlock[block, default: []].append(local)
            }
        }
        return byBlock
    }

    /// Literal matches only (one Aho–Corasick pass).
    func literalMatches(in text: String, limit: Int = PatternSet.matchLimit) -> [Match] {
        var result: [Match] = []
        if let automaton {
            var byteMatches: [AhoCorasick.Match] = []
            var copy = text
            copy.withUTF8 { buffer in
                automaton.forEachMatch(in: buffer) { m in
                    if byteMatches.count < limit { byteMatches.append(m) }
                }
                var scalarIndex = 0
                var byteIndex = 0
                // Byte offsets → scalar offsets in one forward walk: matches come ordered by end, and a start is
                // the end minus the scalars inside the match (restarting the walk for an earlier start would be
                // quadratic on overlapping matches such as "XX" and "XXXX" in a long run of X).
                for m in byteMatches {
                    while byteIndex < m.end {
                        if buffer[byteIndex] & 0xC0 != 0x80 { scalarIndex += 1 }
                        byteIndex += 1
                    }
                    var inside = 0
                    for k in m.start..<m.end where buffer[k] & 0xC0 != 0x80 { inside += 1 }
                    result.append(Match(start: scalarIndex - inside, end: scalarIndex))
                }
            }
        }
        return result
    }

    /// True when any pattern occurs in `text` (cheaper than collecting matches).
    public func occurs(in text: String) -> Bool {
        !matches(in: text, limit: 1).isEmpty
    }

    public var isEmpty: Bool { source.isEmpty }
}

/// NSRegularExpression is immutable and thread-safe once built, but not marked Sendable.
struct NSRegularExpressionBox: @unchecked Sendable {
    let regex: NSRegularExpression
    /// Whether matching needs the time-budget watchdog (ICU progress callbacks, which cost a fifth of a check when
    /// every regex had them): only patterns with a repeated group can backtrack exponentially.
    let watchdog: Bool
    init(_ regex: NSRegularExpression, watchdog: Bool = true) {
        self.regex = regex
        self.watchdog = watchdog
    }
}

/// Converts UTF-16 offsets (NSRange) to Unicode-scalar offsets.
struct UTF16ToScalar {
    private var table: [Int] = []   // utf16 offset → scalar offset, only built for non-BMP text
    private let identity: Bool

    init(_ text: String) {
        identity = text.unicodeScalars.allSatisfy { $0.value < 0x10000 }
        if !identity {
            var t: [Int] = []
            for (i, s) in text.unicodeScalars.enumerated() {
                t.append(i)
                if s.value >= 0x10000 { t.append(i) }
            }
            t.append(text.unicodeScalars.count)
            table = t
        }
    }

    func scalarOffset(_ utf16: Int) -> Int { identity ? utf16 : table[min(utf16, table.count - 1)] }
}

/// A document's folded block texts joined by "\n" for whole-document regex scans, with the UTF-16 offset where
/// each block starts.
final class JoinedText {
    let string: String
    let utf16Count: Int
    private let starts: [Int]
    private let blockIndices: [Int]
    private let blockTexts: [String]
    private var mappers: [Int: UTF16ToScalar] = [:]

    convenience init(blocks: [String]) {
        self.init(blocks: blocks, only: Array(blocks.indices))
    }

    /// The blocks at `indices` only (candidates of a prefiltered regex).
    init(blocks: [String], only indices: [Int]) {
        var starts: [Int] = []
        starts.reserveCapacity(indices.count)
        var texts: [String] = []
        texts.reserveCapacity(indices.count)
        var offset = 0
        for i in indices {
            starts.append(offset)
            texts.append(blocks[i])
            offset += UTF16Length.of(blocks[i]) + 1
        }
        self.starts = starts
        self.blockIndices = indices
        self.blockTexts = texts
        self.string = texts.joined(separator: "\n")
        self.utf16Count = offset > 0 ? offset - 1 : 0
    }

    /// True when any of the byte strings occurs in the joined text (memmem each).
    func containsAny(_ needles: [[UInt8]]) -> Bool { PatternSet.containsAny(string, needles) }

    /// The document block a match lies in, and the match in that block's scalar offsets.
    func locate(_ range: NSRange) -> (Int, PatternSet.Match) {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= range.location { lo = mid } else { hi = mid - 1 }
        }
        let start = range.location - starts[lo]
        let end = min(start + range.length, UTF16Length.of(blockTexts[lo]))
        let mapper: UTF16ToScalar
        if let m = mappers[lo] { mapper = m } else {
            mapper = UTF16ToScalar(blockTexts[lo])
            mappers[lo] = mapper
        }
        return (blockIndices[lo], PatternSet.Match(start: mapper.scalarOffset(start), end: mapper.scalarOffset(end)))
    }
}

/// Unique ids for compiled pattern sets.
enum PatternSetIDs {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var counter = 0

    static func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        counter += 1
        return counter
    }
}

/// UTF-16 length from the UTF-8 bytes: one unit per scalar, two for scalars above U+FFFF. `String.utf16.count`
/// builds breadcrumbs for every non-ASCII string, which showed up at 6% of a check.
enum UTF16Length {
    static func of(_ s: String) -> Int {
        var copy = s
        return copy.withUTF8 { bytes in
            var n = 0
            for b in bytes where b & 0xC0 != 0x80 { n += b >= 0xF0 ? 2 : 1 }
            return n
        }
    }
}
