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
