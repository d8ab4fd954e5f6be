import ReportDocument

/// Runs a `ByteRegexProgram` at one start position of a UTF-8 text at a time, backtracking like ICU: alternatives
/// and repetitions in priority order, lookarounds atomic. One matcher serves a whole scan, reusing its stack.
/// Counts steps: every 4096 it looks at the report's deadline and the step cap, and once either is spent it fails
/// every attempt and sets `wasCut`.
struct ByteRegexMatcher: ~Copyable {
    private struct Frame {
        enum Kind: Int32 { case resume, greedyRepeat, lazyRepeat }
        var pc: Int32
        var kind: Kind
        var pos: Int
        /// greedyRepeat: the position after the minimum count; lazyRepeat: repetitions still allowed.
        var aux: Int
    }

    private let code: UnsafeMutablePointer<ByteRegexInstruction>
    private let bytes: UnsafeMutablePointer<UInt8>
    private let sets: UnsafeMutablePointer<ByteRegexSetLayout>
    private let ranges: UnsafeMutablePointer<UInt32>
    private let guardTables: UnsafeMutablePointer<UInt8>
    private let guardSets: UnsafeMutablePointer<Int32>
    private let text: UnsafePointer<UInt8>
    private let count: Int
    /// Allocated on the first push: most scans of a short text never backtrack.
    private var stack: UnsafeMutablePointer<Frame>?
    private var capacity = 0
    private var depth = 0
    private var steps = 0
    private var nextCheck = 4096
    private let stepLimit: Int
    private let deadline: Deadline?
    private(set) var wasCut = false

    /// Backtrack frames at most: 12 MB per matcher (ICU's own limit is 8 MB). A pathological pattern on a long
    /// paragraph — `(a|b)*c` over 3 MB of "abab…" — stops there instead of growing each worker by 100 MB.
    static let maxFrames = 1 << 19

    /// `text` must stay valid while the matcher is used; `count` may be 0 with any non-nil pointer.
    init(program: ByteRegexProgram, text: UnsafePointer<UInt8>, count: Int, stepLimit: Int, deadline: Deadline?) {
        code = program.code.baseAddress!
        bytes = program.bytes.baseAddress!
        sets = program.sets.baseAddress!
        ranges = program.ranges.baseAddress!
        guardTables = program.guardTables.baseAddress!
        guardSets = program.guardSets.baseAddress!
        self.text = text
        self.count = count
        self.stepLimit = stepLimit
        self.deadline = deadline
    }

    deinit { stack?.deallocate() }

    /// The end of the highest-priority match of the main program starting at `start`, or -1.
    mutating func match(at start: Int) -> Int {
        run(0, at: start, limit: count, mustEndAtLimit: false)
    }

    /// Executes from instruction `startPC`; consumes no byte at or past `limit`. In a lookbehind the match must
    /// end exactly at `limit` (the lookbehind's position).
    private mutating func run(_ startPC: Int, at start: Int, limit: Int, mustEndAtLimit: Bool) -> Int {
        let base = depth
        var pc = startPC
        var pos = start
        while true {
            steps &+= 1
            if steps >= nextCheck, budgetSpent() { depth = base; return -1 }
            let ins = code[pc]
            var ok = false
            switch ins.op {
            case .literal:
                let n = Int(ins.b)
                if pos + n <= limit {
                    let lit = bytes + Int(ins.a)
                    var k = 0
                    while k < n && text[pos + k] == lit[k] { k += 1 }
                    if k == n { ok = true; pos += n; pc += 1 }
                }
            case .set:
                if pos < limit {
                    let n = matchOne(ins.a, at: pos)
                    if n > 0 { ok = true; pos += n; pc += 1 }
                }
            case .repeatGreedy:
                let minCount = Int(ins.b), maxCount = ins.c < 0 ? Int.max : Int(ins.c)
                var p = pos, k = 0, minPos = pos
                while k < maxCount && p < limit {
                    let n = matchOne(ins.a, at: p)
                    if n == 0 { break }
                    p += n
                    k += 1
                    if k == minCount { minPos = p }
                }
                steps &+= k
                if k >= minCount, let stop = lastStop(from: p, downTo: minPos, follow: ins.d, limit: limit) {
                    if stop > minPos { push(Frame(pc: Int32(pc), kind: .greedyRepeat, pos: stop, aux: minPos)) }
                    ok = true; pos = stop; pc += 1
                }
            case .repeatLazy:
                let minCount = Int(ins.b), maxCount = ins.c < 0 ? Int.max : Int(ins.c)
                var p = pos, k = 0
                while k < minCount && p < limit {
                    let n = matchOne(ins.a, at: p)
                    if n == 0 { break }
                    p += n
                    k += 1
                }
                steps &+= k
                if k == minCount,
                   let (stop, left) = nextStop(ins, from: p, allowed: maxCount == .max ? .max : maxCount - minCount,
                                               limit: limit, first: true) {
                    if left > 0 { push(Frame(pc: Int32(pc), kind: .lazyRepeat, pos: stop, aux: left)) }
                    ok = true; pos = stop; pc += 1
                }
            case .split:
                ok = true
                if passes(ins.d, at: pos, limit: limit) {
                    push(Frame(pc: ins.b, kind: .resume, pos: pos, aux: 0))
                    pc = Int(ins.a)
                } else {
                    // The guarded target cannot start here: go straight to the other one.
                    pc = Int(ins.flag ? ins.a : ins.b)
                }
            case .jump:
                ok = true; pc = Int(ins.a)
            case .assert:
                if holds(ins.a, at: pos) { ok = true; pc += 1 }
            case .lookahead:
                let found = run(Int(ins.a), at: pos, limit: count, mustEndAtLimit: false) >= 0
                if wasCut { depth = base; return -1 }
                if found != ins.flag { ok = true; pc += 1 }
            case .lookbehind:
                let found = lookbehind(ins, at: pos)
                if wasCut { depth = base; return -1 }
                if found != ins.flag { ok = true; pc += 1 }
            case .match:
                if !mustEndAtLimit || pos == limit { depth = base; return pos }
            }
            if ok { continue }
            guard let (resumePC, resumePos) = backtrack(to: base, limit: limit) else { return -1 }
            pc = resumePC
            pos = resumePos
        }
    }

