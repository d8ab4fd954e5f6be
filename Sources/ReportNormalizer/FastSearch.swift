import CTextSearch

extension String {
    /// Substring test on UTF-8 bytes (memmem). Foundation's `contains(_:)` goes through CFStringFind with
    /// Unicode folding and was a third of the normalizer's time; byte search gives the same answer for the
    /// literal needles used here (UTF-8 is self-synchronising).
    @inline(__always)
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                n.isEmpty || (h.count >= n.count && rl_memmem(h.baseAddress, h.count, n.baseAddress, n.count) != nil)
            }
        }
    }
}

/// A fixed set of literal needles searched in one pass over the haystack's bytes: a bitmap keyed by the first three
/// bytes of each needle filters positions, candidates are compared byte by byte. Needles shorter than three bytes
/// are searched with memmem.
struct NeedleSet: @unchecked Sendable {
    private let needles: [[UInt8]]
    private let short: [[UInt8]]
    /// 2^16 bits.
    private let bitmap: [UInt64]
    private let minLength: Int

    init(_ strings: [String]) {
        var long: [[UInt8]] = []
        var short: [[UInt8]] = []
        var bitmap = [UInt64](repeating: 0, count: 1024)
        for s in strings {
            let b = Array(s.utf8)
            if b.count >= 3 {
                let k = Self.key(b[0], b[1], b[2])
                bitmap[Int(k >> 6)] |= 1 << (k & 63)
                long.append(b)
            } else if !b.isEmpty {
                short.append(b)
            }
        }
        needles = long
        self.short = short
        self.bitmap = bitmap
        minLength = long.map(\.count).min() ?? Int.max
    }

    @inline(__always)
    private static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        (UInt32(a & 0x0F) << 12 | UInt32(b & 0x3F) << 6 | UInt32(c & 0x3F)) ^ (UInt32(a >> 4) << 6)
    }

    /// Whether some needle occurs in `p`; returns its index (needles of three or more bytes first, then the
    /// short ones), or nil.
    func firstMatch(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = p.count
        if n >= minLength {
            let found = bitmap.withUnsafeBufferPointer { bits -> Int? in
                var i = 0
                let last = n - 3
                while i <= last {
                    let k = Self.key(p[i], p[i + 1], p[i + 2])
                    if bits[Int(k >> 6)] & (1 << (k & 63)) != 0 {
                        for index in needles.indices {
                            let needle = needles[index]
                            guard needle.count <= n - i else { continue }
                            var j = 0
                            while j < needle.count, p[i + j] == needle[j] { j += 1 }
                            if j == needle.count { return index }
                        }
                    }
                    i += 1
                }
                return nil
            }
            if let found { return found }
        }
        for (index, needle) in short.enumerated() {
            if needle.withUnsafeBufferPointer({ UTF8Bytes.contains(p, $0) }) { return needles.count + index }
        }
        return nil
    }
}
