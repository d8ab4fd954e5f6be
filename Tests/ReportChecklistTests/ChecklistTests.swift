import CLibXML2
import Foundation
@testable import ReportChecklist
import RuleEngine
import Testing

/// RFC 4180 reader for the tests (quoted fields, doubled quotes, CRLF inside quotes).
func parseCSV(_ s: String) -> [[String]] {
    var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
    var it = Array(s.unicodeScalars)[...]
    while let u = it.popFirst() {
        if quoted {
            if u == "\"" {
                if it.first == "\"" { field.unicodeScalars.append("\""); it.removeFirst() } else { quoted = false }
            } else { field.unicodeScalars.append(u) }
        } else if u == "\"" { quoted = true }
        else if u == "," { row.append(field); field = "" }
        else if u == "\r", it.first == "\n" { it.removeFirst(); row.append(field); rows.append(row); row = []; field = "" }
        else { field.unicodeScalars.append(u) }
    }
    if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
    return rows
}

@Suite struct BlankChecklistTests {
    @Test func listsEveryRuleInPackOrderGroupedByItem() throws {
        let c = Fixtures.blank()
        #expect(c.items.count == Fixtures.rules.count)
        #expect(Set(c.items.map(\.rule.id)) == Set(Fixtures.rules.map(\.id)))
        #expect(c.groups.map(\.title) == [Fixtures.g1, Fixtures.g2, Fixtures.g3, Fixtures.g4, Fixtures.g5, nil])
        // Within a group, pack order; numbers run 1…n in display order.
        for group in c.groups {
            let packIndex = group.items.map { item in Fixtures.rules.firstIndex { $0.id == item.rule.id }! }
            #expect(packIndex == packIndex.sorted())
        }
        #expect(c.items.map(\.number) == Array(1...Fixtures.rules.count))
        #expect(c.groups[0].items.map(\.rule.id) == ["measures-and-results", "quantitative-results"])
        #expect(c.groups[5].items.map(\.rule.id) == ["report-year", "title", "issuer-and-date", "timeliness", "placeholders"])
    }

    @Test func everyFormatShowsTitleBasisAndHint() throws {
        let c = Fixtures.blank()
        let md = try #require(try ChecklistWriter.write(c, format: .markdown, language: .zh, to: nil))
        let html = try #require(try ChecklistWriter.write(c, format: .html, language: .zh, to: nil))
        for rule in Fixtures.rules {
            for text in [md, html] {
                #expect(text.contains(rule.title))
                #expect(text.contains(rule.basis))
                #expect(text.contains(rule.hint))
            }
        }
        #expect(md.contains("## 其他要求"))
        #expect(md.contains("| 序号 | 要求 | 法律依据 | 核查方法 | 结论（符合/不符合/不适用） | 证据/页码 | 复核人 | 日期 |"))
        let csv = parseCSV(try #require(try ChecklistWriter.write(c, format: .csv, language: .zh, to: nil)))
        #expect(csv[0] == ["\u{FEFF}事项", "序号", "要求", "法律依据", "核查方法", "结论", "证据/页码", "复核人", "日期"])
        #expect(csv.count == 1 + Fixtures.rules.count)
        for (row, item) in zip(csv.dropFirst(), c.items) {
            #expect(row[1] == String(item.number))
            #expect(row[2] == item.rule.title)
            #expect(row[3] == item.rule.basis)
            #expect(row[4] == item.rule.hint)
            #expect(row[5...].allSatisfy { $0.isEmpty }, "manual columns are blank")
        }
    }

    @Test func englishUsesEnglishTitlesAndFallsBackToChinese() throws {
        let md = try #require(try ChecklistWriter.write(Fixtures.blank(), format: .markdown, language: .en, to: nil))
        #expect(md.contains("| No. | Requirement | Legal basis | How to verify |"))
        #expect(md.contains("Causes of the shortcomings"))
        #expect(md.contains("A heading naming the causes"))
        #expect(md.contains("| Shortcomings | "))
        #expect(md.contains("设标题写明存在的问题和不足"), "no hint_en: the Chinese hint")
        #expect(md.contains("报告党政主要负责人履行推进法治建设第一责任人职责情况"), "no title_en: the Chinese title")
        #expect(md.contains("## Art. 25 (2) Shortcomings and their causes"))
        #expect(md.contains("## Other requirements"))
    }
}

@Suite struct FilledChecklistTests {
    let results = [Fixtures.seed000, Fixtures.seed001, Fixtures.unreadable]

