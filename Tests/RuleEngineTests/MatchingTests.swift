import Foundation
import ReportDocument
import Testing
@testable import RuleEngine

@Suite struct MatchingTests {
    @Test func ahoCorasickFindsOverlappingLiterals() throws {
        let set = try PatternSet(["生效裁判", "裁判", "判决"])
        let m = set.matches(in: "履行生效裁判和判决")
        #expect(m.map { [$0.start, $0.end] }.sorted { $0[0] < $1[0] } == [[2, 6], [4, 6], [7, 9]])
    }

    @Test func regexesRunOnFoldedTextWithFullWidthPatterns() throws {
        let set = try PatternSet(["re:（\\d+）"])
        #expect(set.occurs(in: "(12)"))
    }

    @Test func prefilterFindsRequiredLiterals() {
        #expect(RegexPrefilter.requiredLiterals("(?<![A-Za-z])X{2,}(?![A-Za-z])") == ["X"])
        #expect(RegexPrefilter.requiredLiterals("×{2,}") == ["×"])
        #expect(RegexPrefilter.requiredLiterals("\\[待填\\]|\\(待填\\)") == ["(待填)", "[待填]"])
        #expect(RegexPrefilter.requiredLiterals("(无|未发生|没有).{0,20}(诉讼|应诉)") == ["应诉", "诉讼"])
        #expect(RegexPrefilter.requiredLiterals("(不涉及|未涉及|没有涉及).{0,12}(裁判|判决|裁定)") == ["不涉及", "未涉及", "没有涉及"])
        #expect(RegexPrefilter.requiredLiterals("(初审|复审)\\s?:\\s?(?=初审|$)") == ["初审", "复审"])
        #expect(RegexPrefilter.requiredLiterals("\\d+件") == ["件"])
        // Unsure → no filter.
        #expect(RegexPrefilter.requiredLiterals("a?b*") == nil)
        #expect(RegexPrefilter.requiredLiterals("(?:甲|乙)") == nil)
        #expect(RegexPrefilter.requiredLiterals("甲|.*") == nil)
    }

    @Test func regexMatchesPerBlockAreScalarOffsets() throws {
        let set = try PatternSet(["re:(无|未发生).{0,20}(诉讼|应诉)"])
        let blocks = ["全年培训3次。", "全年无行政诉讼案件。", "未发生应诉。无关", "😀无诉讼"]
        let found = blocks.map { set.regexMatches(in: $0) }
        #expect(found[0].isEmpty)
        #expect(found[1] == [PatternSet.Match(start: 2, end: 7)])
        #expect(found[2] == [PatternSet.Match(start: 0, end: 5)])
        #expect(found[3] == [PatternSet.Match(start: 1, end: 4)])   // a non-BMP scalar counts once
    }

    @Test func emptyRegexMatchesAreNeitherReturnedNorCounted() throws {
        // `a*` matches empty at every position: only "aa" and "a" count, on both engines ((?i) runs on ICU).
        for pattern in ["re:a*", "re:(?i)a*"] {
            let set = try PatternSet([pattern])
            #expect(set.matches(in: "xaaxya").map { [$0.start, $0.end] } == [[1, 3], [5, 6]], "\(pattern)")
            #expect(set.matches(in: "xaaxya", limit: 1).map { [$0.start, $0.end] } == [[1, 3]], "\(pattern)")
        }
    }

    @Test func packRegexesRunOnTheByteEngineAndTheRestOnICU() throws {
        // PatternSet hands every pattern ByteRegex compiles to the byte engine.
        #expect((try? ByteRegex("(无|未发生).{0,20}(诉讼|应诉)")) != nil)
        #expect(BlockRegex(body: "(无|未发生).{0,20}(诉讼|应诉)", bytes: try ByteRegex("(无|未发生).{0,20}(诉讼|应诉)")).usesByteEngine)
        #expect(!BlockRegex(body: "\\bab\\b", icu: try NSRegularExpression(pattern: "\\bab\\b")).usesByteEngine)
        // \b is not in the byte engine's subset: ICU runs it, with the same results through the same API.
        let set = try PatternSet(["re:\\bab\\b"])
        #expect(set.matches(in: "x ab y").map { [$0.start, $0.end] } == [[2, 4]])
    }

