/// One step of the backtracking program. Operands by opcode:
/// - `literal`: a = offset into the byte pool, b = length
/// - `set`: a = set index (-1: `.`)
/// - `repeatGreedy` / `repeatLazy` (a one-scalar body): a = set index (-1: `.`), b = min, c = max (-1: unbounded),
///   d = byte set (or -1) the continuation's first byte must be in: other stopping points are not tried
/// - `split`: continue at a, backtrack to b; d: byte set (or -1) that the first byte of the guarded target (a, or b
///   when `flag`) must be in for that target to be tried at all
/// - `jump`: a
/// - `assert`: a = `ByteRegexAssertion` raw value
/// - `lookahead` / `lookbehind`: a = first instruction of the sub-program, b = min length, c = max length
///   (scalars, lookbehind only); `negated` in `flag`
/// - `match`: success
struct ByteRegexInstruction: Sendable {
    enum Opcode: UInt8, Sendable {
        case literal, set, repeatGreedy, repeatLazy, split, jump, assert, lookahead, lookbehind, match
    }
    var op: Opcode
    var flag = false
    var a: Int32 = 0
    var b: Int32 = 0
    var c: Int32 = 0
    var d: Int32 = -1
}

/// A scalar set laid out for matching: an ASCII bitmap, then non-ASCII ranges in the shared range pool.
struct ByteRegexSetLayout: Sendable {
    var asciiLow: UInt64 = 0
    var asciiHigh: UInt64 = 0
    var rangeStart: Int32 = 0
    /// Number of lo, hi pairs.
    var rangeCount: Int32 = 0
}

/// The compiled pattern in flat, immutable buffers, read through raw pointers in the matcher's hot loop (Swift
/// arrays there would pay bounds checks and retain/release on every step).
final class ByteRegexProgram: @unchecked Sendable {
    // @unchecked: every buffer is written once in init and only read afterwards, from any thread.
    let code: UnsafeMutableBufferPointer<ByteRegexInstruction>
    let bytes: UnsafeMutableBufferPointer<UInt8>
    let sets: UnsafeMutableBufferPointer<ByteRegexSetLayout>
    let ranges: UnsafeMutableBufferPointer<UInt32>
    /// 256 flags per byte set (guards of `split`, continuations of `repeat*`).
    let byteSets: UnsafeMutableBufferPointer<UInt8>
    /// How to find candidate match starts.
    let start: StartStrategy
    /// Bit (b0 << 8 | b1): a match may start with bytes b0 b1 (the last byte of a text is checked in `firstBytes`).
    let firstPairs: UnsafeMutableBufferPointer<UInt64>
    /// Flag b0: a match may start with byte b0.
    let firstBytes: UnsafeMutableBufferPointer<UInt8>

    enum StartStrategy: Sendable {
        /// The pattern can match empty: try every scalar boundary.
        case everywhere
        /// Every match starts with these bytes (memchr for one, memmem for more).
        case prefix([UInt8])
        /// Look up the first two bytes of each position in `firstPairs`.
        case pairs
    }

    init(code: [ByteRegexInstruction], bytes: [UInt8], sets: [ScalarSet], byteSets: [UInt8], nullable: Bool,
         prefix: [UInt8], firstScalars: ScalarSet) {
        self.code = Self.copy(code)
        self.bytes = Self.copy(bytes)
        self.byteSets = Self.copy(byteSets)
        var layouts: [ByteRegexSetLayout] = []
        var pool: [UInt32] = []
        for set in sets {
            var layout = ByteRegexSetLayout(rangeStart: Int32(pool.count))
            let r = set.ranges
            for k in stride(from: 0, to: r.count, by: 2) {
                if r[k] < 0x80 {
                    for v in r[k]...min(r[k + 1], 0x7F) {
                        if v < 64 { layout.asciiLow |= 1 << UInt64(v) } else { layout.asciiHigh |= 1 << UInt64(v - 64) }
                    }
                }
                if r[k + 1] >= 0x80 {
                    pool.append(max(r[k], 0x80))
                    pool.append(r[k + 1])
                    layout.rangeCount += 1
                }
            }
            layouts.append(layout)
        }
        self.sets = Self.copy(layouts)
        self.ranges = Self.copy(pool)
        var pairs = [UInt64](repeating: 0, count: 1024)
        var singles = [UInt8](repeating: 0, count: 256)
        if !nullable { Self.markFirstBytes(of: firstScalars, pairs: &pairs, singles: &singles) }
        self.firstPairs = Self.copy(pairs)
        self.firstBytes = Self.copy(singles)
        if nullable {
            start = .everywhere
        } else if !prefix.isEmpty {
            start = .prefix(prefix)
        } else if singles.filter({ $0 != 0 }).count == 1, let only = singles.firstIndex(of: 1) {
            start = .prefix([UInt8(only)])
        } else {
            start = .pairs
        }
    }

    deinit {
        code.deallocate()
        bytes.deallocate()
        sets.deallocate()
        ranges.deallocate()
        byteSets.deallocate()
        firstPairs.deallocate()
        firstBytes.deallocate()
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return buffer
    }

    /// Marks the first two UTF-8 bytes of every scalar in `set`. Scalars sharing their first two bytes come in
    /// blocks (1 scalar for 2-byte encodings, 64 for 3-byte, 4096 for 4-byte), so each range costs at most a few
    /// thousand steps.
    private static func markFirstBytes(of set: ScalarSet, pairs: inout [UInt64], singles: inout [UInt8]) {
        func mark(_ b0: Int, _ b1: Int) {
            let bit = b0 << 8 | b1
            pairs[bit >> 6] |= 1 << UInt64(bit & 63)
            singles[b0] = 1
        }
        let r = set.ranges
        for k in stride(from: 0, to: r.count, by: 2) {
            var v = r[k]
            let hi = r[k + 1]
            while v <= hi {
                let utf8 = UTF8Encoding.bytes(of: v)
                if utf8.count == 1 {
                    for b1 in 0..<256 { mark(Int(utf8[0]), b1) }
                } else {
                    mark(Int(utf8[0]), Int(utf8[1]))
                }
                let block: UInt32 = v < 0x800 ? 1 : v < 0x10000 ? 64 : 4096
                v = (v / block + 1) * block
            }
        }
    }
}

/// UTF-8 encoding of scalar values, including surrogate code points (which only appear in set ranges, never in
/// text).
enum UTF8Encoding {
    static func bytes(of v: UInt32) -> [UInt8] {
        switch v {
        case ..<0x80: return [UInt8(v)]
        case ..<0x800: return [UInt8(0xC0 | v >> 6), UInt8(0x80 | v & 0x3F)]
        case ..<0x10000: return [UInt8(0xE0 | v >> 12), UInt8(0x80 | v >> 6 & 0x3F), UInt8(0x80 | v & 0x3F)]
        default:
            return [UInt8(0xF0 | v >> 18), UInt8(0x80 | v >> 12 & 0x3F), UInt8(0x80 | v >> 6 & 0x3F),
                    UInt8(0x80 | v & 0x3F)]
        }
    }
}
