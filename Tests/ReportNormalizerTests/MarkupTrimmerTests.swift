import Foundation
import Testing
import TestSupport
@testable import ReportNormalizer

/// `HTMLMarkupTrimmer` cuts what the HTML reader never reads; the reader must then find exactly what it finds in the
/// page itself — the same lines, texts, line numbers and columns, the same metadata.
@Suite struct MarkupTrimmerTests {
    /// Everything the reader hands on, as text: a difference anywhere shows up here.
    static func describe(_ page: String, trim: Bool) -> String {
        switch HTMLReader.read(utf8: Array(page.utf8), options: NormalizerOptions(), trim: trim) {
        case .failure(let failure):
            return "failure: \(failure)"
        case .success(let output):
            var s = ""
            for line in output.lines {
                s += "\(line.hint)|"
                for piece in line.pieces { s += "\(piece.location)=\(piece.text)|" }
                s += "\n"
            }
            for (key, value) in output.metadata.metas.sorted(by: { $0.key < $1.key }) {
                s += "meta \(key)@\(value.line)=\(value.text)\n"
            }
            if let title = output.metadata.titleTag { s += "title@\(title.line)=\(title.text)\n" }
            return s
        }
    }

    static func trimmed(_ page: String) -> String? {
        HTMLMarkupTrimmer.trim(Array(page.utf8)).map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func cutsWhatTheReaderNeverReads() {
        let page = """
            <html><head><meta name="ArticleTitle" content="关于2024年度法治政府建设情况的报告">
            <title>报告</title><script src="/a.js" type="text/javascript">var x = "<p>";
            if (a < b) {}</script><style>.a{color:red}</style></head>
            <body><div class="TRS_Editor" id="zoom" style="font-size:16px" data-x="1">
            <p align="center"><a href="/col/col1/index.html" target="_blank" title="首页">首页</a>正文</p>
            </div></body></html>
            """
        let expected = """
            <html><head><meta name="ArticleTitle" content="关于2024年度法治政府建设情况的报告">
            <title>报告</title><script  >
            </script><style></style></head>
            <body><div class="TRS_Editor" id="zoom" style="font-size:16px" >
            <p ><a   >首页</a>正文</p>
            </div></body></html>
            """
        #expect(Self.trimmed(page) == expected)
        #expect(Self.describe(page, trim: true) == Self.describe(page, trim: false))
    }

    @Test func columnsAreThePagesOwn() throws {
        // "正文" starts after the <a …> tag: column 47 of line 2 in the page, 15 in the cut page.
        let page = "<html><body>\n<p><a href=\"/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p\" title=\"标题\">正文</a>。</p></body></html>"
        #expect(Self.describe(page, trim: true) == Self.describe(page, trim: false))
        let output = try HTMLReader.read(utf8: Array(page.utf8), options: NormalizerOptions()).get(path: "page.html")
        let piece = try #require(output.lines.first?.pieces.first { $0.text.contains("正文") })
        let text = "<p><a href=\"/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p\" title=\"标题\">"
        // libxml2 reports the position after the tag's ">" as the text's start, one column before the text.
        #expect(piece.location.column == text.count)
    }

    @Test func keepsAttributesThatSpanLines() {
        let page = "<p title=\"a\nb\" class=\"x\">一</p><p\nhref=\"y\">二</p>"
        #expect(Self.trimmed(page) == "<p title=\"a\nb\" class=\"x\">一</p><p\n>二</p>")
        #expect(Self.describe(page, trim: true) == Self.describe(page, trim: false))
    }

    @Test func keepsScriptLineBreaksAndTitleScripts() {
        let page = "<p>一</p><script>\n  a = 1;\n  b = 2;</script><p>二</p><title>题<script>x</script></title><script>y</script>"
        // Inside <title> the reader keeps all text, so that script stays; so do all later ones (the scan cannot
        // tell where libxml2 ends the title).
        #expect(Self.trimmed(page) == "<p>一</p><script>\n\n</script><p>二</p><title>题<script>x</script></title><script></script>")
        #expect(Self.describe(page, trim: true) == Self.describe(page, trim: false))
    }

    @Test func stopsCuttingAtMarkupItDoesNotFollow() {
        // A bogus attribute name: libxml2 skips it its own way, so nothing after it is cut.
        let page = "<p a=\"1\">x</p><p @click=\"f\" b=\"2\">y</p><p c=\"3\">z</p>"
        #expect(Self.trimmed(page) == "<p >x</p><p @click=\"f\" b=\"2\">y</p><p c=\"3\">z</p>")
        // A comment libxml2 ends at "--!>" stops the cut there, not at an earlier comment.
        let bang = "<!-- a --><p x=\"1\">t</p><!-- b --!><p y=\"2\">u</p>"
        #expect(Self.trimmed(bang) == "<!-- a --><p >t</p><!-- b --!><p y=\"2\">u</p>")
        #expect(Self.describe(bang, trim: true) == Self.describe(bang, trim: false))
        // Many comments (each looked at up to its own end: linear in the page).
        let comments = String(repeating: "<!-- c --><a href=\"/x\">链接</a>\n", count: 2_000)
        #expect(Self.trimmed(comments) == String(repeating: "<!-- c --><a >链接</a>\n", count: 2_000))
        // A NUL byte anywhere: nothing is cut.
        #expect(HTMLMarkupTrimmer.trim(Array("<p a=\"1\">x\u{0}</p>".utf8)) == nil)
        // Nothing to cut.
        #expect(HTMLMarkupTrimmer.trim(Array("<p class=\"a\">x</p>".utf8)) == nil)
        // An unterminated comment, a CDATA section, a processing instruction without a target.
        for tail in ["<!-- open", "<![CDATA[x]]>", "<? x>"] {
            let page = "<p a=\"1\">x</p>" + tail + "<p b=\"2\">y</p>"
            #expect(Self.trimmed(page) == "<p >x</p>" + tail + "<p b=\"2\">y</p>")
        }
    }

    @Test func seedSamplesReadTheSame() throws {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Samples")
        let pages = try FileManager.default.contentsOfDirectory(atPath: samples.path).filter { $0.hasSuffix(".html") }
        #expect(!pages.isEmpty)
        for name in pages {
            let bytes = try [UInt8](Data(contentsOf: samples.appendingPathComponent(name)))
            let utf8 = try TextDecoder.decodeBytes(bytes, sniffMarkup: true).get(path: name).utf8
            let page = String(decoding: utf8, as: UTF8.self)
            #expect(HTMLMarkupTrimmer.trim(utf8) != nil, "\(name): nothing cut")
            #expect(Self.describe(page, trim: true) == Self.describe(page, trim: false), "\(name)")
        }
    }

    /// Random pages from the pieces that trip HTML scanners: the cut page must always read like the page.
    @Test func randomPagesReadTheSame() {
        var rng = SeededGenerator(state: 20261122)
        var cutPages = 0
        for _ in 0..<600 {
            let page = RandomPage.make(&rng)
            if Self.trimmed(page) != nil { cutPages += 1 }
            let (a, b) = (Self.describe(page, trim: true), Self.describe(page, trim: false))
            #expect(a == b, "page: \(page.debugDescription)")
            if a != b { break }
        }
        #expect(cutPages > 300)
    }
}

enum RandomPage {
    static let texts = ["法治政府建设", "一、主要举措", "abc", " ", "  \n  ", "\n", "&amp;", "&#x4E2D;", "&nbsp;", "<", " < 3",
                        "a<b", "&", "\r\n", "\t", "2024年", "（一）", "&lt;p&gt;", "x&y", ">"]
    static let tags = ["p", "div", "a", "span", "img", "br", "td", "tr", "table", "h1", "h2", "h3", "li", "ul", "font",
                       "b", "Div", "P", "input", "meta", "title", "script", "style", "SCRIPT", "Style", "h2", "em"]
    static let names = ["href", "src", "class", "id", "style", "alt", "title", "data-x", "onclick", "CLASS", "Href",
                        "x:y", "_u", ".d", "a-b", "name", "content", "ID", "Style", "target"]
    static let values = ["\"/col/col1/index.html\"", "'x'", "\"\"", "''", "plain", "\"a\nb\"", "\"标题\"",
                         "\"a&amp;b\"", "\"a > b\"", "\"a < b\"", "\"it's\"", "'say \"hi\"'", "\"display:none\"",
                         "\"TRS_Editor\"", "\"zoom\"", "\"nav\"", "x&y", "\"&#x4E2D;\"", "\"\r\"", "\"a\tb\""]
    static let blanks = [" ", "\n", "  ", "\t", " \n "]
    static let odd = ["<!-- 注释 -->", "<!---->", "<!-->", "<!-- a -- b -->", "<!-- x --!>", "<!-- open",
                      "<!DOCTYPE html>", "<!doctype html PUBLIC \"-//W3C//DTD\" \"http://x\">", "<?xml version=\"1.0\"?>",
                      "<? bogus>", "<!foo>", "<![CDATA[x]]>", "</>", "</ p>", "</p >", "</a\n>", "</_x>",
                      "<p/>", "<br/>", "<script/>", "<p @click=\"f\">", "<p \"x\">", "<p / x=\"1\">", "<p x=>",
                      "<p x = \"1\" >", "<p x=\"1\"y=\"2\">", "</title>", "</script>", "</STYLE>", "<", "<3"]
    static let scriptBodies = ["var a = '<p>';", "if (a < b) {}", "</scr", "x\ny\nz", "  中文\n", "", "<!-- x -->",
                               "document.write('</div>');"]

    static func make(_ rng: inout SeededGenerator) -> String {
        var s = ""
        if Bool.random(using: &rng) { s += "<html><head><title>题目</title></head><body>" }
        for _ in 0..<Int.random(in: 5...60, using: &rng) {
            switch Int.random(in: 0..<10, using: &rng) {
            case 0...2: s += texts.randomElement(using: &rng)!
            case 3...6:
                let tag = tags.randomElement(using: &rng)!
                s += "<" + tag
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    s += blanks.randomElement(using: &rng)! + names.randomElement(using: &rng)!
                    if Int.random(in: 0..<5, using: &rng) > 0 {
                        s += Bool.random(using: &rng) ? "=" : " = "
                        s += values.randomElement(using: &rng)!
                    }
                }
                s += Int.random(in: 0..<8, using: &rng) == 0 ? "/>" : ">"
                if ["script", "style"].contains(tag.lowercased()) {
                    s += scriptBodies.randomElement(using: &rng)! + "</" + tag + ">"
                }
            case 7: s += "</" + tags.randomElement(using: &rng)! + ">"
            default: s += odd.randomElement(using: &rng)!
            }
        }
        return s
    }
}
