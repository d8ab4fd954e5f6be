/// A set of Unicode scalars as sorted, disjoint, non-adjacent inclusive ranges: what one step of a pattern may
/// consume (a literal, a class, `.`, `\d`…). Built at compile time only; the matcher uses `ByteRegexProgram`'s
/// flattened copy.
struct ScalarSet: Sendable, Equatable {
    /// Flat lo, hi pairs.
    private(set) var ranges: [UInt32]

    init() { ranges = [] }

    /// `flat` must already be sorted and disjoint (the generated tables are).
    init(sortedRanges flat: [UInt32]) { ranges = flat }

    init(_ lo: UInt32, _ hi: UInt32) { ranges = [lo, hi] }

    static func scalar(_ value: UInt32) -> ScalarSet { ScalarSet(value, value) }

    static let digit = ScalarSet(sortedRanges: ByteRegexUnicodeTables.digit)
    static let space = ScalarSet(sortedRanges: ByteRegexUnicodeTables.space)
    static let word = ScalarSet(sortedRanges: ByteRegexUnicodeTables.word)

    /// ICU's line terminators: what `.` does not match and what `^`/`$` treat as line ends (\n \v \f \r, NEL, LS, PS).
    static let lineTerminators = ScalarSet(sortedRanges: [0x0A, 0x0D, 0x85, 0x85, 0x2028, 0x2029])
    static let dot = lineTerminators.inverted()

    static func isLineTerminator(_ v: UInt32) -> Bool {
        (0x0A...0x0D).contains(v) || v == 0x85 || v == 0x2028 || v == 0x2029
    }

    var isEmpty: Bool { ranges.isEmpty }

    /// The only member, when there is exactly one.
    var singleScalar: UInt32? { ranges.count == 2 && ranges[0] == ranges[1] ? ranges[0] : nil }

    func contains(_ v: UInt32) -> Bool {
        var lo = 0, hi = ranges.count / 2
        while lo < hi {
            let mid = (lo + hi) / 2
            if ranges[2 * mid + 1] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < ranges.count / 2 && ranges[2 * lo] <= v
    }

    /// Number of members from U+0080 on.
    var nonASCIICount: Int {
        var total = 0
        for k in stride(from: 0, to: ranges.count, by: 2) where ranges[k + 1] >= 0x80 {
            let lo: UInt32 = max(ranges[k], 0x80)
            total += Int(ranges[k + 1] - lo) + 1
        }
        return total
    }

    /// 256 flags: which bytes can begin the UTF-8 encoding of a member (lead bytes are monotonic in the scalar).
    var leadBytes: [UInt8] {
        var table = [UInt8](repeating: 0, count: 256)
        for k in stride(from: 0, to: ranges.count, by: 2) {
            let lo = UTF8Encoding.bytes(of: ranges[k])[0], hi = UTF8Encoding.bytes(of: ranges[k + 1])[0]
            for b in lo...hi { table[Int(b)] = 1 }
        }
        return table
    }

    mutating func formUnion(_ other: ScalarSet) {
        guard !other.ranges.isEmpty else { return }
        var pairs: [(UInt32, UInt32)] = []
        pairs.reserveCapacity((ranges.count + other.ranges.count) / 2)
        for set in [ranges, other.ranges] {
            for k in stride(from: 0, to: set.count, by: 2) { pairs.append((set[k], set[k + 1])) }
        }
        pairs.sort { $0.0 < $1.0 }
        var merged: [UInt32] = []
        for (lo, hi) in pairs {
            if let last = merged.last, lo <= last &+ 1 {
                merged[merged.count - 1] = max(last, hi)
            } else {
                merged.append(lo)
                merged.append(hi)
            }
        }
        ranges = merged
    }

    func union(_ other: ScalarSet) -> ScalarSet {
        var copy = self
        copy.formUnion(other)
        return copy
    }

    /// The complement within 0...0x10FFFF (surrogate code points included: valid UTF-8 never contains them).
    func inverted() -> ScalarSet {
        var out: [UInt32] = []
        var next: UInt32 = 0
        for k in stride(from: 0, to: ranges.count, by: 2) {
            if ranges[k] > next { out.append(next); out.append(ranges[k] - 1) }
            next = ranges[k + 1] + 1
        }
        if next <= 0x10FFFF { out.append(next); out.append(0x10FFFF) }
        return ScalarSet(sortedRanges: out)
    }
}
