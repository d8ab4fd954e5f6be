import CTextSearch
#if canImport(Glibc)
import Glibc
#endif

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

extension String {
    /// The first occurrence of `needle`'s UTF-8 bytes (memmem), as indices of this String; nil for an empty needle.
    /// Foundation's `range(of:)` bridges to CFStringFind with Unicode folding (2.5% of the instructions of checking a
    /// plain-text report, on a few metadata lines); for the CJK labels searched here the bytes give the same range.
    func byteRange(of needle: String) -> Range<String.Index>? {
        var haystack = self
        var needle = needle
        let found = haystack.withUTF8 { h in
            needle.withUTF8 { n -> Int? in
                guard !n.isEmpty, h.count >= n.count,
                      let p = rl_memmem(h.baseAddress, h.count, n.baseAddress, n.count) else { return nil }
                return UnsafeRawPointer(h.baseAddress!).distance(to: p)
            }
        }
        guard let found else { return nil }
        let lower = haystack.utf8.index(haystack.utf8.startIndex, offsetBy: found)
        return lower..<haystack.utf8.index(lower, offsetBy: needle.utf8.count)
    }
}

/// A fixed set of literal needles searched in one pass over the haystack's bytes: a bitmap keyed by the first three
/// bytes of each needle filters scalar starts, candidates are compared byte by byte. Needles shorter than three bytes
/// are searched with memmem. Haystacks are the UTF-8 of Strings (valid).
struct NeedleSet: @unchecked Sendable {
    private let needles: [[UInt8]]
    /// `key` of each needle's first three bytes.
    private let keys: [UInt32]
    private let short: [[UInt8]]
    /// 2^16 bits.
    private let bitmap: [UInt64]
    private let minLength: Int
    /// Index in the caller's list of each long needle, then of each short one.
    private let longIndex: [Int]
    private let shortIndex: [Int]

    init(_ strings: [String]) {
        var long: [[UInt8]] = []
        var keys: [UInt32] = []
        var short: [[UInt8]] = []
        var longIndex: [Int] = []
        var shortIndex: [Int] = []
        var bitmap = [UInt64](repeating: 0, count: 1024)
        for (index, s) in strings.enumerated() {
            let b = Array(s.utf8)
            if b.count >= 3 {
                let k = Self.key(b[0], b[1], b[2])
                bitmap[Int(k >> 6)] |= 1 << (k & 63)
                long.append(b)
                keys.append(k)
                longIndex.append(index)
            } else if !b.isEmpty {
                short.append(b)
                shortIndex.append(index)
            }
        }
        needles = long
        self.keys = keys
        self.short = short
        self.bitmap = bitmap
        self.longIndex = longIndex
        self.shortIndex = shortIndex
        minLength = long.map(\.count).min() ?? Int.max
    }

    @inline(__always)
    private static func key(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt32 {
        (UInt32(a & 0x0F) << 12 | UInt32(b & 0x3F) << 6 | UInt32(c & 0x3F)) ^ (UInt32(a >> 4) << 6)
    }

    /// Calls `found` with the index (in the list given to `init`) of each needle occurrence, in text order for the
    /// long needles, then the short ones; stops when `found` returns true.
    @inline(__always)
    private func scan(_ p: UnsafeBufferPointer<UInt8>, _ found: (Int) -> Bool) {
        let n = p.count
        if n >= minLength {
            let stop = bitmap.withUnsafeBufferPointer { bits -> Bool in
                var i = 0
                let last = n - 3
                while i <= last {
                    let a = p[i]
                    // Needles start with a lead byte: skip continuation bytes.
                    if a & 0xC0 != 0x80 {
                        let k = Self.key(a, p[i + 1], p[i + 2])
                        if bits[Int(k >> 6)] & (1 << (k & 63)) != 0 {
                            for index in keys.indices where keys[index] == k {
                                let needle = needles[index]
                                guard needle.count <= n - i else { continue }
                                var j = 3
                                while j < needle.count, p[i + j] == needle[j] { j += 1 }
                                if j == needle.count, found(longIndex[index]) { return true }
                            }
                        }
                        // A three-byte lead (CJK): no needle starts inside its scalar. The haystack is a String's
                        // (valid) UTF-8, so the two bytes after it are its continuation bytes (on other bytes this
                        // could only miss a match, never read outside `p`: i + 2 < n here).
                        if a &- 0xE0 < 0x10 {
                            i += 3
                            continue
                        }
                    }
                    i += 1
                }
                return false
            }
            if stop { return }
        }
        for (index, needle) in short.enumerated() {
            if Self.containsShort(p, needle), found(shortIndex[index]) { return }
        }
    }

    /// A one- or two-byte needle in `p`: memchr for its first byte (much cheaper than memmem for "©" per line).
    @inline(__always)
    private static func containsShort(_ p: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let base = p.baseAddress, needle.count <= p.count else { return false }
        let first = Int32(needle[0])
        let n = p.count
        var i = 0
        while i < n, let hit = memchr(base + i, first, n - i) {
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if needle.count == 1 || (at + 1 < n && p[at + 1] == needle[1]) { return true }
            i = at + 1
        }
        return false
    }

    /// The index (in the list given to `init`) of a needle that occurs in `p`, or nil.
    func firstMatch(in p: UnsafeBufferPointer<UInt8>) -> Int? {
        var result: Int? = nil
        scan(p) { index in
            result = index
            return true
        }
        return result
    }

    /// Bit i set when needle i occurs in `p` (at most 64 needles).
    func matchMask(in p: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var mask: UInt64 = 0
        scan(p) { index in
            mask |= 1 << UInt64(index)
            return false
        }
        return mask
    }
}
