/// One step of the backtracking program. Operands by opcode:
/// - `literal`: a = offset into the byte pool, b = length
/// - `set`: a = set index (-1: `.`)
/// - `repeatGreedy` / `repeatLazy` (a one-scalar body): a = set index (-1: `.`), b = min, c = max (-1: unbounded),
///   d = guard (or -1) the continuation's first scalar must pass: other stopping points are not tried
/// - `split`: continue at a, backtrack to b; d: guard (or -1) that the next scalar must pass for the guarded target
///   (a, or b when `flag`) to be tried at all
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
    /// Guards (of `split`, continuations of `repeat*`): 256 lead-byte flags each, and a set index (or -1) for the
    /// whole non-ASCII scalar.
    let guardTables: UnsafeMutableBufferPointer<UInt8>
    let guardSets: UnsafeMutableBufferPointer<Int32>
    /// How to find candidate match starts.
    let start: StartStrategy
    let startFilter: ByteRegexStartFilter

    enum StartStrategy: Sendable {
        /// The pattern can match empty: try every scalar boundary.
        case everywhere
        /// Every match starts with these bytes; memchr looks for the one at `anchor` (the likely rarest).
        case prefix([UInt8], anchor: Int)
        /// Every match starts with a scalar accepted by `startFilter`.
        case filter
    }

    init(code: [ByteRegexInstruction], bytes: [UInt8], sets: [ScalarSet], guardTables: [UInt8], guardSets: [Int32],
         nullable: Bool, prefix: [UInt8], firstScalars: ScalarSet) {
        self.code = Self.copy(code)
        self.bytes = Self.copy(bytes)
        self.guardTables = Self.copy(guardTables)
        self.guardSets = Self.copy(guardSets)
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
        startFilter = ByteRegexStartFilter(firstScalars: firstScalars)
        if nullable {
            start = .everywhere
        } else if !prefix.isEmpty {
            start = .prefix(prefix, anchor: Self.rarestByte(in: prefix))
        } else if let only = startFilter.onlyLeadByte {
            start = .prefix([only], anchor: 0)
        } else {
            start = .filter
        }
    }

    deinit {
        code.deallocate()
        bytes.deallocate()
        sets.deallocate()
        ranges.deallocate()
        guardTables.deallocate()
        guardSets.deallocate()
    }

    /// The offset of the byte memchr should look for: in Chinese text the lead bytes E3–E9 (and EF, full-width
    /// punctuation) are everywhere, continuation bytes less so, other lead bytes rarely occur.
    static func rarestByte(in bytes: [UInt8]) -> Int {
        func frequency(_ b: UInt8) -> Int {
            switch b {
            case 0xE3...0xE9: 5
            case 0xEF: 4
            case ..<0x80: 3
            case 0x80...0xBF: 2
            default: 1
            }
        }
        return bytes.indices.min { frequency(bytes[$0]) < frequency(bytes[$1]) } ?? 0
    }

    private static func copy<T>(_ array: [T]) -> UnsafeMutableBufferPointer<T> {
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(array.count, 1))
        _ = buffer.initialize(from: array)
        return buffer
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
