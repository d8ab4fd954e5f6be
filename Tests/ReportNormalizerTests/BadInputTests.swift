import Foundation
import Testing
import ReportDocument
@testable import ReportNormalizer

/// Hostile and broken inputs: each gives a clear error naming the file, or a correct result; never a crash.
@Suite struct BadInputTests {
    func error(_ bytes: [UInt8], _ format: InputFormat, path: String = "bad.input",
               options: NormalizerOptions = .init()) -> InputError? {
        Normalizer.setUp()
        do {
            _ = try Normalizer.normalize(bytes: bytes, path: path, format: format, options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test func binaryBytes() {
        var bytes: [UInt8] = Array("PK\u{3}\u{4}".utf8)
        for i in 0..<4096 { bytes.append(UInt8((i * 7919) & 0xFF)) }
        let e = error(bytes, .text, path: "r.txt")
        #expect(e?.description == "r.txt: binary file (NUL bytes)")
        #expect(error([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], .html)?.reason
                == "binary file (NUL bytes)")
    }

    @Test func emptyFile() {
        #expect(error([], .text, path: "empty.txt")?.description == "empty.txt: empty file")
        #expect(error(Array("  \n\r\n\t ".utf8), .text)?.reason == "empty file (whitespace only)")
        #expect(error([], .html)?.reason == "empty file")
        #expect(error([], .docx)?.reason == "empty file")
    }

    @Test func invalidUTF8ThatIsNotGB18030() {
        // 0xFF is neither UTF-8 nor a GB18030 lead byte; 0x80 alone is invalid in both too.
        let bytes: [UInt8] = Array("第一段文字".utf8) + [0xFF, 0xFE, 0x80, 0x41, 0xFF] + Array("。".utf8)
        #expect(error(bytes, .text, path: "x.txt")?.description == "x.txt: not valid UTF-8, UTF-16 or GB18030 text")
    }

    @Test func truncatedHTMLStillReads() throws {
        let html = "<html><head><title>测试</title></head><body><div class=\"TRS_Editor\"><p>一、主要举措和成效</p><p>全年办理案件12件。</p><p>二、存在的不"
        let doc = try Normalizer.normalize(bytes: Array(html.utf8), path: "t.html", format: .html)
        #expect(doc.blocks.map(\.text) == ["一、主要举措和成效", "全年办理案件12件。", "二、存在的不"])
        #expect(doc.blocks[0].heading?.level == 1)
        #expect(error(Array("<html><body><div>".utf8), .html)?.reason == "no text found")
    }

    @Test func twentyMegabyteSingleLine() throws {
        let unit = Array("法治政府建设情况良好，".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20 * 1024 * 1024 + unit.count)
        while bytes.count < 20 * 1024 * 1024 { bytes.append(contentsOf: unit) }
        let doc = try Normalizer.normalize(bytes: bytes, path: "big.txt", format: .text)
        #expect(doc.blocks.count == 1)
        #expect(doc.blocks[0].kind == .paragraph)
        #expect(doc.blocks[0].text.utf8.count == bytes.count)
        // Over the input cap: rejected before parsing.
        var options = NormalizerOptions()
        options.maxInputBytes = 1024 * 1024
        #expect(error(bytes, .text, path: "big.txt", options: options)?.reason == "file larger than the 1 MB limit")
    }

    @Test func tenThousandNestedDivs() {
        let html = "<html><body>" + String(repeating: "<div>", count: 10_000) + "深处的文字"
            + String(repeating: "</div>", count: 10_000) + "</body></html>"
        let e = error(Array(html.utf8), .html, path: "deep.html")
        #expect(e?.description == "deep.html: html: elements nested deeper than 1000 levels")
        // Moderate nesting under the cap reads fine.
        let ok = "<html><body>" + String(repeating: "<div>", count: 300) + "深处的文字。"
            + String(repeating: "</div>", count: 300) + "</body></html>"
        #expect((try? Normalizer.normalize(bytes: Array(ok.utf8), path: "ok.html", format: .html))?.blocks.first?.text
                == "深处的文字。")
    }

    @Test func docxWithXXEPayloadIsRejectedAndNothingIsRead() throws {
        let secret = FileManager.default.temporaryDirectory.appendingPathComponent("reportlint-xxe-\(UUID()).txt")
        try "TOP-SECRET-XXE-CONTENT".write(to: secret, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: secret) }
        let prolog = "<!DOCTYPE w:document [<!ENTITY e SYSTEM \"file://\(secret.path)\"><!ENTITY n SYSTEM \"http://127.0.0.1:9/x\"><!ENTITY i \"INTERNAL\">]>"
        let xml = Fixtures.documentXML("<w:p><w:r><w:t>before[&e;][&n;][&i;]after</w:t></w:r></w:p>", prolog: prolog)
        let docx = try Fixtures.docx(["word/document.xml": xml])
        let e = error(docx, .docx, path: "xxe.docx")
        #expect(e?.description == "xxe.docx: docx: word/document.xml has a DOCTYPE declaration (not allowed in Word documents)")
        #expect(!(e?.description.contains("TOP-SECRET") ?? true))
        // The walk itself never expands entities either (defence in depth): parse the part directly.
        let texts = try DocxReader.parse(xml, part: "word/document.xml", allowDoctype: true) { doc -> [String] in
            var walker = DocxWalker(styles: [:], maxDepth: 100)
            walker.walk(xmlDocGetRootElementShim(doc), depth: 0)
            return walker.lines.map { String($0.pieces[0].text) }
        }.get()
        #expect(texts == ["before[][][]after"])
    }

