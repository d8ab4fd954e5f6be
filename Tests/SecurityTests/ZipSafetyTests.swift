import Foundation
import TestSupport
import Testing
import ReportDocument
@testable import ReportNormalizer

/// Found by fuzzing (docx target): ZIPFoundation leaked every non-zip input and scanned all of it byte by byte.
@Suite struct ZipSafetyTests {
    func reason(_ bytes: [UInt8]) -> String? {
        Normalizer.setUp()
        do { _ = try Normalizer.normalize(bytes: bytes, path: "x.docx", format: .docx); return nil } catch {
            return error.reason
        }
    }

    @Test func nonZipIsRejectedWithoutTouchingZIPFoundation() {
        let html = Array("<html><body><p>这是一个网页，不是 Word 文档。</p></body></html>".utf8)
        #expect(reason(html) == "docx: not a valid zip archive")
        #expect(!ZipSafety.hasEndOfCentralDirectory(html))
    }

    @Test func largeNonZipIsRejectedQuickly() {
        let bytes = [UInt8](repeating: 0x41, count: 20 << 20)
        let start = ContinuousClock.now
        #expect(reason(bytes) == "docx: not a valid zip archive")
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    @Test func recordWithTruncatedCommentIsRejected() throws {
        var zip = try Docx.make(["word/document.xml": Docx.documentXML(Docx.paragraph("正文。"))])
        #expect(ZipSafety.hasEndOfCentralDirectory(zip))
        // Claim a 100-byte comment that is not there.
        zip[zip.count - 2] = 100
        #expect(!ZipSafety.hasEndOfCentralDirectory(zip))
        #expect(reason(zip) == "docx: not a valid zip archive")
    }

    @Test func validDocxStillReads() throws {
        let zip = try Docx.make(["word/document.xml": Docx.documentXML(Docx.paragraph("一、主要举措和成效") + Docx.paragraph("正文。"))])
        Normalizer.setUp()
        let doc = try Normalizer.normalize(bytes: zip, path: "ok.docx", format: .docx)
        #expect(doc.blocks.map(\.text) == ["一、主要举措和成效", "正文。"])
        let sample = [UInt8](try Data(contentsOf: Paths.samples.appendingPathComponent("made_up_docx_draft.docx")))
        #expect(ZipSafety.hasEndOfCentralDirectory(sample))
    }
}
