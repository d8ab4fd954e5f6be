import CLibXML2
import Foundation
import Testing
import ReportCheck
import ReportChecklist
import ReportDocument
import ReportNormalizer
import RuleEngine
import ReportOutput

/// Payloads a hostile report (or a hostile file name) can carry into an HTML output.
enum Payload {
    static let script = "<script>alert('x')</script>"
    static let imgBreakout = "\"><img src=x onerror=alert(1)>"
    static let singleQuoteBreakout = "'><svg onload=alert(2)>"
    static let jsLink = "<a href=\"javascript:alert(3)\">点我</a>"
    static let lineSeparator = "行\u{2028}分隔\u{2029}段"
    static let all = [script, imgBreakout, singleQuoteBreakout, jsLink, lineSeparator]
    static let joined = all.joined(separator: " ")
}

/// Parses an HTML output with libxml2's HTML parser and lists what would be active in a browser.
enum HTMLAudit {
    struct Findings {
        var elements: [String] = []
        var eventHandlers: [String] = []
        var scriptURLs: [String] = []
        var text = ""
    }

    static func audit(_ html: String) -> Findings {
        var f = Findings()
        let options = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
            | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        cxml_silence_errors_on_this_thread()
        var copy = html
        let doc: htmlDocPtr? = copy.withUTF8 { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                htmlReadMemory($0, Int32(buf.count), "out.html", "UTF-8", options)
            }
        }
        guard let doc else { return f }
        defer { xmlFreeDoc(doc) }
        func walk(_ node: xmlNodePtr?) {
            var n = node
            while let cur = n {
                if cur.pointee.type == XML_ELEMENT_NODE {
                    f.elements.append(String(cString: cur.pointee.name).lowercased())
                    var attr = cur.pointee.properties
                    while let a = attr {
                        let name = String(cString: a.pointee.name).lowercased()
                        var value = ""
                        if let v = xmlNodeListGetString(doc, a.pointee.children, 1) {
                            value = String(cString: v)
                            cxml_free(v)
                        }
                        if name.hasPrefix("on") { f.eventHandlers.append("\(name)=\(value)") }
                        let v = value.lowercased().filter { !$0.isWhitespace }
                        if v.hasPrefix("javascript:") || v.hasPrefix("vbscript:") || v.hasPrefix("data:text/html") {
                            f.scriptURLs.append("\(name)=\(value)")
                        }
                        attr = a.pointee.next
                    }
                } else if cur.pointee.type == XML_TEXT_NODE, let c = cur.pointee.content {
                    f.text += String(cString: c)
                }
                walk(cur.pointee.children)
                n = cur.pointee.next
            }
        }
        walk(xmlDocGetRootElement(doc))
        return f
    }

    /// Asserts that nothing active came from the payloads and that the payload text survives as text.
    static func expectInert(_ html: String, _ what: String, payloadTextSurvives: Bool = true,
                            sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let f = audit(html)
        #expect(!f.elements.isEmpty, "\(what): output did not parse", sourceLocation: sourceLocation)
        for bad in ["script", "img", "svg", "iframe", "object", "embed", "a", "form", "base", "link"] {
            #expect(!f.elements.contains(bad), "\(what): <\(bad)> element in output", sourceLocation: sourceLocation)
        }
        #expect(f.eventHandlers.isEmpty, "\(what): event handlers \(f.eventHandlers)", sourceLocation: sourceLocation)
        #expect(f.scriptURLs.isEmpty, "\(what): script URLs \(f.scriptURLs)", sourceLocation: sourceLocation)
        guard payloadTextSurvives else { return }
        #expect(f.text.contains(Payload.script), "\(what): payload text lost", sourceLocation: sourceLocation)
        #expect(f.text.contains("onerror=alert(1)"), "\(what): payload text lost", sourceLocation: sourceLocation)
    }
}

@Suite struct HTMLOutputTests {
    /// A result whose every text field carries the payloads.
    static func hostileResult() -> ReportResult {
        let p = Payload.joined
        let rule = RuleInfo(id: "causes", pack: "pack\(p)", title: "原因\(p)", titleEn: "Causes \(p)", severity: .error,
                            basis: "依据\(p)", hint: "提示\(p)", hintEn: "Hint \(p)", group: "分组\(p)")
        let other = RuleInfo(id: "x\(Payload.imgBreakout)", pack: "p", title: "标题\(p)", severity: .warning,
                             basis: "b", hint: "h")
        let metadata = Metadata(title: MetadataField(value: "标题\(p)", source: "h1"),
                                agency: MetadataField(value: "机关\(p)", source: "signature"),
                                year: MetadataField(value: 2025, source: "title"),
                                date: MetadataField(value: ReportDate(year: 2026, month: 1, day: 1), source: "signature"))
        let findings = [
            Finding(rule: rule, status: .fail, severity: .error, message: "消息\(p)",
                    evidence: [Evidence(line: 3, column: 1, text: "证据\(p)")]),
            Finding(rule: other, status: .notApplicable, severity: .warning, message: "不适用\(p)"),
        ]
        return ReportResult(path: "reports/\(Payload.imgBreakout)\(Payload.jsLink).html", format: .html,
                            encoding: "UTF-8", verdict: .fail, metadata: metadata, findings: findings)
    }

