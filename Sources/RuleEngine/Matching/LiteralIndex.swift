/// The literals of every pattern set a pack matches against report blocks, in one Aho–Corasick automaton: a block
/// is scanned once for all of them, instead of once per condition that looks at it (a pack's conditions scan the
/// same sections over and over — that was most of the literal matching time).
///
/// Per set, the hits come out exactly as the set's own automaton gives them: ordered by end, and at one end the
/// longer literal first (a state's outputs are its own literals followed by those of its failure link).
final class LiteralIndex: Sendable {
    /// A literal match of one pattern set in a block, in scalar offsets of the block's folded text.
    struct Hit {
        var slot: Int32
        var match: PatternSet.Match
    }

    private let automaton: AhoCorasick?
    /// Per literal of the automaton: the slot of the set it belongs to.
    private let slotOfLiteral: [Int32]
    /// `PatternSet.cacheID` → slot.
    private let slots: [Int: Int32]

    init(_ sets: [PatternSet]) {
        var literals: [[UInt8]] = []
        var owners: [Int32] = []
        var slots: [Int: Int32] = [:]
        for set in sets where !set.literalBytes.isEmpty && slots[set.cacheID] == nil {
            let slot = Int32(slots.count)
            slots[set.cacheID] = slot
            for literal in set.literalBytes {
                literals.append(literal)
                owners.append(slot)
            }
        }
        self.automaton = literals.isEmpty ? nil : AhoCorasick(literals: literals)
        self.slotOfLiteral = owners
        self.slots = slots
    }

    /// The slot of a pattern set, nil when the set is not indexed (then it scans on its own).
    func slot(of set: PatternSet) -> Int32? { slots[set.cacheID] }

    /// Every indexed literal in `text`, at most `limitPerSlot` per set (the cap of `PatternSet.literalMatches`).
    func hits(in text: String, limitPerSlot: Int = PatternSet.matchLimit) -> [Hit] {
        guard let automaton else { return [] }
        var hits: [Hit] = []
        var perSlot = [Int](repeating: 0, count: slots.count)
        var copy = text
        copy.withUTF8 { buffer in
            var scalarIndex = 0
            var byteIndex = 0
            automaton.forEachMatch(in: buffer) { m in
                let slot = slotOfLiteral[m.literal]
                guard perSlot[Int(slot)] < limitPerSlot else { return }
                perSlot[Int(slot)] += 1
                // Byte → scalar offsets in one forward walk (matches come ordered by end).
                while byteIndex < m.end {
                    if buffer[byteIndex] & 0xC0 != 0x80 { scalarIndex += 1 }
                    byteIndex += 1
                }
                var inside = 0
                for k in m.start..<m.end where buffer[k] & 0xC0 != 0x80 { inside += 1 }
                hits.append(Hit(slot: slot, match: PatternSet.Match(start: scalarIndex - inside, end: scalarIndex)))
            }
        }
        return hits
    }
}
