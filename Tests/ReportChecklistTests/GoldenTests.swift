import Foundation
@testable import ReportChecklist
import Testing

/// Golden files under Tests/ReportChecklistTests/Goldens. Rewrite them with UPDATE_GOLDENS=1 and review the diff.
@Suite struct GoldenTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    func check(_ name: String, _ actual: String) throws {
        let url = Self.dir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" {
            try FileManager.default.createDirectory(at: Self.dir, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from its golden; UPDATE_GOLDENS=1 rewrites it")
    }

    static let filled = Fixtures.filled([Fixtures.seed000, Fixtures.seed001, Fixtures.unreadable])

    @Test func filledMarkdown() throws {
        try check("filled.zh.md", try #require(ChecklistWriter.render(Self.filled, format: .markdown, language: .zh)))
    }

    @Test func filledHTML() throws {
        try check("filled.zh.html", try #require(ChecklistWriter.render(Self.filled, format: .html, language: .zh)))
    }

    @Test func blankEnglishMarkdown() throws {
        try check("blank.en.md", try #require(ChecklistWriter.render(Fixtures.blank(), format: .markdown, language: .en)))
    }
}

/// CHECKLIST_SAMPLES=DIR writes every format of the fixtures to DIR, to open and print them by hand
/// (LibreOffice, Chromium); see docs/checklists.md.
@Suite struct SampleOutput {
    @Test func writeSamplesWhenAsked() throws {
        guard let dir = ProcessInfo.processInfo.environment["CHECKLIST_SAMPLES"] else { return }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let filled = Fixtures.filled([Fixtures.seed000, Fixtures.seed001, Fixtures.unreadable, Fixtures.hostile])
        for language in [ChecklistLanguage.zh, .en] {
            for format in ChecklistFormat.allCases {
                let ext = format == .markdown ? "md" : format.rawValue
                try ChecklistWriter.write(filled, format: format, language: language, to: "\(dir)/filled.\(language.rawValue).\(ext)")
                try ChecklistWriter.write(Fixtures.blank(), format: format, language: language, to: "\(dir)/blank.\(language.rawValue).\(ext)")
            }
        }
    }
}
