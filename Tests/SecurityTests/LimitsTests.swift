import Foundation
import TestSupport
import Testing
import ReportCheck
import ReportDocument
import ReportNormalizer
import RuleEngine

/// Every limit gives a clear per-file error naming the limit, and the batch goes on with the next report.
@Suite struct LimitsTests {
    static let good = """
        某市司法局2025年度法治政府建设情况报告
        一、主要举措和成效
        全年办理案件12件，培训300人次，审查文件15份。
        二、存在的不足和原因
        究其原因，学习不够。
        三、2026年工作安排
        继续推进。
        某市司法局
        2026年1月10日
        """

    static func checker(_ configure: (inout ReportChecker) -> Void = { _ in }) throws -> ReportChecker {
        Normalizer.setUp()
        var c = ReportChecker(ruleSet: try RuleSetLoader.load([]))
        configure(&c)
        return c
    }

    @Test func defaults() {
        let o = NormalizerOptions()
        #expect(o.maxInputBytes == 50 << 20)
        #expect(o.maxDocxUncompressedBytes == 100 << 20)
        #expect(o.maxNestingDepth == 1_000)
        let l = Limits()
        #expect(l.timeBudgetMilliseconds == 30_000)
        #expect(l.maxFindings == 1_000)
        #expect(l.maxEvidencePerFinding == 20)
    }

    @Test func inputSizeIsCheckedBeforeReading() throws {
        // A sparse 3 GB file: reading it would take seconds and gigabytes; the size check answers at once.
        let file = Paths.tempDir().appendingPathComponent("huge.txt")
        FileManager.default.createFile(atPath: file.path, contents: Data("一".utf8))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 3 << 30)
        try handle.close()
        let start = ContinuousClock.now
        let result = try Self.checker().check(path: file.path)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(result.verdict == .error)
        #expect(result.error == "\(file.path): file larger than the 50 MB limit")
        let small = try Self.checker { $0.options.maxInputBytes = 1 << 20 }
        let medium = Paths.tempDir().appendingPathComponent("m.txt")
        try Data(repeating: 0x41, count: (1 << 20) + 1).write(to: medium)
        #expect(small.check(path: medium.path).error == "\(medium.path): file larger than the 1 MB limit")
    }

    @Test func docxDecompressedSizeIsCapped() throws {
        // 8 MB of one character compresses to a few KB: a small zip bomb.
        let para = Docx.paragraph(String(repeating: "法", count: 1 << 20))
        let xml = Docx.documentXML(String(repeating: para, count: 3))
        let bomb = try Docx.make(["word/document.xml": xml])
        #expect(bomb.count < 200_000)
        let c = try Self.checker { $0.options.maxDocxUncompressedBytes = 4 << 20 }
        let result = c.check(bytes: bomb, path: "bomb.docx", format: .docx)
        #expect(result.verdict == .error)
        #expect(result.error == "bomb.docx: docx: decompressed size exceeds 4 MB limit")
    }

    @Test func htmlNestingDepthIsCapped() throws {
        let html = String(repeating: "<div>", count: 5_000) + "正文" + String(repeating: "</div>", count: 5_000)
        let c = try Self.checker { $0.options.maxNestingDepth = 1_000 }
        let result = c.check(bytes: Array(html.utf8), path: "deep.html", format: .html)
        #expect(result.verdict == .error)
        #expect(result.error == "deep.html: html: elements nested deeper than 1000 levels")
    }

    @Test func docxNestingDepthIsCappedWithoutCrashing() throws {
        // Nested tables 2,000 deep: deeper content is ignored, never a stack overflow.
        let inner = Docx.paragraph("深处")
        var body = inner
        for _ in 0..<2_000 { body = "<w:tbl><w:tr><w:tc>\(body)</w:tc></w:tr></w:tbl>" }
        let xml = Docx.documentXML(Docx.paragraph("一、主要举措和成效") + body)
        let result = try Self.checker().check(bytes: try Docx.make(["word/document.xml": xml]), path: "deep.docx",
                                              format: .docx)
        #expect(result.verdict != .error || result.error?.contains("deep.docx") == true)
    }

    @Test func timeBudgetNamesTheBudget() throws {
        let c = try Self.checker { $0.limits.timeBudgetMilliseconds = 0 }
        let result = c.check(bytes: Array(Self.good.utf8), path: "r.txt", format: .text)
        #expect(result.verdict == .error)
        #expect(result.error == "r.txt: time budget of 0 ms exceeded after decoding")
        let ok = try Self.checker().check(bytes: Array(Self.good.utf8), path: "r.txt", format: .text)
        #expect(ok.verdict != .error)
    }

    @Test func findingsCap() throws {
        let c = try Self.checker { $0.limits.maxFindings = 5 }
        let result = c.check(bytes: Array(Self.good.utf8), path: "r.txt", format: .text)
        #expect(result.verdict == .error)
        #expect(result.error == "r.txt: 13 findings exceed the limit of 5 per report (--max-findings)")
    }

    @Test func evidenceCap() throws {
        let text = Self.good + "\n" + (1...50).map { "第\($0)项：XX单位XX" }.joined(separator: "\n")
        let c = try Self.checker { $0.limits.maxEvidencePerFinding = 2 }
        let result = c.check(bytes: Array(text.utf8), path: "r.txt", format: .text)
        #expect(result.verdict != .error)
        #expect(result.findings.allSatisfy { $0.evidence.count <= 2 })
        #expect(result.findings.contains { $0.evidence.count == 2 })
    }

    @Test func batchGoesOnPastEveryLimit() throws {
        let dir = Paths.tempDir()
        func write(_ name: String, _ data: Data) -> String {
            let url = dir.appendingPathComponent(name)
            try! data.write(to: url)
            return url.path
        }
        let goodPath = write("good.txt", Data(Self.good.utf8))
        let big = write("big.txt", Data(repeating: 0x41, count: (2 << 20)))
        let deep = write("deep.html", Data((String(repeating: "<div>", count: 3_000) + "字").utf8))
        let bomb = write("bomb.docx", Data(try Docx.make(["word/document.xml":
            Docx.documentXML(String(repeating: Docx.paragraph(String(repeating: "法", count: 1 << 20)), count: 2))])))
        let paths = [goodPath, big, goodPath, deep, bomb, goodPath]
        let c = try Self.checker {
            $0.options.maxInputBytes = 1 << 20
            $0.options.maxDocxUncompressedBytes = 1 << 20
            $0.options.maxNestingDepth = 1_000
        }
        var results: [ReportResult] = Array(repeating: .inputError(path: "", format: nil, message: ""), count: paths.count)
        BatchRunner(jobs: 3).run(count: paths.count, work: { c.check(path: paths[$0]) }) { i, r in results[i] = r }
        #expect(results.map { $0.verdict == .error } == [false, true, false, true, true, false])
        #expect(results[1].error?.contains("larger than the 1 MB limit") == true)
        #expect(results[3].error?.contains("nested deeper than 1000") == true)
        #expect(results[4].error?.contains("decompressed size exceeds 1 MB") == true)
    }
}
