import Foundation
@testable import ReportChecklist
import RuleEngine
import Testing

@Suite struct XLSXTests {
    func write(_ c: Checklist, _ language: ChecklistLanguage = .zh) throws -> (XLSXReader, URL) {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("checklist-\(UUID().uuidString).xlsx")
        #expect(try ChecklistWriter.write(c, format: .xlsx, language: language, to: url.path) == nil)
        return (try XLSXReader(url: url), url)
    }

    /// Row (1-based) of each rule on a checklist sheet, found by its number in column A.
    func rows(_ cells: [String: String], _ c: Checklist) -> [String: Int] {
        var out: [String: Int] = [:]
        for item in c.items {
            if let row = (4...200).first(where: { cells["A\($0)"] == String(item.number) }) { out[item.rule.id] = row }
        }
        return out
    }

    @Test func filledWorkbookHasSummaryThenOneSheetPerReport() throws {
        let c = Fixtures.filled([Fixtures.seed000, Fixtures.seed001, Fixtures.unreadable])
        let (xlsx, url) = try write(c)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(xlsx.sheets.map(\.name) == ["汇总", "000", "001", "broken"])

        // Summary.
        let summary = try xlsx.cells("汇总")
        #expect(summary["A3"] == "序号" && summary["B3"] == "报告" && summary["F3"] == "自动结论")
        #expect(summary["B4"] == "000.txt" && summary["C4"] == "某市卫生健康委员会" && summary["D4"] == "2023")
        #expect(summary["F4"] == "不通过" && summary["G4"] == "2" && summary["H4"] == "1" && summary["I4"] == "1")
        #expect(summary["J4"]?.contains("报告存在不足的原因（错误）") == true)
        #expect(summary["F5"] == "通过" && summary["G5"] == "0" && summary["H5"] == "2")
        #expect(summary["F6"] == "无法读取" && summary["J6"]?.contains("zip 目录损坏") == true)
        let summaryXML = try xlsx.sheetXML("汇总")
        #expect(summaryXML.first("pane")?["state"] == "frozen")
        #expect(summaryXML.first("pane")?["ySplit"] == "3")

        // A report sheet: header fields, headings, one row per rule with the automatic result.
        let cells = try xlsx.cells("000")
        #expect(cells["A1"]?.contains("报告 1：000.txt") == true)
        #expect(cells["A2"]?.contains("机关：某市卫生健康委员会") == true)
        #expect(cells["A2"]?.contains("年度：2023") == true)
        #expect(cells["A2"]?.contains("源文件：seeds/000.txt") == true)
        #expect(cells["A2"]?.contains("生成日期：2026-03-01") == true)
        #expect(["A3", "B3", "C3", "D3", "E3", "F3", "H3", "I3", "J3"].map { cells[$0] ?? "" }
                == ["序号", "要求", "法律依据", "核查方法", "自动结论", "自动核查证据", "证据/页码", "复核人", "日期"])
        #expect(cells["G3"] == "结论\n（符合/不符合/不适用）")
        #expect(cells["A4"] == Fixtures.g1, "group row")
        let rowOf = rows(cells, c)
        #expect(rowOf.count == Fixtures.rules.count)
        for finding in Fixtures.seed000.findings {
            let row = try #require(rowOf[finding.rule.id])
            #expect(cells["B\(row)"] == finding.rule.title)
            #expect(cells["C\(row)"] == finding.rule.basis)
            #expect(cells["D\(row)"] == finding.rule.hint)
            let status = cells["E\(row)"]?.components(separatedBy: "\n").first
            switch finding.status {
            case .pass: #expect(status == "符合")
            case .notApplicable: #expect(status == "不适用")
            case .fail: #expect(status == (finding.severity == .error ? "不符合（错误）" : "不符合（警告）"))
            }
            for col in ["G", "H", "I", "J"] { #expect(cells["\(col)\(row)"] == nil, "manual column \(col) blank") }
        }
        #expect(cells["F\(rowOf["shortcomings"]!)"] == "第45行：二、存在的问题和不足")

        // Frozen heading rows, the drop-down on 结论 over every rule row, wrapped text and widths.
        let sheet = try xlsx.sheetXML("000")
        let pane = try #require(sheet.first("pane"))
        #expect(pane["state"] == "frozen" && pane["ySplit"] == "3" && pane["topLeftCell"] == "A4")
        let validation = try #require(sheet.first("dataValidation"))
        #expect(validation["type"] == "list")
        #expect(validation.first("formula1")?.text == "\"符合,不符合,不适用\"")
        let lastRow = rowOf.values.max()!
        #expect(validation["sqref"] == "G4:G\(lastRow)")
        let widths = sheet.descendants("col").compactMap { $0["width"].flatMap(Double.init) }
        #expect(widths.count == 10 && widths.allSatisfy { $0 >= 6 })
        let styles = try XNode.parse(XLSXReader.read(xlsx.archive, "xl/styles.xml"))
        #expect(styles.descendants("alignment").contains { $0["wrapText"] == "1" })
        #expect(sheet.first("pageSetup")?["orientation"] == "landscape")
        #expect(sheet.first("pageSetup")?["paperSize"] == "9")

        // The unreadable report's sheet says so and why.
        let broken = try xlsx.cells("broken")
        #expect(broken["A3"]?.contains("该报告无法读取") == true)
        #expect(broken["A3"]?.contains("原因：不是有效的 .docx 文件：zip 目录损坏") == true)
    }

