/// Scalar decoding and encoding on the UTF-8 bytes of (always valid) Swift strings, shared by text folding and the
/// normalizer's hot paths, which work on bytes in place instead of `[Unicode.Scalar]` arrays. Inlinable so the
/// calls across modules compile to the same straight-line code.
public enum UTF8Scalars {
    /// The scalar starting at `i` (a lead byte of valid UTF-8) and its length in bytes.
    @inlinable @inline(__always)
    public static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                    | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// Writes the UTF-8 form of `v` at `out` and returns its length.
    @inlinable @inline(__always)
    public static func encode(_ v: UInt32, _ out: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 0x80 { out[0] = UInt8(v); return 1 }
        if v < 0x800 { out[0] = UInt8(0xC0 | v >> 6); out[1] = UInt8(0x80 | v & 0x3F); return 2 }
        if v < 0x10000 {
            out[0] = UInt8(0xE0 | v >> 12); out[1] = UInt8(0x80 | (v >> 6) & 0x3F); out[2] = UInt8(0x80 | v & 0x3F)
            return 3
        }
        out[0] = UInt8(0xF0 | v >> 18); out[1] = UInt8(0x80 | (v >> 12) & 0x3F)
        out[2] = UInt8(0x80 | (v >> 6) & 0x3F); out[3] = UInt8(0x80 | v & 0x3F)
        return 4
    }

    /// The run of "plain" scalars starting at byte `i` — printable ASCII and 3-byte CJK (U+3000–U+9FFF except the
    /// ideographic space U+3000): never whitespace and never folded, so hot loops copy them as one byte run.
    /// Returns the run's end, the byte offset of its last scalar (-1 when empty) and its scalar count.
    @inlinable
    public static func plainRun(_ p: UnsafeBufferPointer<UInt8>, from i: Int) -> (end: Int, lastStart: Int, scalars: Int) {
        var j = i
        var scalars = 0
        let n = p.count
        // Ideographs first (lead E4–E9, U+4000–U+9FFF: the bulk of report text), one unsigned compare each; the last
        // scalar's start is found once at the end rather than tracked per scalar.
        while j < n {
            let b = p[j]
            if b &- 0xE4 < 6 && j + 2 < n {
                j += 3
            } else if b &- 0x21 < 0x5E {
                j += 1
            } else if b == 0xE3 && j + 2 < n && !(p[j + 1] == 0x80 && p[j + 2] == 0x80) {
                j += 3
            } else {
                break
            }
            scalars += 1
        }
        if j == i { return (j, -1, 0) }
        return (j, p[j - 1] < 0x80 ? j - 1 : j - 3, scalars)
    }
}

extension String {
    /// A String from UTF-8 bytes the caller knows are valid: validated once already (`UTF8Validation` when a report is
    /// read), or encoded from valid scalars (folding, line assembly). `String(decoding:as:)` validates every byte
    /// again — ~11% of the instructions of checking a plain-text report, which made Strings of the same text three
    /// times. Debug builds and the fuzz targets (built with `-D REPORTLINT_VERIFY_UTF8`) check the promise.
    public init(knownValidUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        if bytes.isEmpty {
            self = ""
            return
        }
        #if DEBUG || REPORTLINT_VERIFY_UTF8
        precondition(String(validating: bytes, as: UTF8.self) != nil, "String(knownValidUTF8:) given invalid UTF-8")
        #endif
        self = String(copying: unsafe UTF8Span(unchecked: unsafe bytes.span))
    }

    /// `init(knownValidUTF8:)` on an array.
    public init(knownValidUTF8 bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { String(knownValidUTF8: $0) }
    }
}

extension StringProtocol {
    /// `trimmingCharacters(in: .whitespaces)` without Foundation's CharacterSet (a CoreFoundation call per scalar):
    /// leading and trailing scalars of that set dropped — the tab, the space separators (Unicode Zs) and U+200B, as
    /// CoreFoundation defines it.
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        func blank(_ s: Unicode.Scalar) -> Bool {
            switch s.value {
            case 0x09, 0x20, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
            default: return false
            }
        }
        guard let first = scalars.firstIndex(where: { !blank($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !blank($0) })!
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[first...last])
        return String(out)
    }
}
