import Foundation
import ReportCheck
@testable import ReportChecklist
import ReportNormalizer
import ReportOutput
import RuleEngine
import Testing

/// The real pack on the seed reports: the filled checklist agrees with `check --format json` on every status, and a
/// checklist filled from read-back results (`--from results.jsonl`) equals one filled from the check itself.
@Suite struct SeedTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Samples").standardized

    static func seedResults() throws -> (RuleSet, [ReportResult]) {
        Normalizer.setUp()
        let ruleSet = try RuleSetLoader.load([])
        let checker = ReportChecker(ruleSet: ruleSet)
        let seeds = try FileManager.default.contentsOfDirectory(atPath: samples.path)
            .filter { $0.range(of: #"^00[0-4]_.*\.txt$"#, options: .regularExpression) != nil }.sorted()
        return (ruleSet, seeds.map { checker.check(path: samples.appendingPathComponent($0).path) })
    }

    @Test func filledChecklistAgreesWithCheckJSON() throws {
        let (ruleSet, results) = try Self.seedResults()
        #expect(results.count == 5)
        // What `check --format json` prints, read back.
        let json = results.map(ResultJSON.encode)
        let checklist = Checklist.filled(rules: ruleSet.rules, packs: ruleSet.packInfos, results: results)
        #expect(checklist.items.count == ruleSet.rules.count)
        let csv = parseCSV(try #require(try ChecklistWriter.write(checklist, format: .csv, language: .zh, to: nil)))
        let head = csv[0]
        let numCol = try #require(head.firstIndex(of: "序号")), autoCol = try #require(head.firstIndex(of: "自动结论"))
        let byNumber = Dictionary(uniqueKeysWithValues: checklist.items.map { ($0.number, $0.rule.id) })
        for (line, result) in zip(json, results) {
            let decoded = try ResultJSON.decode(line: line)
            let rows = csv.filter { $0[0] == result.path }
            #expect(rows.count == ruleSet.rules.count)
            for row in rows {
                let id = try #require(byNumber[Int(row[numCol]) ?? 0])
                let finding = try #require(decoded.findings.first { $0.rule.id == id })
                let status = row[autoCol].components(separatedBy: "\r\n")[0]
                let expected: String
                switch finding.status {
                case .pass: expected = "符合"
                case .notApplicable: expected = "不适用"
                case .fail: expected = "不符合（\(["error": "错误", "warning": "警告", "info": "提示"][finding.severity.rawValue]!)）"
                }
                #expect(status == expected, "\(result.path) \(id)")
            }
        }
    }

    @Test func fromResultsEqualsDirect() throws {
        let (ruleSet, results) = try Self.seedResults()
        let byId = Dictionary(ruleSet.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let readBack = try results.map { try ResultJSON.decode(line: ResultJSON.encode($0), rules: byId) }
        var direct = Checklist.filled(rules: ruleSet.rules, packs: ruleSet.packInfos, results: results)
        var fromJSON = Checklist.filled(rules: ruleSet.rules, packs: ruleSet.packInfos, results: readBack)
        direct.generated = "2026-03-01"
        fromJSON.generated = "2026-03-01"
        for format in [ChecklistFormat.markdown, .html, .csv] {
            #expect(ChecklistWriter.render(direct, format: format, language: .zh)
                    == ChecklistWriter.render(fromJSON, format: format, language: .zh), "\(format)")
        }
    }
}
