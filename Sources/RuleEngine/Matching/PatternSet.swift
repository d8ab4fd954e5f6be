import CTextSearch
import Foundation
import ReportDocument

/// A list of patterns as written in a rule: literals (folded like report text, all matched in one pass) and
/// `re:` regular expressions (ICU syntax, run on the folded text by `BlockRegex`). Compiled once per run.
public final class PatternSet: Sendable {
    /// The patterns as written, for messages and `rules explain`.
    public let source: [String]
    private let automaton: AhoCorasick?
    /// The literals, folded, as UTF-8 (for a pack's `LiteralIndex`).
    let literalBytes: [[UInt8]]
    private let regexes: [BlockRegex]
    /// Per regex, the id of its prefilter list when a pack's `LiteralIndex` holds it (see `indexLists`).
    let regexPrefilterIDs: [Int?]
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

    /// `regexesKnownValid`: the patterns come from a built-in pack, whose regexes a test compiles with ICU; ICU then
    /// only compiles the ones the byte engine cannot run (building ICU's regex support was a tenth of a check).
    public init(_ patterns: [String], regexesKnownValid: Bool = false) throws(CompileError) {
        var literals: [[UInt8]] = []
        var regexes: [BlockRegex] = []
        for pattern in patterns {
            if pattern.hasPrefix("re:") {
                let body = Self.foldRegex(String(pattern.dropFirst(3)))
                guard !body.isEmpty else { throw .emptyPattern }
                let bytes = try? ByteRegex(body)
                if let bytes, regexesKnownValid {
                    regexes.append(BlockRegex(body: body, bytes: bytes))
                    continue
                }
                // ICU validates every other pattern (its syntax is the contract, and its messages name the problem);
                // the byte engine then runs the ones it supports.
                let icu: NSRegularExpression
                do { icu = try NSRegularExpression(pattern: body, options: [.anchorsMatchLines]) } catch {
                    throw .badRegex(pattern, (error as NSError).localizedDescription)
                }
                regexes.append(bytes.map { BlockRegex(body: body, bytes: $0) } ?? BlockRegex(body: body, icu: icu))
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
        self.regexPrefilterIDs = regexes.map { r in
            r.prefilter.flatMap { $0.literals.count <= Self.maxIndexedPrefilter ? $0.id : nil }
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

    /// Matches collected per text at most (memory guard: a 50 MB page of "XX" would otherwise give millions).
    public static let matchLimit = 10_000

    /// All matches in `text` (literal matches may overlap each other; regex matches do not overlap), at most `limit`.
    public func matches(in text: String, limit: Int = PatternSet.matchLimit) -> [Match] {
        var result = literalMatches(in: text, limit: limit)
        for regex in regexes where result.count < limit {
            result += regex.matches(in: text, limit: limit - result.count)
        }
        return result
    }

    var hasRegexes: Bool { !regexes.isEmpty }
    var hasLiterals: Bool { !literalBytes.isEmpty }


    /// The regex matches in one block's folded text: each regex in turn, each at most `matchLimit`.
    /// `lacks(id)`: true when the block is known to hold none of the prefilter literals listed under `id` (from
    /// the pack's `LiteralIndex`), so the regex cannot match there.
    func regexMatches(in text: String, lacks: (Int) -> Bool = { _ in false }) -> [Match] {
        var result: [Match] = []
        for regex in regexes {
            if let p = regex.prefilter, lacks(p.id) { continue }
            result += regex.matches(in: text, limit: Self.matchLimit)
        }
        return result
    }

    static let maxIndexedPrefilter = 8

    /// What a pack's `LiteralIndex` holds for this set: its literals, and each regex's prefilter literals.
    var indexLists: [LiteralIndex.List] {
        var lists = [LiteralIndex.List(id: cacheID, literals: literalBytes, presenceOnly: false)]
        // A long list of alternatives (the units after a figure: 人, 个, 项, 次, …) occurs in nearly every block and
        // would only add hits to the scan; such a regex runs on every block of its scope instead.
        for regex in regexes {
            if let p = regex.prefilter, regexPrefilterIDs.contains(p.id) {
                lists.append(LiteralIndex.List(id: p.id, literals: p.literals, presenceOnly: true))
            }
        }
        return lists
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
                var walker = ScalarOffsetWalker(buffer)
                for m in byteMatches { result.append(walker.match(start: m.start, end: m.end)) }
            }
        }
        return result
    }

    /// True when any pattern occurs in `text` (cheaper than collecting matches).
    /// (`!matches(in: text, limit: 1).isEmpty`, without collecting and mapping the literal matches.)
    public func occurs(in text: String) -> Bool {
        if let automaton, automaton.occurs(in: text) { return true }
        return regexes.contains { !$0.matches(in: text, limit: 1).isEmpty }
    }

    public var isEmpty: Bool { source.isEmpty }
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