    /// The CSV of the filled checklist agrees with the results on every status.
    @Test func agreesWithTheResultsOnEveryStatus() throws {
        let c = Fixtures.filled(results)
        let csv = parseCSV(try #require(try ChecklistWriter.write(c, format: .csv, language: .zh, to: nil)))
        let head = csv[0]
        let ruleCol = try #require(head.firstIndex(of: "要求")), autoCol = try #require(head.firstIndex(of: "自动结论"))
        let evCol = try #require(head.firstIndex(of: "自动核查证据"))
        let titleToId = Dictionary(uniqueKeysWithValues: Fixtures.rules.map { ($0.title, $0.id) })
        for result in results where result.verdict != .error {
            let rows = csv.filter { $0[0] == result.path }
            #expect(rows.count == Fixtures.rules.count)
            for row in rows {
                let id = try #require(titleToId[row[ruleCol]])
                let finding = try #require(result.findings.first { $0.rule.id == id })
                let status = row[autoCol].components(separatedBy: "\r\n")[0]
                switch finding.status {
                case .pass: #expect(status == "符合", "\(result.path) \(id)")
                case .notApplicable: #expect(status == "不适用", "\(result.path) \(id)")
                case .fail: #expect(status == "不符合（\(finding.severity == .error ? "错误" : "警告")）", "\(result.path) \(id)")
                }
                if finding.status != .pass { #expect(row[autoCol].contains(finding.message)) }
                let expectedEvidence = finding.evidence.prefix(3).map { "第\($0.line)行：\($0.text)" }
                for e in expectedEvidence { #expect(row[evCol].contains(e)) }
                #expect(row[(evCol + 1)...].allSatisfy { $0.isEmpty }, "manual columns are blank")
            }
        }
        let broken = csv.filter { $0[0] == Fixtures.unreadable.path }
        #expect(broken.count == 1)
        #expect(broken[0][autoCol].contains("无法读取"))
        #expect(broken[0][autoCol].contains("zip 目录损坏"))
    }

    @Test func markdownHasHeaderEvidenceAndSummary() throws {
        let md = try #require(try ChecklistWriter.write(Fixtures.filled(results), format: .markdown, language: .zh, to: nil))
        #expect(md.contains("## 汇总"))
        #expect(md.contains("| 1 | 000.txt | 某市卫生健康委员会 | 2023 | 2024-01-15 | 不通过 | 2 | 1 | 1 | "))
        #expect(md.contains("| 2 | 001.html | 某市卫生健康委员会 | 2024 | 2025-02-20 | 通过 | 0 | 2 | 0 | "))
        #expect(md.contains("| 3 | broken.docx | — | — | — | 无法读取 |"))
        #expect(md.contains("## 报告 1：000.txt"))
        #expect(md.contains("- 机关：某市卫生健康委员会"))
        #expect(md.contains("- 年度：2023"))
        #expect(md.contains("- 源文件：seeds/000.txt"))
        #expect(md.contains("- 生成日期：2026-03-01"))
        #expect(md.contains("- 自动结论：不通过（错误 2 项，警告 1 项）"))
        #expect(md.contains("第45行：二、存在的问题和不足"))
        #expect(md.contains("不符合（错误）<br>未找到存在不足的原因分析"))
        #expect(md.contains("……另有1处"), "at most three evidence lines")
        #expect(md.contains("**该报告无法读取，未能自动核查。** 原因：不是有效的 .docx 文件：zip 目录损坏"))
    }

    @Test func rulesOnlyInResultsAreAppendedAndMissingOnesMarkedUnchecked() throws {
        let extra = RuleInfo(id: "court-judgments-provincial", pack: "province", title: "说明行政机关负责人出庭应诉情况",
                             severity: .warning, basis: "省规定", hint: "写明出庭应诉率")
        var result = Fixtures.seed001
        result.findings.removeAll { $0.rule.id == "timeliness" }
        result.findings.append(Finding(rule: extra, status: .fail, severity: .warning, message: "未写明出庭应诉情况"))
        let c = Fixtures.filled([result])
        #expect(c.items.count == Fixtures.rules.count + 1)
        #expect(c.groups.last?.items.last?.rule.id == extra.id)
        let md = try #require(try ChecklistWriter.write(c, format: .markdown, language: .zh, to: nil))
        #expect(md.contains("| 14 | 说明行政机关负责人出庭应诉情况 | 省规定 | 写明出庭应诉率 | 不符合（警告）<br>未写明出庭应诉情况 |"))
        #expect(md.contains("| 在次年4月1日前公开 | 《法治政府建设与责任落实督察工作规定》第二十六条 | 于每年4月1日前通过报刊、网站等公开 | 未检查 |"))
    }

    @Test func englishFilled() throws {
        let md = try #require(try ChecklistWriter.write(Fixtures.filled(results), format: .markdown, language: .en, to: nil))
        #expect(md.contains("## Report 1: 000.txt"))
        #expect(md.contains("- Automatic verdict: Fail (2 errors, 1 warning)"))
        #expect(md.contains("Line 45: 二、存在的问题和不足"))
        #expect(md.contains("| Causes of the shortcomings | 《法治政府建设与责任落实督察工作规定》第二十五条第（二）项 | A heading naming the causes, or a cause analysis in the shortcomings section | Non-compliant (error)<br>未找到存在不足的原因分析 |"))
        #expect(md.contains("This report could not be read"))
    }
}

@Suite struct EscapingTests {
    /// Element names the HTML checklist itself uses; anything else came from a report.
    static let allowed: Set<String> = ["html", "head", "meta", "title", "style", "body", "section", "h1", "h2", "p", "dl",
                                       "dt", "dd", "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "br",
                                       "span", "div", "strong"]

    static func elements(ofHTML html: String) -> (names: Set<String>, attributes: Set<String>) {
        var names = Set<String>(), attributes = Set<String>()
        let doc = html.withCString { p in
            htmlReadMemory(p, Int32(strlen(p)), "checklist.html", "UTF-8",
                           Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue))
        }
        guard let doc else { return (names, attributes) }
        defer { xmlFreeDoc(doc) }
        func walk(_ node: xmlNodePtr?) {
            var n = node
            while let cur = n {
                if cur.pointee.type == XML_ELEMENT_NODE {
                    names.insert(String(cString: cur.pointee.name))
                    var a = cur.pointee.properties
                    while let attr = a { attributes.insert(String(cString: attr.pointee.name)); a = attr.pointee.next }
                }
                walk(cur.pointee.children)
                n = cur.pointee.next
            }
        }
        walk(xmlDocGetRootElement(doc))
        return (names, attributes)
    }

    @Test(arguments: [ChecklistLanguage.zh, .en])
    func htmlKeepsReportTextAsText(_ language: ChecklistLanguage) throws {
        let html = try #require(try ChecklistWriter.write(Fixtures.filled([Fixtures.hostile]), format: .html, language: language, to: nil))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<a "))
        #expect(!html.contains("onerror=alert(1)>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("&lt;a href=&quot;javascript:alert(1)&quot;&gt;"))
        let (names, attributes) = Self.elements(ofHTML: html)
        #expect(names.isSubset(of: Self.allowed), "unexpected elements: \(names.subtracting(Self.allowed))")
        #expect(attributes.isSubset(of: ["lang", "charset", "http-equiv", "content", "name", "class", "style", "colspan"]),
                "unexpected attributes: \(attributes)")
        #expect(html.contains("default-src 'none'"), "a CSP forbids scripts and remote loads")
    }

    @Test func markdownKeepsReportTextAsText() throws {
        let md = try #require(try ChecklistWriter.write(Fixtures.filled([Fixtures.hostile]), format: .markdown, language: .zh, to: nil))
        #expect(!md.contains("<script"))
        #expect(!md.contains("<img"))
        #expect(!md.contains("<a "))
        #expect(md.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        // A pipe in a path cannot split a table cell.
        #expect(md.contains("\\|x.html"))
        #expect(!md.replacingOccurrences(of: "<br>", with: "").contains("<"), "the only markup is our <br>")
    }

    @Test func controlAndBidiCharactersAreDropped() {
        #expect(Clean.text("a\u{202E}b\u{0007}c\r\nd\u{FEFF}") == "abc\nd")
        #expect(Clean.oneLine("  一、\n 总体  情况 ", limit: 50) == "一、 总体 情况")
        #expect(Clean.oneLine(String(repeating: "字", count: 10), limit: 5) == "字字字字…")
    }
}

@Suite struct CSVTests {
    @Test func bomCRLFAndQuoting() throws {
        let csv = try #require(try ChecklistWriter.write(Fixtures.filled([Fixtures.seed000, Fixtures.hostile]), format: .csv,
                                                     language: .zh, to: nil))
        #expect(csv.hasPrefix("\u{FEFF}"))
        #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(csv.hasSuffix("\r\n"))
        #expect(!csv.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "line breaks are CRLF everywhere")
        // Quotes doubled inside a quoted field; embedded line breaks quoted.
        #expect(csv.contains(",\"不符合（错误）\r\n未找到原因\"\"><img src=x onerror=alert(1)>\","), "quote doubled, CRLF inside quotes")
        #expect(csv.contains(",第12行：一、2023年法治政府建设主要举措和成效,"), "a field without , \" or a line break is not quoted")
        let rows = parseCSV(csv)
        #expect(rows.allSatisfy { $0.count == rows[0].count }, "every record has the same number of fields")
        #expect(rows.contains { $0.contains("某局\"><img src=x onerror=alert(1)>") })
    }