    @Test(arguments: ChecklistLanguage.allCases)
    func filledChecklistEscapesEverything(language: ChecklistLanguage) throws {
        let result = Self.hostileResult()
        let unreadable = ReportResult.inputError(path: "bad/\(Payload.script).docx", format: .docx,
                                                 message: "bad/\(Payload.script).docx: \(Payload.joined)")
        let checklist = Checklist.filled(rules: result.findings.map(\.rule),
                                         packs: [PackInfo(id: "p\(Payload.script)", version: Payload.imgBreakout)],
                                         results: [result, unreadable])
        let html = try #require(ChecklistWriter.render(checklist, format: .html, language: language))
        HTMLAudit.expectInert(html, "filled checklist (\(language))")
        #expect(html.contains("Content-Security-Policy"))
    }

    @Test func blankChecklistEscapesRuleTexts() throws {
        let rules = Self.hostileResult().findings.map(\.rule)
        let checklist = Checklist.blank(rules: rules, packs: [PackInfo(id: "p\(Payload.script)", version: "1")])
        let html = try #require(ChecklistWriter.render(checklist, format: .html, language: .zh))
        HTMLAudit.expectInert(html, "blank checklist")
    }

    /// End to end: a hostile page (payloads as text in its title, headings and body) checked with the national
    /// pack, then rendered as a checklist.
    @Test func hostilePageThroughTheCheckerIsInert() throws {
        Normalizer.setUp()
        let escaped = Payload.joined.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
        let html = """
            <html><head><title>某县2025年度法治政府建设情况报告\(escaped)</title></head><body>
            <h1>某县2025年度法治政府建设情况报告\(escaped)</h1>
            <p>一、主要举措和成效\(escaped)</p><p>全年办理案件12件。XX\(escaped)</p>
            <p>二、存在的不足\(escaped)</p><p>某县人民政府\(escaped)</p><p>2026年1月5日</p></body></html>
            """
        let dir = Paths.tempDir()
        let file = dir.appendingPathComponent("\(Payload.imgBreakout.replacingOccurrences(of: "/", with: "_")).html")
        try Data(html.utf8).write(to: file)
        let checker = ReportChecker(ruleSet: try RuleSetLoader.load([]))
        let result = checker.check(path: file.path)
        #expect(result.verdict != .error, "\(result.error ?? "")")
        let checklist = Checklist.filled(rules: checker.ruleSet.rules, packs: checker.ruleSet.packInfos,
                                         results: [result])
        let out = try #require(ChecklistWriter.render(checklist, format: .html, language: .zh))
        // Report text is excerpted and folded on the way, so only the path is sure to survive verbatim.
        HTMLAudit.expectInert(out, "checklist of a hostile page", payloadTextSurvives: false)
        #expect(HTMLAudit.audit(out).text.contains(Payload.imgBreakout))
    }
}

/// The HTML dashboard (`check --format html`) has its own constant script, chart and links: report text must not
/// add any element, event handler or script URL — the hostile rendering has exactly the active parts of a benign one.
@Suite struct DashboardOutputTests {
    static func render(_ results: [ReportResult]) -> String {
        let rules = results.flatMap { $0.findings.map(\.rule) }
        var reporter = Reporters.make(.html, context: ReportContext(packs: [PackInfo(id: "p", version: "1")], rules: rules))
        var out = reporter.header()
        var summary = RunSummary()
        for r in results { out += reporter.report(r); summary.add(r) }
        return out + reporter.footer(summary: summary)
    }

    static func activeParts(_ html: String) -> [String: Int] {
        let f = HTMLAudit.audit(html)
        var counts: [String: Int] = [:]
        for e in f.elements where ["script", "img", "svg", "iframe", "object", "embed", "a", "form", "base", "link",
                                    "meta"].contains(e) {
            counts[e, default: 0] += 1
        }
        counts["on*"] = f.eventHandlers.count
        counts["javascript:"] = f.scriptURLs.count
        return counts
    }

    @Test func hostileResultsAddNothingActive() throws {
        let hostile = HTMLOutputTests.hostileResult()
        var benign = hostile
        benign.path = "reports/ok.html"
        benign.metadata = Metadata(title: MetadataField(value: "标题", source: "h1"))
        for i in benign.findings.indices {
            benign.findings[i].message = "消息"
            benign.findings[i].rule.title = "标题"
            benign.findings[i].evidence = [Evidence(line: 3, column: 1, text: "证据")]
        }
        benign.findings[1].rule.id = "x-ok"
        let unreadable = ReportResult.inputError(path: "bad/\(Payload.script).docx", format: .docx,
                                                 message: "bad/\(Payload.script).docx: \(Payload.joined)")
        let calm = ReportResult.inputError(path: "bad/x.docx", format: .docx, message: "bad/x.docx: 损坏")
        let hostileHTML = Self.render([hostile, unreadable])
        let benignHTML = Self.render([benign, calm])
        #expect(Self.activeParts(hostileHTML) == Self.activeParts(benignHTML))
        #expect(HTMLAudit.audit(hostileHTML).scriptURLs.isEmpty)
        #expect(HTMLAudit.audit(hostileHTML).text.contains("onerror=alert(1)"))
    }
}
