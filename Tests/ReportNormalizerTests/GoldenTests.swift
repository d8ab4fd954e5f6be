import Foundation
import Testing
import ReportDocument
@testable import ReportNormalizer

/// Canonical XML of every sample against committed goldens in Samples/expected/normalized/.
/// `UPDATE_GOLDENS=1 swift test --filter GoldenTests` rewrites them (review the diff before committing).
@Suite struct GoldenTests {
    static let update = ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"

    @Test(arguments: Fixtures.seeds + Fixtures.madeUp)
    func canonicalXMLMatchesGolden(_ name: String) throws {
        let doc = try Fixtures.document(name)
        let xml = CanonicalXML.render(doc)
        let golden = Fixtures.goldens.appendingPathComponent(name + ".xml")
        if Self.update {
            try FileManager.default.createDirectory(at: Fixtures.goldens, withIntermediateDirectories: true)
            try xml.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(xml == expected, "canonical XML of \(name) differs from \(golden.path); UPDATE_GOLDENS=1 rewrites")
    }

    @Test func canonicalXMLIsWellFormedAndEscaped() throws {
        let block = Block(kind: .paragraph, text: "A & B <c> \"d\"", location: SourceLocation(line: 1))
        let doc = Document(path: "x&y.txt", format: .text, encoding: "UTF-8", blocks: [block])
        let xml = CanonicalXML.render(doc)
        #expect(xml.contains("<p line=\"1\" column=\"1\">A &amp; B &lt;c&gt; \"d\"</p>"))
        #expect(xml.contains("path=\"x&amp;y.txt\""))
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
    }

    @Test func jsonAndTextRenderings() throws {
        let doc = try Fixtures.document(Fixtures.seeds[1])
        let json = DocumentJSON.render(doc)
        let view = try JSONDecoder().decode(DocumentJSON.View.self, from: Data(json.utf8))
        #expect(view.metadata.title?.value == "江源区卫生健康局2025年度法治政府建设工作报告")
        #expect(view.metadata.date?.value == "2026-01-29")
        #expect(view.metadata.year?.value == 2025)
        #expect(view.blocks.count == doc.blocks.count)
        #expect(view.sections.filter { $0.level == 1 }.count == 4)
        let text = DocumentText.render(doc)
        #expect(text.hasPrefix("title: 江源区卫生健康局2025年度法治政府建设工作报告\n"))
        #expect(text.contains("\n# 一、2025年度推进法治政府建设的主要举措和成效\n"))
        #expect(text.contains("\n## (一)强化统筹部署,夯实法治建设基础。\n"))
    }
}
