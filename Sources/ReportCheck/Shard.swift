/// `--shard i/n`: the part of the inputs one machine checks. An input belongs to shard
/// `fmix64(fnv1a64(path)) % n + 1` — a stable hash of the path as collected, the same on every machine and every run,
/// so n processes given the same arguments cover every input exactly once.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses "i/n" with 1 ≤ i ≤ n.
    public init?(parsing s: String) {
        let parts = s.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else { return nil }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(_ path: String) -> Bool {
        count == 1 || Int(Self.hash(path) % UInt64(count)) + 1 == index
    }

    static func hash(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        // Final avalanche (MurmurHash3 fmix64) so paths differing only at the end spread evenly over the shards.
        h ^= h >> 33; h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33; h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
