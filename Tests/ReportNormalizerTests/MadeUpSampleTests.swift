import Foundation
import Testing
import ReportDocument
@testable import ReportNormalizer

/// The invented samples in Samples/: chrome gone, every paragraph kept, encodings detected.
@Suite struct MadeUpSampleTests {
    @Test func gbkCountyPageKeepsContentDropsChrome() throws {
        let doc = try Fixtures.document("made_up_gbk_county_page.html")
        #expect(doc.encoding == "GB18030")
        #expect(doc.metadata.title?.value == "青河县市场监督管理局2024年度法治政府建设情况报告")
        #expect(doc.metadata.title?.source == "meta:ArticleTitle")
        #expect(doc.metadata.agency?.value == "青河县市场监督管理局")
        #expect(doc.metadata.agency?.source == "meta:ContentSource")
        #expect(doc.metadata.year?.value == 2024)
        #expect(doc.metadata.date?.value == ReportDate(year: 2025, month: 2, day: 10))
        let text = Fixtures.allText(doc)
        for chrome in ["登录", "注册", "无障碍", "门户网站", "政务公开", "办事服务", "当前位置", "热点专题", "优化营商环境专栏",
                       "分享到", "微信", "打印本页", "关闭窗口", "主办单位", "版权所有", "ICP备", "公网安备", "siteName",
                       "document.write", "统计代码", "float", "hm.js"] {
            #expect(!text.contains(chrome), "chrome survived: \(chrome)")
        }
        for paragraph in ["现将有关情况报告如下。", "局党组书记、局长朱镕基层调研12次", "执法人员张喆获评全市优秀执法人员。",
                          "究其原因，主要是专业培训覆盖面不够，人员结构老化。", "不涉及履行法院生效裁判情况。",
                          "开展执法人员轮训2期。"] {
            #expect(text.contains(paragraph), "paragraph lost: \(paragraph)")
        }
        #expect(Fixtures.level1(doc).count == 4)
        // Lines point into the page source.
        let first = try #require(doc.blocks.first { $0.text.hasPrefix("2024年，县市场监督管理局") })
        #expect(first.location.line == 27)
    }

