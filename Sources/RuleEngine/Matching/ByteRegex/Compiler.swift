/// Turns a parsed pattern into a `ByteRegexProgram`: counted repetitions unrolled, one-scalar loops as single
/// instructions (they backtrack a scalar at a time without a stack frame per iteration), runs of literal scalars
/// as one byte comparison, lookaround bodies as sub-programs after the main one.
///
/// Each node is compiled knowing what may follow it (`follow`: the scalars the rest of the pattern can start with;
/// nil when the rest may match empty). Alternatives and optional parts get a first-byte guard, repetitions the
/// follow set: a path whose next byte cannot match is never pushed or tried, which spares most backtracking on
/// alternations of words.
struct ByteRegexCompiler {
    /// Unrolling `(…){n,m}` can grow a program quickly; larger ones are left to ICU.
    static let maxInstructions = 20_000

    private var code: [ByteRegexInstruction] = []
    private var bytes: [UInt8] = []
    private var sets: [ScalarSet] = []
    private var guards: [(table: [UInt8], exact: Int32)] = []
    private var pendingLookarounds: [(instruction: Int, body: ByteRegexNode)] = []

    static func compile(_ parsed: ByteRegexNode) throws(ByteRegex.Unsupported) -> ByteRegexProgram {
        let root = try parsed.withLeadingLineStart()
        var compiler = ByteRegexCompiler()
        try compiler.emit(root, follow: nil)
        compiler.code.append(ByteRegexInstruction(op: .match))
        var next = 0
        while next < compiler.pendingLookarounds.count {
            let (instruction, body) = compiler.pendingLookarounds[next]
            next += 1
            compiler.code[instruction].a = Int32(compiler.code.count)
            try compiler.emit(body, follow: nil)
            compiler.code.append(ByteRegexInstruction(op: .match))
        }
        let nullable = root.minLength == 0
        return ByteRegexProgram(code: compiler.code, bytes: compiler.bytes, sets: compiler.sets,
                                guardTables: compiler.guards.flatMap(\.table), guardSets: compiler.guards.map(\.exact),
                                nullable: nullable,
                                prefix: root.literalPrefix.flatMap(UTF8Encoding.bytes(of:)),
                                firstScalars: nullable ? ScalarSet() : root.firstScalars)
    }

    private mutating func append(_ instruction: ByteRegexInstruction) throws(ByteRegex.Unsupported) {
        guard code.count < Self.maxInstructions else {
            throw ByteRegex.Unsupported("pattern too large once repetitions are unrolled")
        }
        code.append(instruction)
    }

    /// Index of `set` for `set`/`repeat` instructions; -1 stands for `.` (matched by a dedicated fast path).
    private mutating func setIndex(_ set: ScalarSet) -> Int32 {
        if set == .dot { return -1 }
        if let existing = sets.firstIndex(of: set) { return Int32(existing) }
        sets.append(set)
        return Int32(sets.count - 1)
    }

    /// A guard on the next scalar being in `scalars`, or -1 (none) when nil or when any byte could lead. The lead
    /// byte is checked by table; the whole scalar too when the set's non-ASCII part is sparse (words of an
    /// alternation: most Chinese text shares their lead bytes).
    private mutating func guardIndex(_ scalars: ScalarSet?) -> Int32 {
        guard let scalars, case let table = scalars.leadBytes, table.contains(0) else { return -1 }
        let exact = scalars.nonASCIICount <= 4096 && scalars != .dot ? setIndex(scalars) : -1
        if let existing = guards.firstIndex(where: { $0.table == table && $0.exact == exact }) { return Int32(existing) }
        guards.append((table, exact))
        return Int32(guards.count - 1)
    }

    /// The scalars a match of `node` can start with when it cannot match empty, else nil.
    private static func guardSet(_ node: ByteRegexNode) -> ScalarSet? {
        node.minLength > 0 ? node.firstScalars : nil
    }

    /// What can start `items` followed by `follow` (nil: possibly nothing, no constraint).
    private static func first(of items: ArraySlice<ByteRegexNode>, then follow: ScalarSet?) -> ScalarSet? {
        var set = ScalarSet()
        for item in items {
            set.formUnion(item.firstScalars)
            if item.minLength > 0 { return set }
        }
        return follow.map { set.union($0) }
    }