    @Test func blankWorkbookIsOneChecklistSheet() throws {
        let c = Fixtures.blank()
        let (xlsx, url) = try write(c)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(xlsx.sheets.map(\.name) == ["审核清单"])
        let cells = try xlsx.cells("审核清单")
        #expect(["A3", "B3", "C3", "D3", "F3", "G3", "H3"].map { cells[$0] ?? "" }
                == ["序号", "要求", "法律依据", "核查方法", "证据/页码", "复核人", "日期"])
        let rowOf = rows(cells, c)
        #expect(rowOf.count == Fixtures.rules.count)
        for rule in Fixtures.rules {
            let row = try #require(rowOf[rule.id])
            #expect(cells["B\(row)"] == rule.title && cells["C\(row)"] == rule.basis && cells["D\(row)"] == rule.hint)
        }
        let sheet = try xlsx.sheetXML("审核清单")
        #expect(sheet.first("pane")?["state"] == "frozen")
        #expect(sheet.first("dataValidation")?["sqref"] == "E4:E\(rowOf.values.max()!)")
    }

    @Test func englishWorkbook() throws {
        let (xlsx, url) = try write(Fixtures.filled([Fixtures.seed000]), .en)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(xlsx.sheets.map(\.name) == ["Summary", "000"])
        let sheet = try xlsx.sheetXML("000")
        #expect(sheet.first("formula1")?.text == "\"Compliant,Non-compliant,Not applicable\"")
        let cells = try xlsx.cells("000")
        #expect(cells["B3"] == "Requirement")
    }

    @Test func hostileTextStaysText() throws {
        let (xlsx, url) = try write(Fixtures.filled([Fixtures.hostile]))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(xlsx.sheets.count == 2)
        let name = xlsx.sheets[1].name
        #expect(!name.contains { "[]:*?/\\".contains($0) })
        let cells = try xlsx.cells(name)
        #expect(cells.values.contains { $0.contains("某局\"><img src=x onerror=alert(1)>") })
        #expect(try xlsx.sheetXML(name).descendants("f").isEmpty, "no formulas")
    }

    @Test func sheetNamesAreValidAndUnique() {
        var used: Set<String> = ["汇总"]
        let long = String(repeating: "某", count: 40) + ".html"
        let a = XLSXChecklist.sheetName(long, fallback: "报告1", used: &used)
        let b = XLSXChecklist.sheetName(long, fallback: "报告2", used: &used)
        #expect(a.utf16.count == 31 && b.utf16.count <= 31 && a != b)
        #expect(b.hasSuffix(" (2)"))
        #expect(XLSXChecklist.sheetName("a[b]:c*d?e/f\\g.txt", fallback: "x", used: &used) == "a_b__c_d_e_f_g")
        #expect(XLSXChecklist.sheetName("'引号'.txt", fallback: "x", used: &used) == "引号")
        #expect(XLSXChecklist.sheetName("汇总.txt", fallback: "x", used: &used) == "汇总 (2)")
        #expect(XLSXChecklist.sheetName("", fallback: "报告9", used: &used) == "报告9")
        #expect(XLSXChecklist.sheetName("A.txt", fallback: "x", used: &used) == "A")
        #expect(XLSXChecklist.sheetName("a.html", fallback: "x", used: &used) == "a (2)", "unique case-insensitively")
        let emoji = String(repeating: "😀", count: 20)
        #expect(XLSXChecklist.sheetName(emoji, fallback: "x", used: &used).utf16.count <= 31)
    }

    @Test func manyReportsWithTheSameFileName() throws {
        let results = (0..<3).map { i -> ReportResult in
            var r = Fixtures.seed001
            r.path = "dir\(i)/001.html"
            return r
        }
        let (xlsx, url) = try write(Fixtures.filled(results))
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(xlsx.sheets.map(\.name) == ["汇总", "001", "001 (2)", "001 (3)"])
    }
}
