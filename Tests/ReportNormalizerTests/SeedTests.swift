import Testing
import ReportDocument
@testable import ReportNormalizer

/// The facts the rule engine's expected seed results depend on.
@Suite struct SeedTests {
    @Test func seed000() throws {
        let doc = try Fixtures.document(Fixtures.seeds[0])
        #expect(doc.metadata.title == nil)
        #expect(doc.metadata.agency?.value == "长治市卫生健康委员会")
        #expect(doc.metadata.agency?.source == "signature")
        #expect(doc.metadata.year?.value == 2025)
        #expect(doc.metadata.year?.source == "opening-paragraph")
        #expect(doc.metadata.date?.value == ReportDate(year: 2026, month: 1, day: 1))
        #expect(Fixtures.level1(doc) == ["一、工作完成情况", "二、存在的问题和不足", "三、下一步工作计划"])
        #expect(doc.blocks.first?.kind == .salutation)
        #expect(doc.blocks.suffix(2).map(\.kind) == [.signature, .signature])
        #expect(!Fixtures.allText(doc).contains("此件主动公开"))
    }

    @Test func seed001() throws {
        let doc = try Fixtures.document(Fixtures.seeds[1])
        #expect(doc.metadata.title?.value == "江源区卫生健康局2025年度法治政府建设工作报告")
        #expect(doc.metadata.title?.location?.line == 3)
        #expect(doc.metadata.agency?.value == "江源区卫生健康局")
        #expect(doc.metadata.year?.value == 2025)
        #expect(doc.metadata.date?.value == ReportDate(year: 2026, month: 1, day: 29))
        #expect(doc.metadata.date?.source == "publication-line")
        #expect(Fixtures.level1(doc) == [
            "一、2025年度推进法治政府建设的主要举措和成效",
            "二、2025年度推进法治政府建设存在的不足和原因",
            "三、2025年度党政主要负责人履行推进法治建设第一责任人职责情况",
            "四、2026年度推进法治政府建设的主要安排",
        ])
        let text = Fixtures.allText(doc)
        for chrome in ["登录", "当前位置", "返回首页"] { #expect(!text.contains(chrome)) }
        // The empty review fields stay (the placeholders rule reports them).
        #expect(doc.blocks.last?.text == "初审: 复审: 终审:")
        #expect(doc.blocks.last?.kind == .paragraph)
        // A heading without 。 is not glued to the paragraph after it.
        let h = try #require(doc.blocks.first { $0.heading?.title == "聚焦医疗领域,夯实法治根基" })
        #expect(h.text == "(四)聚焦医疗领域,夯实法治根基")
        #expect(h.heading?.level == 2)
    }

    @Test func seed002() throws {
        let doc = try Fixtures.document(Fixtures.seeds[2])
        #expect(doc.metadata.title == nil)
        #expect(doc.metadata.agency == nil)
        #expect(doc.metadata.year == nil)
        #expect(doc.metadata.date == nil)
        #expect(doc.openingBlocks.isEmpty)
        #expect(Fixtures.level1(doc) == ["一、工作开展情况", "二、存在的问题", "三、下一步工作打算"])
        let i = try #require(doc.blocks.firstIndex { $0.heading?.title == "强化法治建设第一责任人意识" })
        let heading = doc.blocks[i]
        #expect(heading.kind == .heading)
        #expect(heading.text == "（二）强化法治建设第一责任人意识。")
        #expect(heading.heading?.level == 2)
        #expect(heading.heading?.number == "二")
        #expect(heading.heading?.runIn == true)
        #expect(heading.location == SourceLocation(line: 3, column: 1))
        let body = doc.blocks[i + 1]
        #expect(body.kind == .paragraph)
        #expect(body.text.hasPrefix("根据人员变动,及时调整"))
        #expect(body.location == SourceLocation(line: 3, column: 18))
        // "2025年我委…" is a paragraph, not a heading.
        #expect(doc.blocks.contains { $0.kind == .paragraph && $0.text.hasPrefix("2025年我委一般程序行政处罚45件") })
        // Indented level-2 headings (U+3000) are headings with the indentation removed.
        let indented = try #require(doc.blocks.first { $0.heading?.title == "对法治的认识还有待进一步提高" })
        #expect(indented.location == SourceLocation(line: 16, column: 3))
    }

    @Test func seed003() throws {
        let doc = try Fixtures.document(Fixtures.seeds[3])
        #expect(doc.metadata.title == nil)
        #expect(doc.metadata.agency == nil)
        #expect(doc.metadata.year?.value == 2025)
        #expect(doc.metadata.year?.source == "opening-paragraph")
        #expect(doc.metadata.date == nil)
        #expect(Fixtures.level1(doc) == [
            "一、2025年推进法治政府建设的主要举措和成效",
            "二、推进法治政府建设存在的不足和原因",
            "三、2026年推进法治政府建设的主要安排和具体计划",
        ])
        let level3 = doc.blocks.compactMap { $0.heading?.level == 3 ? $0.heading?.title : nil }
        #expect(level3.first == "法治思维融合深度不足")
        #expect(level3.count == 6)
    }

    @Test func seed004() throws {
        let doc = try Fixtures.document(Fixtures.seeds[4])
        #expect(doc.metadata.title?.value == "关于 2023 年度法治政府建设情况的报告")
        #expect(doc.metadata.agency?.value == "娄烦县卫生健康局")
        #expect(doc.metadata.year?.value == 2023)
        #expect(doc.metadata.date == nil)
        #expect(doc.blocks[0].kind == .header)
        #expect(doc.blocks[1].kind == .title)
        #expect(Fixtures.level1(doc) == [
            "一、2023 年度党政主要负责人履行推进法治建设第一责任人职责有关情况",
            "二、2023 年度推进法治政府建设的主要举措和成效",
            "三、2023 年度推进法治政府建设存在的不足和原因",
            "四、2024 年度推进法治政府建设的工作打算",
        ])
        let text = Fixtures.allText(doc)
        #expect(text.contains("推动全面贯彻实施宪法"))
        #expect(text.contains("定期对规范性文件进行清理"))
        #expect(text.contains("对不符合要求的学校提出整改意见"))
        // The joined paragraph keeps one segment per source line.
        let joined = try #require(doc.blocks.first { $0.text.contains("定期对规范性文件进行清理") })
        #expect(joined.segments.map(\.location.line) == [29, 31])
        let offset = Array(joined.text.unicodeScalars).firstIndex(of: "期")!
        #expect(joined.location(ofTextOffset: offset) == SourceLocation(line: 31, column: 1))
    }

    @Test func sectionsNestByLevel() throws {
        let doc = try Fixtures.document(Fixtures.seeds[3])
        let top = doc.sections.filter { $0.parent == nil }
        #expect(top.count == 3)
        let second = doc.sections.filter { $0.parent == top[1].index }
        #expect(second.map { doc.heading(of: $0).title } == ["存在的不足", "原因分析"])
    }
}