    @Test func onlyRepeatedGroupsGetTheBudgetWatchdog() {
        #expect(RegexSafety.mayBacktrackExponentially("(a|aa)+$"))
        #expect(RegexSafety.mayBacktrackExponentially("(ab){2,}"))
        #expect(!RegexSafety.mayBacktrackExponentially("(无|未发生).{0,20}(诉讼|应诉)"))
        #expect(!RegexSafety.mayBacktrackExponentially("\\d+(\\.\\d+)?(万|亿)?(件|次)"))
        #expect(!RegexSafety.mayBacktrackExponentially("[(]x[)]+"))
    }
}

/// The pack-wide literal index must give every set exactly what the set's own automaton gives: the same matches in
/// the same order (evidence is the first matches), whatever other sets share the automaton.
@Suite struct LiteralIndexTests {
    @Test func indexedHitsEqualEachSetsOwnMatches() throws {
        let sets = [
            try PatternSet(["生效裁判", "裁判", "判决", "生效判决"]),
            try PatternSet(["判", "裁判", "XX", "XXXX"]),
            try PatternSet(["X", "年度", "2025年"]),
            try PatternSet(["判决", "判决"]),   // a duplicate literal
        ]
        let index = LiteralIndex(sets.flatMap(\.indexLists))
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["生", "效", "裁", "判", "决", "X", "年", "度", "2", "0", "5", "，", " ", "😀"]
        // Many blocks per document: each block's hits must stay its own in the flat per-document layout.
        for _ in 0..<200 {
            let blocks = (0..<Int.random(in: 1...12, using: &rng)).map { _ in
                let text = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
                return Block(kind: .paragraph, text: text.isEmpty ? " " : text, location: SourceLocation(line: 1, column: 1))
            }
            let hits = index.hits(in: blocks)
            for (b, block) in blocks.enumerated() {
                for set in sets {
                    let slot = try #require(index.slot(of: set.cacheID))
                    let viaIndex = hits.matches(slot: slot, inBlock: b)
                    #expect(viaIndex == set.literalMatches(in: block.folded), "\(set.source) in \(block.folded)")
                    #expect(hits.occurs(slot: slot, inBlock: b) == !viaIndex.isEmpty)
                }
            }
        }
    }

