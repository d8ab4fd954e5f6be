import Testing
import ReportDocument
import ReportNormalizer
@testable import RuleEngine

/// DESIGN.md §4: the expected results of the national pack on the five real seed reports, rule by rule.
@Suite struct SeedTableTests {
    struct Expectation: Sendable, CustomStringConvertible {
        var file: String
        var verdict: Verdict
        var failures: [String: Severity]
        var notApplicable: Set<String>
        var description: String { file }
    }

    static let table: [Expectation] = [
        Expectation(file: "000_83d38fe75baf5df9.txt", verdict: .fail,
                    failures: ["causes": .error, "first-responsible-person": .error, "title": .warning],
                    notApplicable: ["plan-year"]),
        Expectation(file: "001_c02aed8d6fac53b2.txt", verdict: .pass,
                    failures: ["court-judgments": .warning, "placeholders": .warning], notApplicable: []),
        Expectation(file: "002_c0349860ebe2af33.txt", verdict: .fail,
                    failures: ["causes": .error, "report-year": .error, "court-judgments": .warning,
                               "title": .warning, "issuer-and-date": .warning],
                    notApplicable: ["plan-year", "timeliness"]),
        Expectation(file: "003_7c599ebba73ae197.txt", verdict: .fail,
                    failures: ["first-responsible-person": .error, "court-judgments": .warning, "title": .warning,
                               "issuer-and-date": .warning],
                    notApplicable: ["timeliness"]),
        Expectation(file: "004_eded0069a967b318.txt", verdict: .pass,
                    failures: ["issuer-and-date": .warning], notApplicable: ["timeliness"]),
    ]

    static let ruleIDs = ["measures-and-results", "shortcomings", "causes", "first-responsible-person",
                          "next-year-plans", "plan-year", "court-judgments", "report-year", "title",
                          "issuer-and-date", "timeliness", "placeholders", "quantitative-results"]

    @Test func nationalPackHasExactlyTheThirteenRulesInOrder() throws {
        let set = try RuleSetLoader.load([])
        #expect(set.rules.map(\.id) == Self.ruleIDs)
        let errors: Set<String> = ["measures-and-results", "shortcomings", "causes", "first-responsible-person",
                                   "next-year-plans", "plan-year", "court-judgments", "report-year", "timeliness"]
        for rule in set.rules {
            #expect(rule.severity == (errors.contains(rule.id) ? .error : .warning), "\(rule.id)")
            #expect(!rule.basis.isEmpty && !rule.hint.isEmpty && !rule.title.isEmpty)
        }
    }

    @Test(arguments: table)
    func seedMatchesDesignTable(_ expected: Expectation) throws {
        Normalizer.setUp()
        let set = try RuleSetLoader.load([])
        let doc = try Normalizer.normalize(fileAt: Support.samplePath(expected.file))
        let findings = set.evaluate(doc)
        #expect(findings.map(\.rule.id) == Self.ruleIDs)
        for finding in findings {
            let id = finding.rule.id
            if let severity = expected.failures[id] {
                #expect(finding.status == .fail, "\(id): \(finding.message)")
                #expect(finding.severity == severity, "\(id)")
                #expect(!finding.evidence.isEmpty || ["title", "report-year", "issuer-and-date", "first-responsible-person"].contains(id),
                        "\(id) should point somewhere")
            } else if expected.notApplicable.contains(id) {
                #expect(finding.status == .notApplicable, "\(id): \(finding.message)")
            } else {
                #expect(finding.status == .pass, "\(id): \(finding.message)")
                if id != "placeholders" { #expect(!finding.evidence.isEmpty, "\(id) passes with evidence") }
            }
        }
        #expect(ReportResult.verdict(for: findings) == expected.verdict)
    }

    @Test func causesFailurePointsAtTheShortcomingsSection() throws {
        Normalizer.setUp()
        let set = try RuleSetLoader.load([])
        let doc = try Normalizer.normalize(fileAt: Support.samplePath("000_83d38fe75baf5df9.txt"))
        let causes = set.evaluate(doc).first { $0.rule.id == "causes" }!
        #expect(causes.evidence.first?.line == 19)
        #expect(causes.evidence.first?.text == "二、存在的问题和不足")
    }
}
