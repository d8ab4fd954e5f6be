/// Turns byte ranges in a UTF-8 text into Unicode-scalar offsets (what `PatternSet.Match` holds) in one forward
/// walk, for matches that come ordered by their end (Aho–Corasick hits, successive regex matches). A start is the
/// end minus the scalars inside the match: walking back to an earlier start instead would be quadratic on
/// overlapping matches such as "XX" and "XXXX" in a long run of X.
struct ScalarOffsetWalker {
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Where `bytes` starts in the text the byte offsets given to `match` count in.
    private let base: Int
    private var byte = 0
    private var scalar = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, base: Int = 0) {
        self.bytes = bytes
        self.base = base
    }

    /// The match over bytes [start, end) (offsets from `base`); `end` must not be less than the previous call's.
    mutating func match(start: Int, end: Int) -> PatternSet.Match {
        let start = start - base, end = end - base
        while byte < end {
            if bytes[byte] & 0xC0 != 0x80 { scalar += 1 }
            byte += 1
        }
        var inside = 0
        for k in start..<end where bytes[k] & 0xC0 != 0x80 { inside += 1 }
        return PatternSet.Match(start: scalar - inside, end: scalar)
    }
}