    /// Pops frames down to `base` until one offers another way forward.
    private mutating func backtrack(to base: Int, limit: Int) -> (Int, Int)? {
        while depth > base {
            let stack = stack.unsafelyUnwrapped   // depth > 0
            let f = stack[depth - 1]
            switch f.kind {
            case .resume:
                depth -= 1
                return (Int(f.pc), f.pos)
            case .greedyRepeat:
                // Give back scalars, up to the next place the continuation can start.
                guard let p = lastStop(from: previousBoundary(f.pos), downTo: f.aux, follow: code[Int(f.pc)].d,
                                       limit: limit) else { depth -= 1; continue }
                if p <= f.aux { depth -= 1 } else { stack[depth - 1].pos = p }
                return (Int(f.pc) + 1, p)
            case .lazyRepeat:
                // Take more scalars, up to the next place the continuation can start.
                guard let (p, left) = nextStop(code[Int(f.pc)], from: f.pos, allowed: f.aux, limit: limit,
                                               first: false) else { depth -= 1; continue }
                if left == 0 { depth -= 1 } else {
                    stack[depth - 1].pos = p
                    stack[depth - 1].aux = left
                }
                return (Int(f.pc) + 1, p)
            }
        }
        return nil
    }

    /// Whether the scalar at `p` can begin what guard `index` protects (-1: no guard).
    @inline(__always)
    private func passes(_ index: Int32, at p: Int, limit: Int) -> Bool {
        if index < 0 { return true }
        guard p < limit else { return false }
        let lead = text[p]
        if guardTables[Int(index) << 8 | Int(lead)] == 0 { return false }
        let exact = guardSets[Int(index)]
        return lead < 0x80 || exact < 0 || matchOne(exact, at: p) > 0
    }

    /// The last position at or before `p` (and not before `minPos`) where the continuation's first byte can match
    /// (`follow`; -1: anywhere), or nil.
    @inline(__always)
    private func lastStop(from p: Int, downTo minPos: Int, follow: Int32, limit: Int) -> Int? {
        if follow < 0 { return p }
        var p = p
        while !passes(follow, at: p, limit: limit) {
            if p <= minPos { return nil }
            p = previousBoundary(p)
        }
        return p
    }

    /// A lazy repeat's next stopping point: `p` itself when `first`, else one scalar further, then further on while
    /// the continuation cannot start there. Also returns how many more scalars stay allowed; nil when none fits.
    @inline(__always)
    private mutating func nextStop(_ ins: ByteRegexInstruction, from p: Int, allowed: Int, limit: Int,
                                   first: Bool) -> (Int, Int)? {
        var p = p, left = allowed, take = !first
        while true {
            if take {
                guard left > 0, p < limit else { return nil }
                let n = matchOne(ins.a, at: p)
                if n == 0 { return nil }
                p += n
                if left != .max { left -= 1 }
                steps &+= 1
            }
            if passes(ins.d, at: p, limit: limit) { return (p, left) }
            take = true
        }
    }

    /// ICU tries the body ending here from every start within its length bounds; any success counts.
    private mutating func lookbehind(_ ins: ByteRegexInstruction, at pos: Int) -> Bool {
        var start = pos, k = 0
        while k < Int(ins.b) {
            if start == 0 { return false }
            start = previousBoundary(start)
            k += 1
        }
        while true {
            if run(Int(ins.a), at: start, limit: pos, mustEndAtLimit: true) >= 0 { return true }
            if wasCut || k >= Int(ins.c) || start == 0 { return false }
            start = previousBoundary(start)
            k += 1
        }
    }

