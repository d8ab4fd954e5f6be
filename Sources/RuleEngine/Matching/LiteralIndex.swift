import ReportDocument

/// The literals of every pattern set a pack matches against report blocks, in one Aho–Corasick automaton: a block
/// is scanned once for all of them, instead of once per condition that looks at it (a pack's conditions scan the
/// same sections over and over — that was most of the literal matching time). Regex prefilters (literals a regex
/// cannot match without) ride along as presence-only lists: a block without any of them skips the regex.
///
/// Per set, the hits come out exactly as the set's own automaton gives them: ordered by end, and at one end the
/// longer literal first (a state's outputs are its own literals followed by those of its failure link).
final class LiteralIndex: Sendable {
    /// A list of literals to index, under an id (`PatternSet.cacheID`, or a regex's prefilter id).
    struct List {
        var id: Int
        var literals: [[UInt8]]
        /// Only whether one of them occurs matters (no positions are kept).
        var presenceOnly: Bool
    }

    /// A literal match of one list in a block, in scalar offsets of the block's folded text.
    struct Hit {
        var slot: Int32
        var match: PatternSet.Match
    }

    /// The hits of every block of one document, flat (no object per block: they are looked up for every condition
    /// on every block). Block `b`'s hits are `hits[start[b]..<start[b + 1]]`; `seen[b * slots + s]` says whether slot
    /// `s` occurs in block `b` at all.
    final class DocumentHits {
        let slots: Int
        // Constants once built (`let`: read for every condition on every block, a `var` of a class paid a dynamic
        // exclusivity check per read).
        private let hits: [Hit]
        private let start: [Int32]
        private let seen: [Bool]

        init(slots: Int, hits: [Hit] = [], start: [Int32] = [0], seen: [Bool] = []) {
            self.slots = slots
            self.hits = hits
            self.start = start
            self.seen = seen
        }

        @inline(__always)
        func occurs(slot: Int32, inBlock block: Int) -> Bool { seen[block &* slots &+ Int(slot)] }

        /// The positioned hits of `slot` in block `block`, in scan order.
        func matches(slot: Int32, inBlock block: Int) -> [PatternSet.Match] {
            var out: [PatternSet.Match] = []
            for k in Int(start[block])..<Int(start[block + 1]) where hits[k].slot == slot { out.append(hits[k].match) }
            return out
        }
    }

    private let automaton: AhoCorasick?
    /// Per literal of the automaton: the slot of the list it belongs to.
    private let slotOfLiteral: [Int32]
    private let presenceOnly: [Bool]
    /// List id → slot.
    private let slots: [Int: Int32]

    init(_ lists: [List]) {
        var literals: [[UInt8]] = []
        var owners: [Int32] = []
        var presence: [Bool] = []
        var slots: [Int: Int32] = [:]
        for list in lists where !list.literals.isEmpty && slots[list.id] == nil {
            let slot = Int32(slots.count)
            slots[list.id] = slot
            presence.append(list.presenceOnly)
            for literal in list.literals {
                literals.append(literal)
                owners.append(slot)
            }
        }
        self.automaton = literals.isEmpty ? nil : AhoCorasick(literals: literals)
        self.slotOfLiteral = owners
        self.presenceOnly = presence
        self.slots = slots
    }

    /// The slot of a list, nil when it is not indexed (then it is matched on its own).
    func slot(of id: Int) -> Int32? { slots[id] }

    var slotCount: Int { slots.count }

