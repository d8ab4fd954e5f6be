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
        var allHits: [Hit] = [], start: [Int32] = [0], allSeen: [Bool] = []
        start.reserveCapacity(blocks.count + 1)
        allSeen.reserveCapacity(blocks.count * slots.count)
        var hits: [Hit] = []
        var seen = [Bool](repeating: false, count: slots.count)
        var perSlot = [Int](repeating: 0, count: slots.count)
        for block in blocks {
            hits.removeAll(keepingCapacity: true)
            for s in seen.indices { seen[s] = false; perSlot[s] = 0 }
            if let automaton { scan(block.folded, automaton, limitPerSlot, &hits, &seen, &perSlot) }
            allHits.append(contentsOf: hits)
            start.append(Int32(allHits.count))
            allSeen.append(contentsOf: seen)
        }
        return DocumentHits(slots: slots.count, hits: allHits, start: start, seen: allSeen)
    }

    private func scan(_ text: String, _ automaton: AhoCorasick, _ limitPerSlot: Int, _ hits: inout [Hit],
                      _ seen: inout [Bool], _ perSlot: inout [Int]) {
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
    }
}
