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
        if let r = input.utf8.withContiguousStorageIfAvailable({ fold(input, bytes: $0) }) { return r }
        var copy = input
        return copy.withUTF8 { fold(input, bytes: $0) }
    }

    /// `fold` on the UTF-8 bytes of `input`: scalars are decoded in place and unchanged ones copied as bytes; the
    /// folded String is built once, and only when something changed.
    private static func fold(_ input: String, bytes p: UnsafeBufferPointer<UInt8>) -> Result {
        let n = p.count
        if n == 0 { return Result(text: input, map: nil) }
        // Folding never makes the UTF-8 longer (full-width forms → ASCII, spaces dropped, 3-byte → 3-byte).
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { outBuf -> Result in
            let out = outBuf.baseAddress!
            // Folded offset → original offset. nil while the two still line up (folding a scalar in place, e.g.
            // "，"→",", keeps offsets); built only once a space is dropped or a run collapsed, in a buffer (at most
            // one entry per input scalar, plus the end) made an array once: appends checked uniqueness per scalar.
            var map: UnsafeMutablePointer<Int32>? = nil
            defer { map?.deallocate() }
            var m = 0
            var o = 0
            var outCount = 0
            var changed = false
            var runStart = -1
            var last: UInt32 = 0
            var hasLast = false
            var offset = 0
            var i = 0
            while i < n {
                // Fast run: scalars that fold to themselves and are not spaces (printable ASCII, CJK ideographs
                // U+3400–U+9FFF and CJK punctuation other than U+3000), outside a whitespace run: copied as bytes.
                if runStart < 0 {
                    let (j, lastStart, scalars) = UTF8Scalars.plainRun(p, from: i)
                    if let mp = map { for k in 0..<scalars { mp[m] = Int32(offset + k); m += 1 } }
                    offset += scalars
                    outCount += scalars
                    if j > i {
                        (out + o).update(from: p.baseAddress! + i, count: j - i)
                        o += j - i
                        last = UTF8Scalars.decode(p, lastStart).value
                        hasLast = true
                        i = j
                        if i >= n { break }
                    }
                }
                let b0 = p[i]
                let (v, len) = UTF8Scalars.decode(p, i)
                let folded = foldValue(v)
                if folded == 0x20 {
                    if runStart < 0 { runStart = offset }
                    if v != 0x20 { changed = true }
                    offset += 1
                    i += len
                    continue
                }
                if runStart >= 0 {
                    let runLength = offset - runStart
                    if hasLast, !isCJKValue(last), !isCJKValue(folded) {
                        if runLength > 1 {
                            changed = true
                            if map == nil { (map, m) = identityMap(outCount, capacity: n + 1) }
                        }
                        out[o] = 0x20
                        o += 1
                        outCount += 1
                        if let mp = map { mp[m] = Int32(runStart); m += 1 }
                    } else {
                        changed = true
                        if map == nil { (map, m) = identityMap(outCount, capacity: n + 1) }
                    }
                    runStart = -1
                }
                if folded != v {
                    changed = true
                    o += UTF8Scalars.encode(folded, out + o)
                } else {
                    out[o] = b0
                    if len > 1 {
                        out[o + 1] = p[i + 1]
                        if len > 2 {
                            out[o + 2] = p[i + 2]
                            if len > 3 { out[o + 3] = p[i + 3] }
                        }
                    }
                    o += len
                }
                outCount += 1
                if let mp = map { mp[m] = Int32(offset); m += 1 }
                last = folded
                hasLast = true
                offset += 1
                i += len
            }
            if runStart >= 0 { changed = true }  // trailing whitespace dropped
            if !changed { return Result(text: input, map: nil) }
            // Valid: unchanged scalars copied whole, folded ones encoded.
            let text = String(knownValidUTF8: UnsafeBufferPointer(start: out, count: o))
            guard let mp = map else { return Result(text: text, map: nil) }
            mp[m] = Int32(offset)
            return Result(text: text, map: Array(UnsafeBufferPointer(start: mp, count: m + 1)))
        }
    }

    /// A map buffer holding the identity map of `count` scalars, and `count`.
    private static func identityMap(_ count: Int, capacity: Int) -> (UnsafeMutablePointer<Int32>, Int) {
        let mp = UnsafeMutablePointer<Int32>.allocate(capacity: capacity)
        for k in 0..<count { mp[k] = Int32(k) }
        return (mp, count)
    }

    /// `foldScalar` on scalar values.
    @inline(__always)
    static func foldValue(_ v: UInt32) -> UInt32 {
        if v < 0x20 {
            switch v {
            case 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return 0x20
            default: return v
            }
        }
        if v < 0xA0 { return v }
        switch v {
        case 0xFF01...0xFF5E: return v - 0xFEE0
        case 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F, 0xFEFF: return 0x20
        case 0x25CB, 0x25EF: return 0x3007
        case 0xFE50: return 0x2C
        case 0xFE51, 0xFF64: return 0x3001
        case 0xFE52: return 0x2E
        case 0xFE54: return 0x3B
        case 0xFE55: return 0x3A
        case 0x2236: return 0x3A
        default: return v
        }
    }

    @inline(__always)
    static func isCJKValue(_ v: UInt32) -> Bool {
        if v < 0x2014 { return false }
        return (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFFEF).contains(v) || (0x20000...0x3FFFF).contains(v)
            || v == 0x2014 || v == 0x2026 || (0x201C...0x201D).contains(v) || (0x2018...0x2019).contains(v)
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