    /// Every indexed literal in every block's folded text, at most `limitPerSlot` per list and block (the cap of
    /// `PatternSet.literalMatches`). All blocks at once: a pack's whole-document conditions read them all anyway.
    func hits(in blocks: [Block], limitPerSlot: Int = PatternSet.matchLimit) -> DocumentHits {
        guard let automaton else {
            return DocumentHits(slots: slots.count, start: [Int32](repeating: 0, count: blocks.count + 1),
                                seen: [Bool](repeating: false, count: blocks.count * slots.count))
        }
        let separator = automaton.separator
        // The blocks' folded texts joined by a byte no literal uses (the automaton restarts after it), and cut in two
        // at a block boundary near the middle: the two halves are scanned in step (see `AhoCorasick`).
        var text: [UInt8] = []
        var ends: [Int] = []   // each block's end in `text` (its separator follows)
        ends.reserveCapacity(blocks.count)
        text.reserveCapacity(blocks.reduce(blocks.count) { $0 + $1.folded.utf8.count })
        for block in blocks {
            var folded = block.folded
            folded.withUTF8 { text.append(contentsOf: $0) }
            ends.append(text.count)
            text.append(separator)
        }
        let firstOfSecondHalf = ends.firstIndex { $0 >= text.count / 2 }.map { $0 + 1 } ?? blocks.count
        let split = firstOfSecondHalf == 0 ? 0 : ends[firstOfSecondHalf - 1] + 1
        var seen = [Bool](repeating: false, count: blocks.count * slots.count)
        var parts = (HalfScan(firstBlock: 0, slots: slots.count),
                     HalfScan(firstBlock: firstOfSecondHalf, slots: slots.count))
        text.withUnsafeBufferPointer { text in
            automaton.forEachMatch(in: text, split: split) { part, m in
                let slot = Int(slotOfLiteral[m.literal])
                if part == 0 {
                    parts.0.add(m, slot: slot, text: text, ends: ends, seen: &seen, slots: slots.count,
                                presenceOnly: presenceOnly[slot], limit: limitPerSlot)
                } else {
                    parts.1.add(m, slot: slot, text: text, ends: ends, seen: &seen, slots: slots.count,
                                presenceOnly: presenceOnly[slot], limit: limitPerSlot)
                }
            }
        }
        // Block order: the first half's blocks, then the second's.
        var hits = parts.0.hits
        hits.append(contentsOf: parts.1.hits)
        var blockOf = parts.0.blockOfHit
        blockOf.append(contentsOf: parts.1.blockOfHit)
        var start = [Int32](repeating: 0, count: blocks.count + 1)
        for b in blockOf { start[Int(b) + 1] += 1 }
        for b in 0..<blocks.count { start[b + 1] += start[b] }
        return DocumentHits(slots: slots.count, hits: hits, start: start, seen: seen)
    }

    /// One half's walk through its blocks: the block a match lies in, its hits, the per-block cap.
    private struct HalfScan {
        var block: Int
        var hits: [Hit] = []
        var blockOfHit: [Int32] = []
        /// Per slot: hits kept in `counted`'s block.
        var perSlot: [Int]
        var counted: [Int]
        var walker: ScalarOffsetWalker? = nil

        init(firstBlock: Int, slots: Int) {
            block = firstBlock
            perSlot = [Int](repeating: 0, count: slots)
            counted = [Int](repeating: -1, count: slots)
        }

        mutating func add(_ m: AhoCorasick.Match, slot: Int, text: UnsafeBufferPointer<UInt8>, ends: [Int],
                          seen: inout [Bool], slots: Int, presenceOnly: Bool, limit: Int) {
            // Matches come in order of their end, and none spans a separator.
            if walker == nil || m.end > ends[block] {
                while m.end > ends[block] { block += 1 }
                let blockStart = block == 0 ? 0 : ends[block - 1] + 1
                walker = ScalarOffsetWalker(UnsafeBufferPointer(rebasing: text[blockStart..<ends[block]]),
                                            base: blockStart)
            }
            seen[block &* slots &+ slot] = true
            guard !presenceOnly else { return }
            if counted[slot] != block { counted[slot] = block; perSlot[slot] = 0 }
            guard perSlot[slot] < limit else { return }
            perSlot[slot] += 1
            hits.append(Hit(slot: Int32(slot), match: walker!.match(start: m.start, end: m.end)))
            blockOfHit.append(Int32(block))
        }
    }
}
