import Foundation
import Testing
import ReportDocument
import RuleEngine
@testable import ReportOutput

@Suite("Golden output per format")
struct GoldenTests {

    @Test("golden", arguments: OutputFormat.allCases, ["pass", "fail"])
    func golden(format: OutputFormat, sample: String) throws {
        let results = sample == "pass" ? [Fixtures.passing] : [Fixtures.failing, Fixtures.inputError]
        let out = Reporters.render(format, context: Fixtures.context, results: results)
        let name = "\(format.rawValue)-\(sample).\(format.fileExtension)"
        if let diff = try Golden.check(out, name: name) {
            Issue.record(Comment(rawValue: diff))
        }
    }

    @Test func everyFormatHandlesNoReports() throws {
        for format in OutputFormat.allCases {
            let out = Reporters.render(format, context: Fixtures.context, results: [])
            switch format {
            case .json:
                let docs = try ResultJSON.decodeDocument(out)
                #expect(docs.isEmpty)
            case .codeclimate: #expect(out == "[]\n")
            case .text: #expect(out == "0 reports: 0 passed, 0 failed, 0 errors\n")
            case .csv: #expect(out.hasPrefix("\u{FEFF}path,format,"))
            default: break
            }
        }
    }
}

@Suite("Streaming behaviour")
struct StreamingTests {
    @Test(arguments: OutputFormat.allCases)
    func streamingFormatsEmitPerReport(format: OutputFormat) {
        var reporter = Reporters.make(format, context: Fixtures.context)
        _ = reporter.header()
        let perReport = reporter.report(Fixtures.failing)
        if format.isStreaming {
            #expect(!perReport.isEmpty, "\(format) should emit the report at once")
        } else {
            #expect(perReport.isEmpty, "\(format) accumulates until the footer")
        }
        var summary = RunSummary()
        summary.add(Fixtures.failing)
        let whole = Reporters.render(format, context: Fixtures.context, results: [Fixtures.failing])
        var again = Reporters.make(format, context: Fixtures.context)
        let pieces = again.header() + again.report(Fixtures.failing) + again.footer(summary: summary)
        #expect(pieces == whole)
    }

    @Test func csvWithoutLoadedRulesTakesColumnsFromFirstReport() {
        let ctx = ReportContext(packs: Fixtures.packs, rules: [], baseDirectory: Fixtures.base)
        var r = Reporters.make(.csv, context: ctx)
        #expect(r.header().isEmpty)
        let first = r.report(Fixtures.passing)
        #expect(first.hasPrefix("\u{FEFF}path,") && first.contains(",quantitative-results,failed_error"))
        #expect(!r.report(Fixtures.failing).contains("\u{FEFF}"))
    }

    @Test func sarifAddsRulesMissingFromContext() throws {
        let ctx = ReportContext(packs: Fixtures.packs, rules: [], baseDirectory: Fixtures.base)
        var parser = JSONParser(Reporters.render(.sarif, context: ctx, results: [Fixtures.failing]))
        let run = try parser.parseDocument()["runs"]!.array![0]
        #expect(run["tool"]!["driver"]!["rules"]!.array!.map { $0["id"]!.string! } == ["causes", "first-responsible-person", "title"])
        #expect(run["results"]!.array!.map { $0["ruleIndex"]!.int! } == [0, 1, 2])
    }
}