    @Test func fieldQuotingRules() {
        #expect(CSVChecklist.field("plain") == "plain")
        #expect(CSVChecklist.field("a,b") == "\"a,b\"")
        #expect(CSVChecklist.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVChecklist.field("两行\n文字") == "\"两行\r\n文字\"")
        #expect(CSVChecklist.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSVChecklist.field("+1") == "'+1")
        #expect(CSVChecklist.field("@SUM(A1)") == "'@SUM(A1)")
    }
}

@Suite struct WriterTests {
    @Test func textFormatsWriteFilesAndReturnNil() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("checklist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let c = Fixtures.filled([Fixtures.seed000])
        for format in [ChecklistFormat.markdown, .html, .csv] {
            let path = dir.appendingPathComponent("out.\(format.rawValue)").path
            #expect(try ChecklistWriter.write(c, format: format, language: .zh, to: path) == nil)
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            let expected = try #require(ChecklistWriter.render(c, format: format, language: .zh))
            #expect(written == Data(expected.utf8))
        }
    }

    @Test func xlsxNeedsAPathAndReportsWriteFailuresWithIt() {
        #expect(throws: ChecklistError.self) { try ChecklistWriter.write(Fixtures.blank(), format: .xlsx, language: .zh, to: nil) }
        let bad = "/nonexistent-dir-\(UUID().uuidString)/c.xlsx"
        do {
            try ChecklistWriter.write(Fixtures.blank(), format: .xlsx, language: .zh, to: bad)
            Issue.record("expected an error")
        } catch let error as ChecklistError {
            #expect(error.message.contains(bad))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}