    @Test func tableLayoutPageWithBreaksAndFullWidthDigits() throws {
        let doc = try Fixtures.document("made_up_table_layout_page.html")
        #expect(doc.encoding == "UTF-8")
        #expect(doc.metadata.title?.value == "关于２０２４年度法治政府建设工作情况的报告")
        #expect(doc.metadata.year?.value == 2024)
        #expect(doc.metadata.agency?.value == "柳溪镇人民政府")
        #expect(doc.metadata.date?.value == ReportDate(year: 2025, month: 3, day: 5))
        let rows = doc.blocks.filter { $0.kind == .header && $0.text.contains("\t") }
        #expect(rows.first?.text == "索引号\tLX-2025-00012\t发文机关\t柳溪镇人民政府")
        let text = Fixtures.allText(doc)
        for chrome in ["网站首页", "信息公开\n", "登录", "通知公告", "政策法规", "联系我们", "版权所有", "技术支持", "ICP备"] {
            #expect(!text.contains(chrome), "chrome survived: \(chrome)")
        }
        #expect(doc.blocks.contains { $0.kind == .salutation && $0.text == "县委、县政府：" })
        let heading = try #require(doc.blocks.first { $0.heading?.title == "健全依法决策机制" })
        #expect(heading.heading?.runIn == true)
        let figures = try #require(doc.blocks.first { $0.text.hasPrefix("全年召开党委会") })
        #expect(figures.folded.contains("18次"))
        #expect(figures.folded.contains("100%"))
        #expect(Fixtures.level1(doc) == ["一、主要举措和成效", "二、存在的不足和原因", "三、主要负责人履行推进法治建设第一责任人职责情况",
                                         "四、２０２５年工作安排"])
        #expect(doc.blocks.suffix(2).map(\.kind) == [.signature, .signature])
    }

    @Test func docxDraftWithHeadingStyles() throws {
        let doc = try Fixtures.document("made_up_docx_draft.docx")
        #expect(doc.format == .docx)
        #expect(doc.metadata.title?.value == "关于2024年度法治政府建设情况的报告")
        #expect(doc.metadata.year?.value == 2024)
        #expect(doc.metadata.agency?.value == "南山县卫生健康局")
        // docx core.xml dates never count; the signature does.
        #expect(doc.metadata.date?.value == ReportDate(year: 2025, month: 2, day: 1))
        let headings = doc.blocks.compactMap { b in b.heading.map { "\($0.level):\($0.title)" } }
        #expect(headings == ["1:主要举措和成效", "2:强化组织领导", "1:存在的不足和原因", "1:下一年度工作安排"])
        let text = Fixtures.allText(doc)
        #expect(text.contains("召开专题会议6次。"))      // w:ins kept, w:del dropped
        #expect(!text.contains("5次"))
        #expect(text.contains("执法人员不足。\n原因在于编制紧张。"))  // w:br splits the paragraph
        #expect(doc.blocks.contains { $0.kind == .tableRow && $0.text == "行政处罚案件\t31件" })
        let p = try #require(doc.blocks.first { $0.text == "原因在于编制紧张。" })
        #expect(p.location == SourceLocation(line: 8, column: 9))
    }

    @Test func utf16Text() throws {
        let doc = try Fixtures.document("made_up_utf16le_report.txt")
        #expect(doc.encoding == "UTF-16LE")
        #expect(doc.metadata.title?.value == "关于2024年度法治政府建设情况的报告")
        #expect(doc.metadata.agency?.value == "东岭县司法局")
        #expect(doc.metadata.date?.value == ReportDate(year: 2025, month: 1, day: 20))
        #expect(doc.blocks.contains { $0.kind == .salutation })
        #expect(Fixtures.level1(doc).count == 3)
        #expect(!Fixtures.allText(doc).contains("\u{FEFF}"))
        // UTF-16BE of the same text decodes the same.
        let le = try Fixtures.bytes("made_up_utf16le_report.txt")
        var be: [UInt8] = [0xFE, 0xFF]
        var i = 2
        while i + 1 < le.count { be.append(le[i + 1]); be.append(le[i]); i += 2 }
        let docBE = try Normalizer.normalize(bytes: be, path: "be.txt", format: .text)
        #expect(docBE.encoding == "UTF-16BE")
        #expect(docBE.blocks.map(\.text) == doc.blocks.map(\.text))
    }

    @Test func gb18030TextWithCRLFAndPDFArtifacts() throws {
        let doc = try Fixtures.document("made_up_gb18030_pdf_text.txt")
        #expect(doc.encoding == "GB18030")
        #expect(doc.metadata.title?.value == "关于2024年度法治政府建设情况的报告")
        #expect(doc.metadata.agency?.value == "石门县教育局")
        #expect(doc.metadata.year?.value == 2024)
        #expect(doc.metadata.date?.value == ReportDate(year: 2025, month: 1, day: 15))
        #expect(doc.metadata.date?.source == "signature")
        let text = Fixtures.allText(doc)
        #expect(!text.contains("— 1 —"))
        #expect(!text.contains("第 2 页"))
        #expect(!text.contains("- 3 -"))
        #expect(!text.contains("\r"))
        #expect(text.contains("全面推进依法治校工作"))          // split across a page break
        #expect(text.contains("清理涉及教育领域的文件23件，废止3件。"))
        #expect(Fixtures.level1(doc) == [
            "一、2024年度推进法治政府建设的主要举措和成效",
            "二、2024年度推进法治政府建设存在的不足和原因",
            "三、2024年度党政主要负责人履行推进法治建设第一责任人职责情况",  // heading split over two lines, joined
            "四、2025年度推进法治政府建设的主要安排",
        ])
        let joined = try #require(doc.blocks.first { $0.heading?.number == "三" })
        #expect(joined.segments.map(\.location.line) == [19, 20])
    }
}
