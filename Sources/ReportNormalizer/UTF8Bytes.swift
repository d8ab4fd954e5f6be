import CTextSearch
import ReportDocument

/// Helpers for working on the UTF-8 bytes of (always valid) Swift strings instead of `[Unicode.Scalar]` arrays:
/// the normalizer's hot paths decode scalars from bytes in place and build each String once.
enum UTF8Bytes {
    /// The scalar starting at `i` (a lead byte of valid UTF-8) and its length in bytes.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (value: UInt32, length: Int) {
        UTF8Scalars.decode(p, i)
    }

    /// The scalar ending just before byte `end` (> 0) and its start.
    @inline(__always)
    static func decodeBackward(_ p: UnsafeBufferPointer<UInt8>, _ end: Int) -> (value: UInt32, start: Int) {
        var s = end - 1
        while s > 0, p[s] & 0xC0 == 0x80 { s -= 1 }
        return (decode(p, s).value, s)
    }

    /// Writes the UTF-8 form of `v` at `out` and returns its length.
    @inline(__always)
    static func encode(_ v: UInt32, _ out: UnsafeMutablePointer<UInt8>) -> Int { UTF8Scalars.encode(v, out) }

    /// Number of scalars in valid UTF-8.
    @inline(__always)
    static func scalarCount(_ p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
        var n = 0
        var i = from
        while i < p.count {
            if p[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    /// Continuation bytes (10xxxxxx: bit 7 set, bit 6 clear) among a word's eight bytes. A multiply adds up the
    /// per-byte flags: without `popcnt` (not in the x86-64 baseline the binary is built for) `nonzeroBitCount` is a
    /// dozen instructions.
    @inline(__always)
    static func continuationBytes(_ w: UInt64, mask: UInt64 = ~0) -> Int {
        let flags = ((w & ~(w << 1)) & 0x8080_8080_8080_8080 & mask) >> 7
        return Int(truncatingIfNeeded: (flags &* 0x0101_0101_0101_0101) >> 56)
    }

    /// Number of scalars in `p[from..<to]` (valid UTF-8): bytes minus continuation bytes, eight bytes at a time.
    @inline(__always)
    static func scalarCount(_ p: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int {
        guard let base = p.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var continuation = 0
        var i = from
        while i + 8 <= to {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            // Continuation bytes are 10xxxxxx: bit 7 set, bit 6 clear.
            continuation += continuationBytes(w)
            i += 8
        }
        while i < to {
            if p[i] & 0xC0 == 0x80 { continuation += 1 }
            i += 1
        }
        return to - from - continuation
    }

    /// The byte offset of scalar number `k` (clamped to the end).
    @inline(__always)
    static func byteOffset(ofScalar k: Int, in p: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        var i = 0
        while i < p.count {
            if p[i] & 0xC0 != 0x80 {
                if n == k { return i }
                n += 1
            }
            i += 1
        }
        return p.count
    }

    /// A String from scalars, encoded directly (no `UnicodeScalarView` rebuild).
    static func string<C: Collection>(_ scalars: C) -> String where C.Element == Unicode.Scalar {
        let n = scalars.count
        if n == 0 { return "" }
        return String(unsafeUninitializedCapacity: n * 4) { buf in
            let base = buf.baseAddress!
            var o = 0
            for s in scalars { o += encode(s.value, base + o) }
            return o
        }
    }

    /// A String from (valid) UTF-8 bytes.
    @inline(__always)
    static func string(_ p: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: p, as: UTF8.self)
    }

    /// `TextFolding.isCJK` on a scalar value (a copy, so it inlines in this module's loops).
    @inline(__always)
    static func isCJK(_ v: UInt32) -> Bool {
        if v < 0x2014 { return false }
        return (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFFEF).contains(v) || (0x20000...0x3FFFF).contains(v)
            || v == 0x2014 || v == 0x2026 || (0x201C...0x201D).contains(v) || (0x2018...0x2019).contains(v)
    }

    /// The whitespace `TextFolding.fold` turns into a space (ideographic, no-break, C0 controls): a copy of its list.
    @inline(__always)
    static func foldsToSpace(_ v: UInt32) -> Bool {
        switch v {
        case 0x20, 0x3000, 0x00A0, 0x2002...0x200B, 0x202F, 0x205F, 0xFEFF, 0x09, 0x0A, 0x0D, 0x0B, 0x0C: return true
        default: return false
        }
    }

    /// memmem on raw bytes.
    @inline(__always)
    static func contains(_ h: UnsafeBufferPointer<UInt8>, _ n: UnsafeBufferPointer<UInt8>) -> Bool {
        n.isEmpty || (h.count >= n.count && rl_memmem(h.baseAddress, h.count, n.baseAddress, n.count) != nil)
    }

    @inline(__always)
    static func hasPrefix(_ h: UnsafeBufferPointer<UInt8>, _ n: StaticString) -> Bool {
        let c = n.utf8CodeUnitCount
        guard h.count >= c else { return false }
        let q = n.utf8Start
        for k in 0..<c where h[k] != q[k] { return false }
        return true
    }
}

extension String {
    /// The UTF-8 bytes of the string, without copying for native strings.
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }
}

extension Substring {
    @inline(__always)
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = utf8.withContiguousStorageIfAvailable(body) { return r }
        var copy = self
        return copy.withUTF8(body)
    }
}
