import Testing
import ReportDocument
@testable import ReportNormalizer

/// `Normalizer.format(forPath:)` reads the extension on bytes; it must agree with the plain reading (last path
/// component, text after its last dot, lowercased) on every kind of path.
@Suite struct FormatForPathTests {
    static func reference(_ path: String) -> InputFormat? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "txt", "text": return .text
        case "html", "htm", "shtml", "xhtml": return .html
        case "docx": return .docx
        default: return nil
        }
    }

    @Test func agreesWithThePlainReading() {
        let paths = ["a.txt", "A.TXT", "reports/2025/报告.HTML", "/abs/x.shtml", "x.Xhtml", "d.docx", "d.DOCX", ".txt",
                     "noext", "dir.d/file", "dir.d/", "x.txt/", "x.txt//", "/", "", ".", "..", "a.", "a.tx", "a.htmll",
                     "a.pdf", "报告.文本", "a.txt.bak", "archive.tar.txt", "./r/../s.htm", "a.ｔｘｔ", "a.TEXT"]
        for p in paths { #expect(Normalizer.format(forPath: p) == Self.reference(p), "\(p)") }
    }
}
