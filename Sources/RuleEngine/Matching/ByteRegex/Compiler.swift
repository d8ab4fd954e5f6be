/// Turns a parsed pattern into a `ByteRegexProgram`: counted repetitions unrolled, one-scalar loops as single
/// instructions (they backtrack a scalar at a time without a stack frame per iteration), runs of literal scalars
/// as one byte comparison, lookaround bodies as sub-programs after the main one.
struct ByteRegexCompiler {
    /// Unrolling `(…){n,m}` can grow a program quickly; larger ones are left to ICU.
    static let maxInstructions = 20_000

    private var code: [ByteRegexInstruction] = []
    private var bytes: [UInt8] = []
    private var sets: [ScalarSet] = []
    private var pendingLookarounds: [(instruction: Int, body: ByteRegexNode)] = []

    static func compile(_ root: ByteRegexNode) throws(ByteRegex.Unsupported) -> ByteRegexProgram {
        var compiler = ByteRegexCompiler()
        try compiler.emit(root)
        compiler.code.append(ByteRegexInstruction(op: .match))
        var next = 0
        while next < compiler.pendingLookarounds.count {
            let (instruction, body) = compiler.pendingLookarounds[next]
            next += 1
            compiler.code[instruction].a = Int32(compiler.code.count)
            try compiler.emit(body)
            compiler.code.append(ByteRegexInstruction(op: .match))
        }
        let nullable = root.minLength == 0
        return ByteRegexProgram(code: compiler.code, bytes: compiler.bytes, sets: compiler.sets, nullable: nullable,
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

    private mutating func emit(_ node: ByteRegexNode) throws(ByteRegex.Unsupported) {
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
            for item in items {
                if case .set(let set) = item, let scalar = set.singleScalar {
                    run.append(scalar)
                    continue
                }
                try emitLiteral(run)
                run = []
                try emit(item)
            }
            try emitLiteral(run)
        case .alternation(let branches):
            var exits: [Int] = []
            for (k, branch) in branches.enumerated() {
                let isLast = k == branches.count - 1
                let split = code.count
                if !isLast { try append(ByteRegexInstruction(op: .split, a: Int32(split + 1))) }
                try emit(branch)
                if !isLast {
                    exits.append(code.count)
                    try append(ByteRegexInstruction(op: .jump))
                    code[split].b = Int32(code.count)
                }
            }
            for exit in exits { code[exit].a = Int32(code.count) }
        case .repetition(let body, let min, let max, let lazy):
            try emitRepetition(body, min: min, max: max, lazy: lazy)
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
    private mutating func emitRepetition(_ body: ByteRegexNode, min: Int, max: Int?,
                                         lazy: Bool) throws(ByteRegex.Unsupported) {
        if case .set(let set) = body {
            try append(ByteRegexInstruction(op: lazy ? .repeatLazy : .repeatGreedy, a: setIndex(set), b: Int32(min),
                                            c: Int32(max ?? -1)))
            return
        }
        for _ in 0..<min { try emit(body) }
        if let max {
            // Optional copies, each skipping to the common end when declined: (x(x(x)?)?)? flattened.
            var splits: [Int] = []
            for _ in min..<max {
                splits.append(code.count)
                try append(ByteRegexInstruction(op: .split))
                try emit(body)
            }
            let end = Int32(code.count)
            for split in splits { setPriority(split, body: Int32(split + 1), skip: end, lazy: lazy) }
        } else {
            let loop = code.count
            try append(ByteRegexInstruction(op: .split))
            try emit(body)
            try append(ByteRegexInstruction(op: .jump, a: Int32(loop)))
            setPriority(loop, body: Int32(loop + 1), skip: Int32(code.count), lazy: lazy)
        }
    }

    private mutating func setPriority(_ split: Int, body: Int32, skip: Int32, lazy: Bool) {
        code[split].a = lazy ? skip : body
        code[split].b = lazy ? body : skip
    }
}
