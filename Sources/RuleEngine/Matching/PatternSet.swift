import Foundation
import ReportDocument

/// A list of patterns as written in a rule: literals (folded like report text, all matched in one pass) and
/// `re:` regular expressions (ICU, run on the folded text). Compiled once per run.
public struct PatternSet: Sendable {
    /// The patterns as written, for messages and `rules explain`.
    public let source: [String]
    private let automaton: AhoCorasick?
    private let regexes: [NSRegularExpressionBox]
    /// Identifies the set in per-document caches.
    let cacheKey: String

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
                    regexes.append(NSRegularExpressionBox(try NSRegularExpression(pattern: body, options: [.anchorsMatchLines])))
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
        self.cacheKey = patterns.joined(separator: "\u{1F}")
        self.automaton = literals.isEmpty ? nil : AhoCorasick(literals: literals)
        // Several regexes of one list run as one alternation: one ICU scan per text instead of one per regex.
        if regexes.count > 1, let combined = try? NSRegularExpression(
            pattern: bodies.map { "(?:\($0))" }.joined(separator: "|"), options: [.anchorsMatchLines]) {
            self.regexes = [NSRegularExpressionBox(combined)]
        } else {
            self.regexes = regexes
        }
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

    /// All matches in `text` (literal matches may overlap each other; regex matches do not overlap).
    public func matches(in text: String, limit: Int = .max) -> [Match] {
        var result = literalMatches(in: text, limit: limit)
        for box in regexes where result.count < limit {
            let ns = text as NSString
            let found = box.regex.matches(in: text, options: [], range: NSRange(location: 0, length: ns.length))
            if found.isEmpty { continue }
            let mapper = UTF16ToScalar(text)
            for m in found where m.range.length > 0 && result.count < limit {
                result.append(Match(start: mapper.scalarOffset(m.range.location),
                                    end: mapper.scalarOffset(m.range.location + m.range.length)))
            }
        }
        return result
    }

    var hasRegexes: Bool { !regexes.isEmpty }

    /// Regex matches over a whole document at once (one bridging and one ICU scan per regex instead of one per
    /// block), grouped by block, as scalar offsets into each block's folded text.
    func regexMatches(in joined: JoinedText) -> [Int: [Match]] {
        var byBlock: [Int: [Match]] = [:]
        for box in regexes {
            for m in box.regex.matches(in: joined.string, options: [], range: NSRange(location: 0, length: joined.utf16Count))
            where m.range.length > 0 {
                let block = joined.block(atUTF16: m.range.location)
                let local = joined.local(m.range, inBlock: block)
                byBlock[block, default: []].append(local)
            }
        }
        return byBlock
    }

    /// Literal matches only (one Aho–Corasick pass).
    func literalMatches(in text: String, limit: Int = .max) -> [Match] {
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
                // Byte offsets → scalar offsets, in one forward walk (matches come ordered by end).
                func scalarOffset(_ target: Int) -> Int {
                    if target < byteIndex { // rare: restart for an earlier start
                        scalarIndex = 0; byteIndex = 0
                    }
                    while byteIndex < target {
                        if buffer[byteIndex] & 0xC0 != 0x80 { scalarIndex += 1 }
                        byteIndex += 1
                    }
                    return scalarIndex
                }
                for m in byteMatches {
                    let s = scalarOffset(m.start)
                    let e = scalarOffset(m.end)
                    result.append(Match(start: s, end: e))
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
    init(_ regex: NSRegularExpression) { self.regex = regex }
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
    private let blockTexts: [String]
    private var mappers: [Int: UTF16ToScalar] = [:]

    init(blocks: [String]) {
        var starts: [Int] = []
        starts.reserveCapacity(blocks.count)
        var offset = 0
        for text in blocks {
            starts.append(offset)
            offset += text.utf16.count + 1
        }
        self.starts = starts
        self.blockTexts = blocks
        self.string = blocks.joined(separator: "\n")
        self.utf16Count = (string as NSString).length
    }

    func block(atUTF16 offset: Int) -> Int {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    func local(_ range: NSRange, inBlock block: Int) -> PatternSet.Match {
        let start = range.location - starts[block]
        let end = min(start + range.length, blockTexts[block].utf16.count)
        let mapper: UTF16ToScalar
        if let m = mappers[block] { mapper = m } else {
            mapper = UTF16ToScalar(blockTexts[block])
            mappers[block] = mapper
        }
        return PatternSet.Match(start: mapper.scalarOffset(start), end: mapper.scalarOffset(end))
    }
}