    private mutating func push(_ frame: Frame) {
        if depth == capacity {
            guard capacity < Self.maxFrames else {
                wasCut = true
                nextCheck = steps
                return
            }
            let grown = UnsafeMutablePointer<Frame>.allocate(capacity: max(capacity * 2, 64))
            if let stack {
                grown.moveInitialize(from: stack, count: depth)
                stack.deallocate()
            }
            stack = grown
            capacity = max(capacity * 2, 64)
        }
        stack.unsafelyUnwrapped[depth] = frame
        depth += 1
    }

    private mutating func budgetSpent() -> Bool {
        nextCheck = steps &+ 4096
        if steps >= stepLimit || deadline?.isExpired == true { wasCut = true }
        return wasCut
    }

    private func previousBoundary(_ pos: Int) -> Int {
        var p = pos - 1
        while text[p] & 0xC0 == 0x80 { p -= 1 }
        return p
    }

    /// Length in bytes of the scalar at `pos` if it is in set `index` (-1: `.`), else 0. `pos` < limit.
    @inline(__always)
    private func matchOne(_ index: Int32, at pos: Int) -> Int {
        let b0 = text[pos]
        if b0 < 0x80 {
            if index < 0 { return b0 >= 0x0A && b0 <= 0x0D ? 0 : 1 }
            let layout = sets[Int(index)]
            let word = b0 < 64 ? layout.asciiLow >> UInt64(b0) : layout.asciiHigh >> UInt64(b0 - 64)
            return Int(word & 1)
        }
        let (v, n) = decodeMultiByte(at: pos, lead: b0)
        if index < 0 { return v == 0x85 || v == 0x2028 || v == 0x2029 ? 0 : n }
        let layout = sets[Int(index)]
        var lo = 0, hi = Int(layout.rangeCount)
        let r = ranges + Int(layout.rangeStart)
        while lo < hi {
            let mid = (lo + hi) >> 1
            if r[2 * mid + 1] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(layout.rangeCount) && r[2 * lo] <= v ? n : 0
    }

    @inline(__always)
    private func decodeMultiByte(at pos: Int, lead b0: UInt8) -> (UInt32, Int) {
        let b1 = UInt32(text[pos + 1] & 0x3F)
        if b0 < 0xE0 { return (UInt32(b0 & 0x1F) << 6 | b1, 2) }
        let b2 = UInt32(text[pos + 2] & 0x3F)
        if b0 < 0xF0 { return (UInt32(b0 & 0x0F) << 12 | b1 << 6 | b2, 3) }
        return (UInt32(b0 & 0x07) << 18 | b1 << 12 | b2 << 6 | UInt32(text[pos + 3] & 0x3F), 4)
    }

    /// ICU's multi-line anchors: `^` after any line terminator except at the very end; `$` before any terminator
    /// except inside "\r\n", and at the end; `\Z` at the end or before a final terminator.
    private func holds(_ raw: Int32, at pos: Int) -> Bool {
        switch ByteRegexAssertion(rawValue: raw)! {
        case .textStart: return pos == 0
        case .textEnd: return pos == count
        case .lineStart:
            return pos == 0 || (pos < count && terminatorEnds(at: pos))
        case .leadingLineStart:
            return pos == 0 || (pos < count && terminatorEnds(at: pos) && !(text[pos - 1] == 0x0D && text[pos] == 0x0A))
        case .lineEnd:
            if pos == count { return true }
            return terminatorLength(at: pos) > 0 && !isInsideCRLF(pos)
        case .textEndBeforeFinalTerminator:
            if pos == count { return true }
            if pos + 2 == count && text[pos] == 0x0D && text[pos + 1] == 0x0A { return true }
            let n = terminatorLength(at: pos)
            return n > 0 && pos + n == count && !isInsideCRLF(pos)
        }
    }

    private func isInsideCRLF(_ pos: Int) -> Bool { pos > 0 && text[pos] == 0x0A && text[pos - 1] == 0x0D }

    /// Byte length of the line terminator starting at `pos` (< count), or 0.
    private func terminatorLength(at pos: Int) -> Int {
        let b = text[pos]
        if b >= 0x0A && b <= 0x0D { return 1 }
        if b == 0xC2 && text[pos + 1] == 0x85 { return 2 }
        if b == 0xE2 && text[pos + 1] == 0x80 && (text[pos + 2] == 0xA8 || text[pos + 2] == 0xA9) { return 3 }
        return 0
    }

    /// Whether a line terminator ends right before `pos` (> 0).
    private func terminatorEnds(at pos: Int) -> Bool {
        let b = text[pos - 1]
        if b < 0x80 { return b >= 0x0A && b <= 0x0D }
        if b == 0x85 { return pos >= 2 && text[pos - 2] == 0xC2 }
        if b == 0xA8 || b == 0xA9 { return pos >= 3 && text[pos - 2] == 0x80 && text[pos - 3] == 0xE2 }
        return false
    }
}