    @Test func zipBombIsCapped() throws {
        let zeros = [UInt8](repeating: 0x20, count: 3 * 1024 * 1024)
        let docx = try Fixtures.docx(["word/document.xml": zeros])
        #expect(docx.count < 100 * 1024)
        var options = NormalizerOptions()
        options.maxDocxUncompressedBytes = 1024 * 1024
        #expect(error(docx, .docx, path: "bomb.docx", options: options)?.description
                == "bomb.docx: docx: decompressed size exceeds 1 MB limit")
    }

    @Test func docxWithoutDocumentXML() throws {
        let docx = try Fixtures.docx(["word/styles.xml": Array("<w:styles/>".utf8), "[Content_Types].xml": Array("<Types/>".utf8)])
        #expect(error(docx, .docx, path: "nodoc.docx")?.description == "nodoc.docx: docx: word/document.xml missing")
        #expect(error(Array("not a zip at all".utf8), .docx)?.reason == "docx: not a valid zip archive")
    }

    @Test func mislabelledAndUnlabelledEncodings() throws {
        let body = "<p>关于2024年度法治政府建设情况的报告</p><p>朱镕基层调研12次。</p>"
        // UTF-8 bytes labelled gbk → UTF-8.
        let utf8 = Array(("<html><head><meta charset=\"gbk\"></head><body>" + body + "</body></html>").utf8)
        let d1 = try Normalizer.normalize(bytes: utf8, path: "a.html", format: .html)
        #expect(d1.encoding == "UTF-8")
        #expect(d1.blocks.last?.text == "朱镕基层调研12次。")
        // Unlabelled GB18030 bytes with a GBK-only character, title before the meta: decoded in Swift.
        let gbText = "<html><head><title>报告</title><meta charset=\"gb2312\"></head><body>" + body + "</body></html>"
        let gb = try #require(TextDecoder.iconvEncode(gbText, to: "GB18030"))
        let d2 = try Normalizer.normalize(bytes: gb, path: "b.html", format: .html)
        #expect(d2.encoding == "GB18030")
        #expect(d2.blocks.last?.text == "朱镕基层调研12次。")
        // A UTF-8 BOM wins and does not leak into the text.
        let d3 = try Normalizer.normalize(bytes: [0xEF, 0xBB, 0xBF] + Array("一、总体情况\n正文。".utf8), path: "c.txt",
                                          format: .text)
        #expect(d3.blocks[0].text == "一、总体情况")
    }

    @Test func readersAreSafeOnSeveralThreads() throws {
        let names = Fixtures.seeds + Fixtures.madeUp
        let inputs = try names.map { ($0, try Fixtures.bytes($0)) }
        let reference = try inputs.map { try CanonicalXML.render(Fixtures.document($0.0)) }
        let results = ResultBox(count: inputs.count * 4)
        DispatchQueue.concurrentPerform(iterations: inputs.count * 4) { i in
            let (name, bytes) = inputs[i % inputs.count]
            let doc = try? Normalizer.normalize(bytes: bytes, path: "Samples/\(name)",
                                                format: Normalizer.format(forPath: name)!)
            results.set(i, doc.map(CanonicalXML.render) ?? "")
        }
        for i in 0..<(inputs.count * 4) { #expect(results.get(i) == reference[i % inputs.count]) }
    }

    @Test func formatByExtension() {
        #expect(Normalizer.format(forPath: "a/b/report.TXT") == .text)
        #expect(Normalizer.format(forPath: "x.shtml") == .html)
        #expect(Normalizer.format(forPath: "x.xhtml") == .html)
        #expect(Normalizer.format(forPath: "draft.docx") == .docx)
        #expect(Normalizer.format(forPath: "scan.pdf") == nil)
        #expect(Normalizer.format(forPath: "README") == nil)
    }

    @Test func missingFile() {
        Normalizer.setUp()
        #expect(throws: InputError.self) { try Normalizer.normalize(fileAt: "/nonexistent/r.txt") }
        do { _ = try Normalizer.normalize(fileAt: "/nonexistent/r.txt") } catch {
            #expect(error.description == "/nonexistent/r.txt: no such file")
        }
    }
}

final class ResultBox: @unchecked Sendable {
    private var values: [String]
    private let lock = NSLock()
    init(count: Int) { values = Array(repeating: "", count: count) }
    func set(_ i: Int, _ v: String) { lock.lock(); values[i] = v; lock.unlock() }
    func get(_ i: Int) -> String { lock.lock(); defer { lock.unlock() }; return values[i] }
}
