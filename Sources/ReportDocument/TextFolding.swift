/// Folds text for matching, so that rule patterns need not spell every variant a report may use:
/// full-width ASCII (２０２５, ＸＸ, （, ：) becomes ASCII, ideographic/no-break spaces become spaces, whitespace runs
/// collapse to one space, whitespace next to CJK is removed ("2023 年" → "2023年", "推动全 面" → "推动全面"),
/// and "○"/"〇" used as zero unify to "〇". Rule literals are folded with the same function.
public enum TextFolding {
    public struct Result: Sendable {
        public var text: String
        /// For each scalar of `text`, its scalar offset in the input, plus a final end entry; nil when identical.
        public var map: [Int32]?
    }

    public static func fold(_ input: String) -> Result {
        let scalars = Array(input.unicodeScalars)
        var out = String.UnicodeScalarView()
        var map: [Int32] = []
        map.reserveCapacity(scalars.count + 1)
        var identity = true
        var pendingSpace: Int? = nil  // offset of a whitespace run not yet emitted
        var lastEmitted: Unicode.Scalar? = nil

        for (offset, scalar) in scalars.enumerated() {
            let folded = foldScalar(scalar)
            if isSpace(folded) {
                if pendingSpace == nil { pendingSpace = offset }
                identity = false  // decided when the run ends; conservative
                continue
            }
            if let spaceOffset = pendingSpace {
                pendingSpace = nil
                if let last = lastEmitted, !isCJK(last), !isCJK(folded) {
                    out.append(" ")
                    map.append(Int32(spaceOffset))
                }
            }
            if folded != scalar { identity = false }
            out.append(folded)
            map.append(Int32(offset))
            lastEmitted = folded
        }
        map.append(Int32(scalars.count))
        let text = String(out)
        if identity || (map.count == scalars.count + 1 && text.unicodeScalars.count == scalars.count
                        && zip(text.unicodeScalars, scalars).allSatisfy({ $0 == $1 })) {
            return Result(text: text, map: nil)
        }
        return Result(text: text, map: map)
    }

    /// Folds a rule literal or pattern fragment (same folding, map discarded).
    public static func folded(_ input: String) -> String { fold(input).text }

    @inline(__always)
    static func foldScalar(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        switch v {
        case 0xFF01...0xFF5E: return Unicode.Scalar(v - 0xFEE0)!   // full-width ASCII
        case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F, 0xFEFF, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
            return " "
        case 0x25CB, 0x25EF: return "〇"                              // ○ ◯ written for 〇 in dates
        case 0xFE50: return ","
        case 0xFE51, 0xFF64: return "、"
        case 0xFE52: return "."
        case 0xFE54: return ";"
        case 0xFE55: return ":"
        case 0x2236: return ":"                                       // ∶ ratio sign used as a colon
        default: return s
        }
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " }

    /// CJK ideographs, CJK punctuation and full-width forms: text where spaces carry no meaning.
    @inline(__always)
    public static func isCJK(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFFEF).contains(v) || (0x20000...0x3FFFF).contains(v)
            || v == 0x2014 || v == 0x2026 || (0x201C...0x201D).contains(v) || (0x2018...0x2019).contains(v)
    }
}