    /// The blocks are joined by a byte no literal uses (0xFF, or another when a literal uses 0xFF) and scanned in two
    /// halves in step; each set must still get its own matches in each block, also where a block holds that byte.
    @Test func joinedBlocksGiveEachBlockItsOwnHits() throws {
        let set = try PatternSet(["裁判", "判决", "XX", "X"])
        // Single-byte literals for all byte values but "~" and DEL: the separator becomes "~".
        let manyBytes = LiteralIndex.List(id: -1, literals: (0...255).filter { $0 != 0x7E && $0 != 0x7F }.map { [UInt8($0)] },
                                          presenceOnly: true)
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["裁", "判", "决", "X", "，", " ", "~", "😀"]
        for index in [LiteralIndex(set.indexLists), LiteralIndex(set.indexLists + [manyBytes])] {
            for _ in 0..<200 {
                let blocks = (0..<Int.random(in: 1...20, using: &rng)).map { _ in
                    let text = (0..<Int.random(in: 0...60, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
                    return Block(kind: .paragraph, text: text.isEmpty ? " " : text, location: SourceLocation(line: 1, column: 1))
                }
                let hits = index.hits(in: blocks)
                let slot = try #require(index.slot(of: set.cacheID))
                for (b, block) in blocks.enumerated() {
                    #expect(hits.matches(slot: slot, inBlock: b) == set.literalMatches(in: block.folded), "\(block.folded)")
                }
            }
        }
    }

    @Test func prefilterListsOnlyMarkPresence() throws {
        let set = try PatternSet(["re:(无|未发生).{0,20}(诉讼|应诉)"])
        let lists = set.indexLists.filter(\.presenceOnly)
        #expect(lists.count == 1)
        let index = LiteralIndex(lists)
        let slot = try #require(index.slot(of: lists[0].id))
        let blocks = ["全年无行政诉讼案件", "全年无行政复议案件"].map {
            Block(kind: .paragraph, text: $0, location: SourceLocation(line: 1, column: 1))
        }
        let hits = index.hits(in: blocks)
        #expect(hits.occurs(slot: slot, inBlock: 0) && hits.matches(slot: slot, inBlock: 0).isEmpty)
        #expect(!hits.occurs(slot: slot, inBlock: 1))
    }
}

/// `occurs` skips collecting matches; it must answer exactly whether `matches` finds any.
@Suite struct PatternSetOccursTests {
    @Test func occursEqualsHavingAMatch() throws {
        let sets = [
            try PatternSet(["生效裁判", "裁判", "判决"]),
            try PatternSet(["re:(无|未发生).{0,5}(诉讼|应诉)"]),
            try PatternSet(["年度", "re:20[0-9]{2}年", "re:^X+$"]),
            try PatternSet(["re:判?"]),   // only empty matches possible at some places
        ]
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["生", "效", "裁", "判", "决", "无", "未发生", "诉讼", "应诉", "X", "年", "度", "2", "0", "5", "\n", "😀"]
        for _ in 0..<2_000 {
            let text = (0..<Int.random(in: 0...20, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            for set in sets {
                #expect(set.occurs(in: text) == !set.matches(in: text, limit: 1).isEmpty, "\(set.source) in \(text)")
            }
        }
    }
}

/// Random literals and texts for the automaton: whole UTF-8 characters, and stray bytes.
struct RandomWords {
    private var rng = SystemRandomNumberGenerator()
    private let pieces: [[UInt8]]

    init(strayBytes: [UInt8]) {
        pieces = ["裁", "判", "决", "X", "年", "a", "😀"].map { Array($0.utf8) } + strayBytes.map { [$0] }
    }

    mutating func word(_ length: ClosedRange<Int>) -> [UInt8] {
        (0..<Int.random(in: length, using: &rng)).flatMap { _ in pieces.randomElement(using: &rng)! }
    }

    mutating func literals() -> [[UInt8]] { (0..<Int.random(in: 1...6, using: &rng)).map { _ in word(1...3) } }

    mutating func number(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
}

/// The automaton against the plain definition: every occurrence of every literal, by naive search.
@Suite struct AhoCorasickTests {
    @Test func matchesEqualNaiveSearch() {
        var random = RandomWords(strayBytes: [0x80, 0xE8])
        for _ in 0..<500 {
            let literals = random.literals()
            let automaton = AhoCorasick(literals: literals)
            let text = random.word(0...40)
            var naive: [AhoCorasick.Match] = []
            for end in stride(from: 1, through: text.count, by: 1) {
                // At one end: longer literals first (a state's own literal, then its failure link's), ties in list order.
                let ending = literals.indices.filter { l in
                    literals[l].count <= end && Array(text[(end - literals[l].count)..<end]) == literals[l]
                }
                for l in ending.sorted(by: { literals[$0].count > literals[$1].count || (literals[$0].count == literals[$1].count && $0 < $1) }) {
                    naive.append(AhoCorasick.Match(literal: l, start: end - literals[l].count, end: end))
                }
            }
            var found: [AhoCorasick.Match] = []
            text.withUnsafeBufferPointer { buffer in
                automaton.forEachMatch(in: buffer) { found.append($0) }
                #expect(automaton.firstMatch(in: buffer) == !naive.isEmpty)
            }
            #expect(found == naive, "\(literals) in \(text)")
        }
    }

    /// Two parts walked in step give each part exactly what walking it alone gives.
    @Test func twoPartWalkEqualsSeparateWalks() {
        var random = RandomWords(strayBytes: [0xE8])
        for _ in 0..<1_000 {
            let literals = random.literals()
            let automaton = AhoCorasick(literals: literals)
            let text = random.word(0...60)
            let split = random.number(in: 0...text.count)
            var expected: [[AhoCorasick.Match]] = [[], []]
            text[..<split].withUnsafeBufferPointer { automaton.forEachMatch(in: $0) { expected[0].append($0) } }
            text[split...].withUnsafeBufferPointer {
                automaton.forEachMatch(in: $0) { m in
                    expected[1].append(AhoCorasick.Match(literal: m.literal, start: m.start + split, end: m.end + split))
                }
            }
            var found: [[AhoCorasick.Match]] = [[], []]
            text.withUnsafeBufferPointer { buffer in automaton.forEachMatch(in: buffer, split: split) { found[$0].append($1) } }
            #expect(found == expected, "\(literals) in \(text) split at \(split)")
        }
    }
}

/// Evidence excerpts decide whether to shorten by counting scalars only up to the limit.
@Suite struct ExcerptTests {
    @Test func hasMoreScalarsEqualsCounting() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["a", "法", "😀", "é", "\u{301}", " "]
        for _ in 0..<3_000 {
            let text = (0..<Int.random(in: 0...100, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
            for limit in [0, 1, 5, 80, Int.random(in: 0...120, using: &rng)] {
                #expect(Excerpt.hasMoreScalars(text, than: limit) == (text.unicodeScalars.count > limit), "\(limit) \(text)")
            }
        }
    }
}
