import CLibXML2
import Foundation
import ReportDocument
import ReportOutput
import RuleEngine
import Testing

@Suite("HTML dashboard") struct DashboardTests {
    static let evil = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>'javascript:alert(3)\u{2028}</script><!--"

    static func rule(_ id: String) -> RuleInfo {
        RuleInfo(id: id, pack: "p", title: "要求 " + id + evil, severity: .error, basis: "依据", hint: "提示" + evil)
    }

    static func results() -> [(ReportResult, BatchAnnotation)] {
        let rules = [rule("causes"), rule("title")]
        var meta = Metadata()
        meta.title = MetadataField(value: "关于2024年度" + evil, source: "t")
        meta.agency = MetadataField(value: "机关\"><svg onload=alert(4)>", source: "t")
        meta.year = MetadataField(value: 2024, source: "t")
        let bad = ReportResult(path: "/tmp/</script><script>alert(5)</script>.html", format: .html, encoding: "UTF-8",
                               verdict: .fail, metadata: meta, findings: [
                                   Finding(rule: rules[0], status: .fail, severity: .error, message: "缺少" + evil,
                                           evidence: [Evidence(line: 3, column: 1, text: "证据" + evil)]),
                                   Finding(rule: rules[1], status: .pass, severity: .warning, message: "ok"),
                               ])
        let good = ReportResult(path: "ok.txt", format: .text, encoding: "UTF-8", verdict: .pass, findings: [
            Finding(rule: rules[0], status: .pass, severity: .error, message: "ok"),
            Finding(rule: rules[1], status: .notApplicable, severity: .warning, message: "n/a"),
        ])
        let err = ReportResult.inputError(path: "bin\u{2028}.txt", format: .text, message: "binary " + evil)
        return [(bad, BatchAnnotation(change: .newlyFailing, newlyFailingRules: ["causes"], region: evil, url: "javascript:alert(6)")),
                (good, BatchAnnotation(change: .fixed, fixedRules: [evil], url: " https://example.gov.cn/x?a=1&b=2")),
                (err, BatchAnnotation(change: .new))]
    }

    static func render() -> String {
        var r = HTMLDashboardReporter(context: ReportContext(packs: [PackInfo(id: "p", version: "1")], rules: [rule("causes"), rule("title")]))
        var out = r.header()
        var summary = RunSummary()
        for (res, a) in results() {
            summary.add(res)
            out += r.report(res, annotation: a)
        }
        out += r.footer(summary: summary)
        return out
    }

    @Test func reportTextIsEscapedEverywhere() {
        let html = Self.render()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<svg onload"))
        #expect(!html.contains("href=\"javascript"))
        #expect(!html.contains("\u{2028}"), "U+2028 is written as a character reference")
        #expect(!html.contains("<!--"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&#x2028;"))
        #expect(html.components(separatedBy: "<script>").count == 2, "exactly one script element: the page's own")
        #expect(html.components(separatedBy: "</script>").count == 2)
        #expect(html.contains("href=\"https://example.gov.cn/x?a=1&amp;b=2\""))
    }

    /// libxml2's HTML parser sees the page as a browser's tree builder would: exactly one script, no element or
    /// attribute from report text, every link http(s), one table row pair per report. Runs in every `make test`.
    @Test func structureParsedByLibxml2() throws {
        let html = Self.render()
        let tree = try #require(HTMLTree(html))
        #expect(tree.count("script") == 1)
        #expect(tree.count("img") == 0)
        #expect(tree.count("svg") == 1, "the bar chart only")
        #expect(tree.attributes.allSatisfy { !$0.name.lowercased().hasPrefix("on") }, "no event handler attributes")
        #expect(tree.attributes.filter { $0.name == "href" }.allSatisfy { $0.value.hasPrefix("https://") || $0.value.hasPrefix("http://") })
        #expect(tree.count("tr", class: "r v-fail") == 1)
        #expect(tree.count("tr", class: "r v-pass") == 1)
        #expect(tree.count("tr", class: "r v-error") == 1)
        #expect(tree.count("tr", class: "d") == 3)
        #expect(tree.text.contains("<script>alert(1)</script>"), "the report text survives as text")
        #expect(tree.text.contains("\u{2028}"))
        #expect(tree.count("link") == 0 && tree.count("iframe") == 0 && tree.count("object") == 0, "no external assets")
    }

    /// Loads the page in headless Chromium when it is installed (Debian's `chromium`): the script runs (the shown
    /// count is filled in) and the DOM holds no element injected by report text.
    @Test(.enabled(if: Chromium.path != nil)) func loadsInHeadlessChromium() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/dashboard.html"
        try Self.render().write(toFile: file, atomically: false, encoding: .utf8)
        let dom = try Chromium.dumpDOM(file)
        #expect(dom.contains("<span id=\"shown\">3 / 3</span>"), "the filter script ran: \(dom.suffix(300))")
        #expect(!dom.contains("<img"))
        #expect(!dom.contains("<script>alert"))
        #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}

enum Chromium {
    static var path: String? {
        ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func dumpDOM(_ file: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("rl-chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + profile, "--dump-dom", "file://" + file]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

/// The element tree libxml2's HTML parser builds, flattened for assertions.
struct HTMLTree {
    var elements: [(name: String, cls: String)] = []
    var attributes: [(name: String, value: String)] = []
    var text = ""

    init?(_ html: String) {
        let bytes = Array(html.utf8)
        let opts = Int32(HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue)
        guard let doc = bytes.withUnsafeBufferPointer({ buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) {
                htmlReadMemory($0, Int32(buf.count), "dashboard.html", "UTF-8", opts)
            }
        }) else { return nil }
        defer { xmlFreeDoc(doc) }
        walk(xmlDocGetRootElement(doc))
    }

    private mutating func walk(_ node: xmlNodePtr?) {
        var n = node
        while let cur = n {
            if cur.pointee.type == XML_ELEMENT_NODE {
                let name = String(cString: cur.pointee.name)
                var cls = ""
                var a = cur.pointee.properties
                while let attr = a {
                    let an = String(cString: attr.pointee.name)
                    var value = ""
                    if let v = xmlNodeGetContent(attr.pointee.children) { value = String(cString: v); cxml_free(v) }
                    if an == "class" { cls = value }
                    attributes.append((an, value))
                    a = attr.pointee.next
                }
                elements.append((name, cls))
            } else if cur.pointee.type == XML_TEXT_NODE, let c = cur.pointee.content {
                text += String(cString: c)
            }
            walk(cur.pointee.children)
            n = cur.pointee.next
        }
    }

    func count(_ name: String, class cls: String? = nil) -> Int {
        elements.filter { $0.name == name && (cls == nil || $0.cls == cls) }.count
    }
}
