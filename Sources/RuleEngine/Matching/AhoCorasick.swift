/// Aho–Corasick automaton over UTF-8 bytes: all literals of a pattern list are found in one pass over the text.
/// Bytes are mapped to a small alphabet of the bytes the literals use, so the DFA table stays compact.
/// UTF-8 is self-synchronising, so a byte-level match of a UTF-8 literal always starts on a character boundary.
struct AhoCorasick: Sendable {
    /// A match: which literal, and its byte range in the searched text.
    struct Match: Equatable {
        var literal: Int
        var start: Int
        var end: Int
    }

    private let byteClass: [UInt8]        // 256 entries; 0 = a byte no literal uses
    private let classCount: Int
    private let table: [Int32]            // state * classCount + class → next state
    private let outputs: [[Int32]]        // literals ending in each state (after failure links are merged)
    private let lengths: [Int]            // byte length of each literal
    private let accepting: [Bool]         // outputs[state] is not empty

    init(literals: [[UInt8]]) {
        var classes = [UInt8](repeating: 0, count: 256)
        var next: UInt8 = 1
        for lit in literals {
            for b in lit where classes[Int(b)] == 0 {
                classes[Int(b)] = next
                next += 1
            }
        }
        let k = Int(next)
        // Trie.
        var go: [[Int32]] = [[Int32](repeating: -1, count: k)]
        var out: [[Int32]] = [[]]
        for (i, lit) in literals.enumerated() {
            var s = 0
            for b in lit {
                let c = Int(classes[Int(b)])
                if go[s][c] < 0 {
                    go.append([Int32](repeating: -1, count: k))
                    out.append([])
                    go[s][c] = Int32(go.count - 1)
                }
                s = Int(go[s][c])
            }
            out[s].append(Int32(i))
        }
        // Failure links, breadth first, turning the trie into a DFA.
        var fail = [Int](repeating: 0, count: go.count)
        var queue: [Int] = []
        for c in 0..<k {
            if go[0][c] < 0 { go[0][c] = 0 } else { fail[Int(go[0][c])] = 0; queue.append(Int(go[0][c])) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            out[s] += out[fail[s]]
            for c in 0..<k {
                let t = go[s][c]
                if t < 0 {
                    go[s][c] = go[fail[s]][c]
                } else {
                    fail[Int(t)] = Int(go[fail[s]][c])
                    queue.append(Int(t))
                }
            }
        }
        self.byteClass = classes
        self.classCount = k
        self.table = go.flatMap { $0 }
        self.outputs = out
        self.lengths = literals.map(\.count)
        self.accepting = out.map { !$0.isEmpty }
    }

    /// True when any literal occurs in `text`.
    func occurs(in text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { firstMatch(in: $0) }
    }

    /// True when any literal occurs (stops at the first).
    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let k = classCount
        return table.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                accepting.withUnsafeBufferPointer { accepting in
                    var s = 0
                    for b in bytes {
                        s = Int(table[s &* k &+ Int(classes[Int(b)])])
                        if accepting[s] { return true }
                    }
                    return false
                }
            }
        }
    }

    /// Calls `body` for every occurrence of every literal (overlapping ones included), in order of their end.
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
        let k = classCount
        table.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                accepting.withUnsafeBufferPointer { accepting in
                    var s = 0
                    for i in 0..<bytes.count {
                        s = Int(table[s &* k &+ Int(classes[Int(bytes[i])])])
                        if accepting[s] {
                            for lit in outputs[s] {
                                let n = lengths[Int(lit)]
                                body(Match(literal: Int(lit), start: i + 1 - n, end: i + 1))
                            }
                        }
                    }
                }
            }
        }
    }
}
