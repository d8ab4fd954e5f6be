import Testing
@testable import ReportDocument

@Suite struct TextFoldingTests {
    @Test func fullWidthDigitsAndPunctuationFoldToASCII() {
        #expect(TextFolding.folded("２０２５年（一）：ＸＸ") == "2025年(一):XX")
    }

    @Test func spacesNextToCJKAreRemovedButLatinSpacesKept() {
        #expect(TextFolding.folded("关于 2023 年度　法治") == "关于2023年度法治")
        #expect(TextFolding.folded("ICP  license  ok") == "ICP license ok")
    }

    @Test func identityFoldHasNoMap() {
        let r = TextFolding.fold("一、工作完成情况")
        #expect(r.map == nil)
        #expect(r.text == "一、工作完成情况")
    }

    @Test func mapPointsBackToOriginalOffsets() {
        let r = TextFolding.fold("关于 2023 年")
        #expect(r.text == "关于2023年")
        let map = r.map!
        #expect(map[2] == 3)   // "2" is at original offset 3
        #expect(map[6] == 8)   // "年"
        #expect(map.last == 9)
    }

    @Test func blockLocationsFollowSegments() {
        let block = Block(kind: .paragraph, text: "推动全面贯彻", folded: "推动全面贯彻", foldMap: nil,
                          segments: [TextSegment(textOffset: 0, location: SourceLocation(line: 5, column: 3)),
                                     TextSegment(textOffset: 3, location: SourceLocation(line: 7, column: 1))])
        #expect(block.location(ofFoldedOffset: 1) == SourceLocation(line: 5, column: 4))
        #expect(block.location(ofFoldedOffset: 4) == SourceLocation(line: 7, column: 2))
    }

    @Test func sectionsNestByLevel() {
        func h(_ level: Int, _ t: String) -> Block {
            Block(kind: .heading, text: t, location: SourceLocation(line: 1),
                  heading: Heading(level: level, style: .chineseComma, number: "一", title: t))
        }
        let p = Block(kind: .paragraph, text: "正文", location: SourceLocation(line: 1))
        let doc = Document(path: "x", format: .text, encoding: "UTF-8",
                           blocks: [p, h(1, "a"), h(2, "b"), p, h(2, "c"), h(1, "d"), p])
        #expect(doc.sections.map(\.blocks) == [1..<5, 2..<4, 4..<5, 5..<7])
        #expect(doc.sections.map(\.parent) == [nil, 0, 0, nil])
        #expect(doc.openingBlocks == 0..<1)
    }
}
