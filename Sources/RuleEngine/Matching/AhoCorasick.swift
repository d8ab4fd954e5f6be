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
    /// Row of a state (at its number * classCount) + class → the next state's row offset: one load per byte, no
    /// multiply and no second table in the hot loop. Accepting states are numbered last, so a state accepts when
    /// its row offset is at least `acceptingRows` (one compare, and the row stays usable for the next byte).
    private let table: [UInt32]
    private let acceptingRows: UInt32
    private let startRow: UInt32
    private let outputs: [[Int32]]        // literals ending in each state, by new number (after failure links are merged)
    private let lengths: [Int]            // byte length of each literal

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
        // Trie, one flat row of k entries per state (-1: no edge yet): a row array per state cost an allocation each.
        var go = [Int32](repeating: -1, count: k)
        var out: [[Int32]] = [[]]
        for (i, lit) in literals.enumerated() {
            var s = 0
            for b in lit {
                let edge = s * k + Int(classes[Int(b)])
                if go[edge] < 0 {
                    go[edge] = Int32(out.count)
                    go.append(contentsOf: repeatElement(-1, count: k))
                    out.append([])
                }
                s = Int(go[edge])
            }
            out[s].append(Int32(i))
        }
        // Failure links, breadth first, turning the trie into a DFA.
        var fail = [Int](repeating: 0, count: out.count)
        var queue: [Int] = []
        for c in 0..<k {
            if go[c] < 0 { go[c] = 0 } else { fail[Int(go[c])] = 0; queue.append(Int(go[c])) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            let f = fail[s]
            if !out[f].isEmpty { out[s] += out[f] }
            for c in 0..<k {
                let t = go[s * k + c]
                if t < 0 {
                    go[s * k + c] = go[f * k + c]
                } else {
                    fail[Int(t)] = Int(go[f * k + c])
                    queue.append(Int(t))
                }
            }
        }
        // Renumber: non-accepting states first (in order), then the accepting ones.
        var number = [Int](repeating: 0, count: out.count)
        var order = out.indices.filter { out[$0].isEmpty }
        let acceptingFrom = order.count
        order += out.indices.filter { !out[$0].isEmpty }
        for (new, old) in order.enumerated() { number[old] = new }
        var table = [UInt32](repeating: 0, count: go.count)
        for (new, old) in order.enumerated() {
            for c in 0..<k { table[new * k + c] = UInt32(number[Int(go[old * k + c])] * k) }
        }
        self.byteClass = classes
        self.classCount = k
        self.table = table
        self.acceptingRows = UInt32(acceptingFrom * k)
        self.startRow = UInt32(number[0] * k)
        self.outputs = order.map { out[$0] }
        self.lengths = literals.map(\.count)
    }

    /// True when any literal occurs in `text`.
    func occurs(in text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { firstMatch(in: $0) }
    }

    /// True when any literal occurs (stops at the first).
    func firstMatch(in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        table.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                var row = startRow
                return Self.nextAccepting(bytes, from: 0, row: &row, acceptingRows, table, classes) < bytes.count
            }
        }
    }

    /// Calls `body` for every occurrence of every literal (overlapping ones included), in order of their end.
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
        let k = classCount
        table.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                var row = startRow
                var i = 0
                while true {
                    i = Self.nextAccepting(bytes, from: i, row: &row, acceptingRows, table, classes)
                    if i == bytes.count { return }
                    for lit in outputs[Int(row) / k] {
                        let n = lengths[Int(lit)]
                        body(Match(literal: Int(lit), start: i + 1 - n, end: i + 1))
                    }
                    i += 1
                }
            }
        }
    }

    /// A byte no literal uses (0xFF, which UTF-8 never uses, unless a literal does). The automaton is back in its
    /// start state after it, so texts joined with it are scanned as if each were scanned on its own. There always is
    /// one: classes are numbered from 1 in a UInt8, so at most 254 byte values have one.
    var separator: UInt8 {
        byteClass[0xFF] == 0 ? 0xFF : UInt8(byteClass.firstIndex(of: 0)!)
    }

    /// `forEachMatch` over two parts of `bytes`, `[0, split)` and `[split, count)`, walked in step: the two walks do
    /// not depend on each other, so the processor overlaps their table loads (one walk waits on each load before the
    /// next). `body` gets the part (0 or 1) and the match; each part's matches come in the order `forEachMatch`
    /// gives them, the two parts' interleaved. A match never spans `split` (each part is scanned from the start
    /// state).
    func forEachMatch(in bytes: UnsafeBufferPointer<UInt8>, split: Int, _ body: (Int, Match) -> Void) {
        let k = classCount
        table.withUnsafeBufferPointer { table in
            byteClass.withUnsafeBufferPointer { classes in
                guard let p = bytes.baseAddress else { return }
                var rows = (startRow, startRow)
                var a = 0, b = split
                let endA = split, endB = bytes.count
                func report(_ part: Int, _ row: UInt32, _ at: Int) {
                    for lit in outputs[Int(row) / k] {
                        let n = lengths[Int(lit)]
                        body(part, Match(literal: Int(lit), start: at + 1 - n, end: at + 1))
                    }
                }
                while a < endA && b < endB {
                    let accepted = Self.nextAccepting(p, &a, endA, &rows.0, &b, endB, &rows.1, acceptingRows,
                                                      table, classes)
                    if accepted & 1 != 0 { report(0, rows.0, a); a += 1 }
                    if accepted & 2 != 0 { report(1, rows.1, b); b += 1 }
                }
                // One part is done: the rest of the other on its own.
                func walkAlone(_ part: Int, from start: Int, to end: Int, row: UInt32) {
                    let upToEnd = UnsafeBufferPointer(rebasing: bytes[..<end])
                    var row = row
                    var i = start
                    while i < end {
                        i = Self.nextAccepting(upToEnd, from: i, row: &row, acceptingRows, table, classes)
                        if i == end { break }
                        report(part, row, i)
                        i += 1
                    }
                }
                walkAlone(0, from: a, to: endA, row: rows.0)
                walkAlone(1, from: b, to: endB, row: rows.1)
            }
        }
    }

    /// Two walks in step (see `forEachMatch(in:split:_:)`) until one enters an accepting state or one part ends:
    /// returns bit 0 when the first walk accepted at `a`, bit 1 when the second did at `b` (that walk's index is
    /// left on the accepting byte, the other's past the byte it read), 0 when a part ended.
    @inline(never)
    private static func nextAccepting(_ p: UnsafePointer<UInt8>, _ a: inout Int, _ endA: Int, _ rowA: inout UInt32,
                                      _ b: inout Int, _ endB: Int, _ rowB: inout UInt32, _ accepting: UInt32,
                                      _ table: UnsafeBufferPointer<UInt32>,
                                      _ classes: UnsafeBufferPointer<UInt8>) -> Int {
        var i = a, j = b, ra = rowA, rb = rowB
        defer { a = i; b = j; rowA = ra; rowB = rb }
        let stop = i &+ min(endA &- i, endB &- j)
        while i < stop {
            ra = table[Int(ra) &+ Int(classes[Int(p[i])])]
            rb = table[Int(rb) &+ Int(classes[Int(p[j])])]
            if ra >= accepting || rb >= accepting {
                var accepted = 0
                if ra >= accepting { accepted = 1 } else { i &+= 1 }
                if rb >= accepting { accepted |= 2 } else { j &+= 1 }
                return accepted
            }
            i &+= 1
            j &+= 1
        }
        return 0
    }

    /// Runs the DFA from `row` over `bytes[start...]` up to the first byte entering an accepting state: returns its
    /// index (`bytes.count` if none) and leaves that state's row in `row`. A function of its own so the per-byte
    /// loop keeps its few values in registers (inlined into the caller's match handling it spilled them); four
    /// bytes per round, so the end test and counter update are paid once per four.
    @inline(never)
    private static func nextAccepting(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, row: inout UInt32,
                                      _ accepting: UInt32, _ table: UnsafeBufferPointer<UInt32>,
                                      _ classes: UnsafeBufferPointer<UInt8>) -> Int {
        var r = row
        var i = start
        let n = bytes.count
        defer { row = r }
        while i &+ 4 <= n {
            r = table[Int(r) &+ Int(classes[Int(bytes[i])])]
            if r >= accepting { return i }
            r = table[Int(r) &+ Int(classes[Int(bytes[i &+ 1])])]
            if r >= accepting { return i &+ 1 }
            r = table[Int(r) &+ Int(classes[Int(bytes[i &+ 2])])]
            if r >= accepting { return i &+ 2 }
            r = table[Int(r) &+ Int(classes[Int(bytes[i &+ 3])])]
            if r >= accepting { return i &+ 3 }
            i &+= 4
        }
        while i < n {
            r = table[Int(r) &+ Int(classes[Int(bytes[i])])]
            if r >= accepting { return i }
            i &+= 1
        }
        return n
    }
}
