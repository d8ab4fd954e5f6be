import Foundation
import Testing
import ReportDocument
import ReportNormalizer

/// HTML inputs never fetch anything (NONET, no external entities, no remote DTD) and never read local files,
/// whatever the page declares; the text still comes out right.
@Suite struct HTMLInputTests {
    func normalize(_ html: String) throws -> Document {
        Normalizer.setUp()
        return try Normalizer.normalize(bytes: Array(html.utf8), path: "p.html", format: .html)
    }

    @Test func remoteDTDAndExternalEntitiesAreNotFetched() throws {
        let server = try ConnectionCounter()
        let (secretPath, secret) = Paths.secretFile()
        let base = "http://127.0.0.1:\(server.port)"
        let html = """
            <!DOCTYPE html SYSTEM "\(base)/x.dtd" [
              <!ENTITY ext SYSTEM "\(base)/ext.txt">
              <!ENTITY sec SYSTEM "file://\(secretPath)">
              <!ENTITY % pe SYSTEM "\(base)/pe.dtd"> %pe;
            ]>
            <html><head><title>某县2025年度法治政府建设情况报告</title>
            <link rel="stylesheet" href="\(base)/style.css"><script src="\(base)/a.js"></script>
            <meta http-equiv="refresh" content="0; url=\(base)/r"></head>
            <body><div class="TRS_Editor">
            <p>一、主要举措和成效</p>
            <p>全年办理案件12件[&ext;][&sec;]。</p>
            <img src="\(base)/i.png"><iframe src="\(base)/f.html"></iframe>
            <xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="\(base)/inc.xml"/>
            <p>二、存在的不足和原因</p>
            </div></body></html>
            """
        let doc = try normalize(html)
        let text = doc.blocks.map(\.text).joined(separator: "\n")
        #expect(server.accepted() == 0)
        #expect(!text.contains(secret))
        #expect(text.contains("一、主要举措和成效"))
        #expect(text.contains("全年办理案件12件"))
        #expect(text.contains("二、存在的不足和原因"))
        #expect(!text.contains("a.js"))
    }

    @Test func localDTDIsNotRead() throws {
        let (secretPath, secret) = Paths.secretFile()
        let html = "<!DOCTYPE html SYSTEM \"file://\(secretPath)\"><html><body><p>正文一段。&unknown;</p></body></html>"
        let doc = try normalize(html)
        #expect(!doc.blocks.map(\.text).joined().contains(secret))
        #expect(doc.blocks.first?.text.hasPrefix("正文一段。") == true)
    }

    @Test func xhtmlExtensionIsStillParsedAsHTML() throws {
        // .xhtml goes through the HTML parser too (recovering, NONET): an XML-style DOCTYPE with entities is inert.
        #expect(Normalizer.format(forPath: "a.xhtml") == .html)
        let server = try ConnectionCounter()
        let html = "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Strict//EN\" "
            + "\"http://127.0.0.1:\(server.port)/xhtml1-strict.dtd\"><html xmlns=\"http://www.w3.org/1999/xhtml\">"
            + "<body><p>第一段&nbsp;文字。</p></body></html>"
        let doc = try normalize(html)
        #expect(server.accepted() == 0)
        #expect(doc.blocks.map(\.text).joined().contains("第一段"))
    }
}
