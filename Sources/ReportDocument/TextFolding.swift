/// Folds text for matching, so that rule patterns need not spell every variant a report may use:
/// full-width ASCII (２０２５, ＸＸ, （, ：) becomes ASCII, ideographic/no-break spaces become spaces, whitespace runs
/// collapse to one space, whitespace next to CJK is removed ("2023 年" → "2023年", "推动全 面" → "推动全面"),
/// and "○"/"〇" used as zero unify to "〇". Rule literals are folded with the same function.
public enum TextFolding {
    public struct Result: Sendable {
        public var text: String
        /// For each scalar of `text`, its scalar offset in the input, plus a final end entry; nil when every
        /// scalar kept its offset (scalars folded in place, trailing spaces dropped).
        public var map: [Int32]?
    }

    public static func fold(_ input: String) -> Result {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(input.utf8.count)
        // Folded offset → original offset. nil while the two still line up (folding a scalar in place, e.g.
        // "，"→",", keeps offsets); built only once a space is dropped or a run collapsed.
        var map: [Int32]? = nil
        var changed = false
        var runStart = -1
        var last: Unicode.Scalar? = nil
        var offset = 0
        for scalar in input.unicodeScalars {
            let folded = foldScalar(scalar)
            if folded == " " {
                if runStart < 0 { runStart = offset }
                if scalar != " " { changed = true }
                offset += 1
                continue
            }
            if runStart >= 0 {
                let runLength = offset - runStart
                if let l = last, !isCJK(l), !isCJK(folded) {
                    if runLength > 1 {
                        changed = true
                        if map == nil { map = (0..<out.count).map { Int32($0) } }
                    }
                    out.append(" ")
                    map?.append(Int32(runStart))
                } else {
                    changed = true
                    if map == nil { map = (0..<out.count).map { Int32($0) } }
                }
                runStart = -1
            }
            if folded != scalar { changed = true }
            out.append(folded)
            map?.append(Int32(offset))
            last = folded
            offset += 1
        }
        if runStart >= 0 { changed = true }  // trailing whitespace dropped
        if !changed { return Result(text: input, map: nil) }
        let text = String(String.UnicodeScalarView(out))
        guard var m = map else { return Result(text: text, map: nil) }
        m.append(Int32(offset))
        return Result(text: text, map: m)
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