    private mutating func emit(_ node: ByteRegexNode, follow: ScalarSet?) throws(ByteRegex.Unsupported) {
        switch node {
        case .empty:
            break
        case .set(let set):
            if let scalar = set.singleScalar {
                try emitLiteral([scalar])
            } else {
                try append(ByteRegexInstruction(op: .set, a: setIndex(set)))
            }
        case .concat(let items):
            var run: [UInt32] = []
            for (k, item) in items.enumerated() {
                if case .set(let set) = item, let scalar = set.singleScalar {
                    run.append(scalar)
                    continue
                }
                try emitLiteral(run)
                run = []
                try emit(item, follow: Self.first(of: items[(k + 1)...], then: follow))
            }
            try emitLiteral(run)
        case .alternation(let branches):
            var exits: [Int] = []
            for (k, branch) in branches.enumerated() {
                let isLast = k == branches.count - 1
                let split = code.count
                if !isLast {
                    try append(ByteRegexInstruction(op: .split, a: Int32(split + 1),
                                                    d: guardIndex(Self.guardSet(branch))))
                }
                try emit(branch, follow: follow)
                if !isLast {
                    exits.append(code.count)
                    try append(ByteRegexInstruction(op: .jump))
                    code[split].b = Int32(code.count)
                }
            }
            for exit in exits { code[exit].a = Int32(code.count) }
        case .repetition(let body, let min, let max, let lazy):
            try emitRepetition(body, min: min, max: max, lazy: lazy, follow: follow)
        case .assertion(let kind):
            try append(ByteRegexInstruction(op: .assert, a: kind.rawValue))
        case .lookaround(let body, let behind, let negated):
            pendingLookarounds.append((code.count, body))
            try append(ByteRegexInstruction(op: behind ? .lookbehind : .lookahead, flag: negated,
                                            b: Int32(body.minLength), c: Int32(body.maxLength ?? 0)))
        }
    }

    private mutating func emitLiteral(_ scalars: [UInt32]) throws(ByteRegex.Unsupported) {
        guard !scalars.isEmpty else { return }
        let offset = bytes.count
        for scalar in scalars { bytes += UTF8Encoding.bytes(of: scalar) }
        try append(ByteRegexInstruction(op: .literal, a: Int32(offset), b: Int32(bytes.count - offset)))
    }

    /// The body never matches empty (the parser refuses that), so loops need no zero-progress check.
    private mutating func emitRepetition(_ body: ByteRegexNode, min: Int, max: Int?, lazy: Bool,
                                         follow: ScalarSet?) throws(ByteRegex.Unsupported) {
        if case .set(let set) = body {
            try append(ByteRegexInstruction(op: lazy ? .repeatLazy : .repeatGreedy, a: setIndex(set), b: Int32(min),
                                            c: Int32(max ?? -1), d: guardIndex(follow)))
            return
        }
        // Another copy of the body or the rest of the pattern may come next.
        let bodyFollow = follow.map { body.firstScalars.union($0) }
        let bodyGuard = guardIndex(Self.guardSet(body))
        for copy in 0..<min {
            try emit(body, follow: copy < min - 1 ? body.firstScalars : max == min ? follow : bodyFollow)
        }
        if let max {
            // Optional copies, each skipping to the common end when declined: (x(x(x)?)?)? flattened.
            var splits: [Int] = []
            for copy in min..<max {
                splits.append(code.count)
                try append(ByteRegexInstruction(op: .split, d: bodyGuard))
                try emit(body, follow: copy == max - 1 ? follow : bodyFollow)
            }
            let end = Int32(code.count)
            for split in splits { setPriority(split, body: Int32(split + 1), skip: end, lazy: lazy) }
        } else {
            let loop = code.count
            try append(ByteRegexInstruction(op: .split, d: bodyGuard))
            try emit(body, follow: bodyFollow)
            try append(ByteRegexInstruction(op: .jump, a: Int32(loop)))
            setPriority(loop, body: Int32(loop + 1), skip: Int32(code.count), lazy: lazy)
        }
    }

    /// Greedy: try the body first (the guarded target a); lazy: skip first, the body is the guarded target b.
    private mutating func setPriority(_ split: Int, body: Int32, skip: Int32, lazy: Bool) {
        code[split].a = lazy ? skip : body
        code[split].b = lazy ? body : skip
        code[split].flag = lazy
    }
}
