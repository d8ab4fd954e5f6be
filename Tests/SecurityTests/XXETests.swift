import Foundation
import TestSupport
import Testing
import CLibXML2
import ReportDocument
@testable import ReportNormalizer

/// XML external entities in .docx parts are never expanded and never read: the secret file's content never
/// appears, and the report is either rejected (a DOCTYPE in a Word part) or read without the entity.
@Suite struct XXETests {
    func normalize(_ bytes: [UInt8], path: String = "x.docx") -> Result<Document, InputError> {
        Normalizer.setUp()
        do { return .success(try Normalizer.normalize(bytes: bytes, path: path, format: .docx)) } catch {
            return .failure(error)
        }
    }

    func everything(_ r: Result<Document, InputError>) -> String {
        switch r {
        case .success(let d): return d.blocks.map(\.text).joined(separator: "\n") + "\(d.metadata)"
        case .failure(let e): return e.description
        }
    }

    @Test func externalEntityInDocumentXMLIsRejectedAndNotRead() throws {
        let (secretPath, secret) = Paths.secretFile()
        let prolog = "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://\(secretPath)\">]>\n"
        let xml = Docx.documentXML(Docx.paragraph("一、主要举措和成效[&xxe;]") + Docx.paragraph("正文。"), prolog: prolog)
        let r = normalize(try Docx.make(["word/document.xml": xml]))
        #expect(!everything(r).contains(secret))
        guard case .failure(let e) = r else { Issue.record("a DOCTYPE in document.xml must be rejected"); return }
        #expect(e.reason.contains("DOCTYPE"))
    }

    @Test func walkNeverExpandsEntitiesEvenWithoutTheDoctypeGuard() throws {
        let (secretPath, secret) = Paths.secretFile()
        let prolog = "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file://\(secretPath)\"><!ENTITY i \"INTERNAL\">"
            + "<!ENTITY % p SYSTEM \"file://\(secretPath)\"> %p;]>\n"
        let xml = Docx.documentXML(Docx.paragraph("前[&xxe;][&i;]后"), prolog: prolog)
        let result = DocxReader.parse(xml, part: "word/document.xml", allowDoctype: true) { doc in
            var walker = DocxWalker(styles: [:], maxDepth: 100)
            walker.walk(xmlDocGetRootElement(doc), depth: 0)
            return walker.lines.map { $0.pieces.map { String($0.text) }.joined() }.joined(separator: "\n")
        }
        switch result {
        case .success(let text):
            #expect(!text.contains(secret))
            #expect(!text.contains("INTERNAL"))
            #expect(text.hasPrefix("前["))
        case .failure(let f):
            // libxml2 may refuse the part outright (the parameter entity cannot be loaded): also safe.
            #expect(!f.reason.contains(secret))
        }
    }

    @Test func externalEntityInStylesXMLIsNotRead() throws {
        let (secretPath, secret) = Paths.secretFile()
        let styles = Array(("<?xml version=\"1.0\"?>\n<!DOCTYPE w:styles [<!ENTITY xxe SYSTEM \"file://\(secretPath)\">]>"
            + "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
            + "<w:style w:styleId=\"H1\"><w:name w:val=\"heading 1&xxe;\"/></w:style>"
            + "<w:style w:styleId=\"&xxe;\"><w:name w:val=\"&xxe;\"/></w:style></w:styles>").utf8)
        let xml = Docx.documentXML(Docx.paragraph("一、主要举措和成效", style: "H1") + Docx.paragraph("全年办理案件12件。"))
        let r = normalize(try Docx.make(["word/document.xml": xml, "word/styles.xml": styles]))
        #expect(!everything(r).contains(secret))
        // The document itself still reads (the unsafe styles part is ignored).
        guard case .success(let doc) = r else { Issue.record("document should read: \(r)"); return }
        #expect(doc.blocks.map(\.text).contains("全年办理案件12件。"))
    }

    @Test func remoteDTDInDocxIsNeverFetched() throws {
        let server = try ConnectionCounter()
        let prolog = "<!DOCTYPE w:document SYSTEM \"http://127.0.0.1:\(server.port)/x.dtd\">\n"
        let xml = Docx.documentXML(Docx.paragraph("正文&ext;。"), prolog: prolog)
        _ = normalize(try Docx.make(["word/document.xml": xml]))
        #expect(server.accepted() == 0)
    }

    @Test func billionLaughsIsRefusedQuickly() throws {
        var prolog = "<!DOCTYPE w:document [<!ENTITY l0 \"ha\">"
        for i in 1...9 { prolog += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        prolog += "]>\n"
        let xml = Docx.documentXML(Docx.paragraph("&l9;"), prolog: prolog)
        let start = ContinuousClock.now
        let r = normalize(try Docx.make(["word/document.xml": xml]))
        #expect(ContinuousClock.now - start < .seconds(2))
        if case .success = r { Issue.record("billion laughs must not read as a document") }
    }

    @Test func refusingEntityLoaderIsInstalled() {
        Normalizer.setUp()
        // The process-wide loader refuses every URL (defence in depth behind NONET and no NOENT).
        let (secretPath, _) = Paths.secretFile()
        let input = xmlLoadExternalEntity("file://" + secretPath, nil, nil)
        #expect(input == nil)
    }
}
