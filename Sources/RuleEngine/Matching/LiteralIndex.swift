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

    /// What one block holds: the positioned hits, and which slots occur at all. A class: it is looked up for
    /// every condition on every block, and a struct copy retained both arrays each time.
    final class BlockHits {
        var hits: [Hit] = []
        var seen: [Bool]
        init(slots: Int) { seen = Array(repeating: false, count: slots) }
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

    /// Every indexed literal in `text`, at most `limitPerSlot` per list (the cap of `PatternSet.literalMatches`).
    func hits(in text: String, limitPerSlot: Int = PatternSet.matchLimit) -> BlockHits {
        let result = BlockHits(slots: slots.count)
        guard let automaton else { return result }
        var hits: [Hit] = []
        var seen = result.seen
        var perSlot = [Int](repeating: 0, count: slots.count)
        var copy = text
        copy.withUTF8 { buffer in
            var walker = ScalarOffsetWalker(buffer)
            automaton.forEachMatch(in: buffer) { m in
                let slot = Int(slotOfLiteral[m.literal])
                seen[slot] = true
                guard !presenceOnly[slot], perSlot[slot] < limitPerSlot else { return }
                perSlot[slot] += 1
                hits.append(Hit(slot: Int32(slot), match: walker.match(start: m.start, end: m.end)))
            }
        }
        result.hits = hits
        result.seen = seen
        return result
    }

}
