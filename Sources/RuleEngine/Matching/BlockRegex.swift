import CTextSearch
import Foundation

/// One `re:` pattern, matched against one block's folded text at a time. The byte engine (`ByteRegex`: the same
/// results as ICU, on the UTF-8 itself) runs every pattern it supports; the rest go to ICU through
/// NSRegularExpression, behind a literal prefilter and the safety bounds of `RegexSafety`.
/// A class: it runs once per block and pattern, and copying the compiled program (many arrays) cost a retain each.
final class BlockRegex: Sendable {
    private enum Engine: Sendable {
        case bytes(ByteRegex)
        case icu(NSRegularExpressionBox, prefilter: [[UInt8]]?)
    }

    private let engine: Engine
    /// Literals the pattern cannot match without (see `RegexPrefilter`), under an id for the pack's `LiteralIndex`.
    let prefilter: (id: Int, literals: [[UInt8]])?

    /// A pattern the byte engine runs (`bytes` compiled from `body`).
    init(body: String, bytes: ByteRegex) {
        prefilter = Self.prefilter(body).map { (PatternSetIDs.next(), $0) }
        engine = .bytes(bytes)
    }

    /// A pattern the byte engine does not support: ICU runs it.
    init(body: String, icu: NSRegularExpression) {
        let literals = Self.prefilter(body)
        prefilter = literals.map { (PatternSetIDs.next(), $0) }
        engine = .icu(NSRegularExpressionBox(icu, watchdog: RegexSafety.mayBacktrackExponentially(body)),
                      prefilter: literals)
    }

    private static func prefilter(_ body: String) -> [[UInt8]]? {
        RegexPrefilter.requiredLiterals(body).map { $0.map { Array($0.utf8) } }
    }

    /// Whether the byte engine runs this pattern (for tests).
    var usesByteEngine: Bool {
        if case .bytes = engine { return true }
        return false
    }

    /// Successive non-overlapping matches in `text`, as scalar offsets, at most `limit`.
    func matches(in text: String, limit: Int) -> [PatternSet.Match] {
        switch engine {
        case .bytes(let regex):
            var copy = text
            return copy.withUTF8 { all in
                let bytes = UnsafeBufferPointer(rebasing: all.prefix(Self.cappedLength(all)))
                // Empty matches say nothing about a report (and ICU's path drops them too).
                return Self.scalarOffsets(of: regex.scan(bytes, limit: limit, nonEmptyOnly: true).ranges, in: bytes)
            }
        case .icu(let box, let prefilter):
            if let prefilter, !Self.containsAny(text, prefilter) { return [] }
            let found = RegexSafety.matches(box.regex, in: text, limit: limit, watchdog: box.watchdog)
            if found.isEmpty { return [] }
            let mapper = UTF16ToScalar(text)
            return found.map { PatternSet.Match(start: mapper.scalarOffset($0.location),
                                                end: mapper.scalarOffset($0.location + $0.length)) }
        }
    }

    /// Byte ranges (ascending, not overlapping) → scalar offsets, in one forward walk.
    private static func scalarOffsets(of ranges: [Range<Int>], in bytes: UnsafeBufferPointer<UInt8>) -> [PatternSet.Match] {
        var walker = ScalarOffsetWalker(bytes)
        return ranges.map { walker.match(start: $0.lowerBound, end: $0.upperBound) }
    }

    /// The byte length of the text's first `RegexSafety.maxInputUTF16` UTF-16 units (the cap ICU sees), never
    /// cutting a character.
    private static func cappedLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let cap = RegexSafety.maxInputUTF16
        guard bytes.count > cap else { return bytes.count }  // fewer units than bytes
        var units = 0
        for i in 0..<bytes.count where bytes[i] & 0xC0 != 0x80 {
            units += bytes[i] >= 0xF0 ? 2 : 1
            if units > cap { return i }
        }
        return bytes.count
    }

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
