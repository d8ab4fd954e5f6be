import Foundation
import Testing
import ReportCheck
import ReportDocument
import ReportNormalizer
import RuleEngine
import ZIPFoundation

/// Inputs found by fuzzing (`make fuzz`), kept under Regressions/<target>/ once fixed. Each must finish quickly
/// with a result (a document or a clear error), never crash or hang. Same entry points as Fuzz/Sources.
@Suite struct RegressionTests {
    static func inputs() -> [String] {
        let fm = FileManager.default
        var out: [String] = []
        for target in (try? fm.contentsOfDirectory(atPath: Paths.regressions.path))?.sorted() ?? [] {
            let dir = Paths.regressions.appendingPathComponent(target).path
            for name in (try? fm.contentsOfDirectory(atPath: dir))?.sorted() ?? [] where !name.hasPrefix(".") {
                out.append("\(target)/\(name)")
            }
        }
        return out
    }

    @Test func regressionsDirectoryIsPresent() {
        #expect(FileManager.default.fileExists(atPath: Paths.regressions.path))
    }

    @Test(arguments: inputs())
    func regressionInputFinishes(_ name: String) throws {
        Normalizer.setUp()
        let bytes = [UInt8](try Data(contentsOf: Paths.regressions.appendingPathComponent(name)))
        let target = String(name.split(separator: "/")[0])
        var options = NormalizerOptions()
        options.maxInputBytes = 1 << 20
        options.maxDocxUncompressedBytes = 4 << 20
        options.maxNestingDepth = 256
        let start = ContinuousClock.now
        switch target {
        case "html": _ = try? Normalizer.normalize(bytes: bytes, path: "r.html", format: .html, options: options)
        case "text": _ = try? Normalizer.normalize(bytes: bytes, path: "r.txt", format: .text, options: options)
        case "docx": _ = try? Normalizer.normalize(bytes: bytes, path: "r.docx", format: .docx, options: options)
        case "docx-xml":
            let archive = try Archive(data: Data(), accessMode: .create)
            let data = Data(bytes)
            try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .none) { p, s in data.subdata(in: Int(p)..<Int(p) + s) }
            _ = try? Normalizer.normalize(bytes: [UInt8](archive.data!), path: "r.docx", format: .docx, options: options)
        case "pack":
            if let text = String(validating: bytes, as: UTF8.self),
               let set = try? RuleSetLoader.load(packText: text, path: "fuzz/pack.yml") {
                let doc = try Normalizer.normalize(bytes: Array(LimitsTests.good.utf8), path: "s.txt", format: .text)
                _ = set.evaluate(doc)
            }
        case "rules":
            if let doc = try? Normalizer.normalize(bytes: bytes, path: "r.txt", format: .text, options: options) {
                _ = try RuleSetLoader.load(RuleSetLoader.builtinPackIDs).evaluate(doc)
            }
        default:
            Issue.record("unknown fuzz target directory \(target)")
        }
        #expect(ContinuousClock.now - start < .seconds(10), "\(name) is slow")
    }
}
