import RuleEngine
import Testing
@testable import ReportOutput

/// What a report's `"batch"` object says against the last completed run.
@Suite struct ChangeAnnotationTests {
    static func result(_ verdict: Verdict, failing: [String]) -> ReportResult {
        let findings = failing.map { id in
            Finding(rule: RuleInfo(id: id, pack: "p", title: id, severity: .error, basis: "", hint: ""),
                    status: .fail, severity: .error, message: "")
        }
        return ReportResult(path: "a.txt", format: .text, encoding: "UTF-8", verdict: verdict, findings: findings)
    }

    @Test func rulesThatStartedOrStoppedFailingAreListed() {
        let a = BatchAnnotation.change(previousVerdict: "fail", previousFailing: ["causes", "title"],
                                       now: Self.result(.fail, failing: ["title", "court-judgments"]))
        #expect(a.change == .unchanged)
        #expect(a.newlyFailingRules == ["court-judgments"])
        #expect(a.fixedRules == ["causes"])
        let fixed = BatchAnnotation.change(previousVerdict: "fail", previousFailing: ["causes"], now: Self.result(.pass, failing: []))
        #expect(fixed.change == .fixed && fixed.fixedRules == ["causes"])
        #expect(BatchAnnotation.change(previousVerdict: nil, previousFailing: [], now: Self.result(.pass, failing: [])).change == .new)
    }

    /// An unreadable report has no rule results: becoming unreadable fixes nothing, becoming readable again does
    /// not make its failing rules "newly failing".
    @Test func unreadableReportsListNoRules() {
        let unreadable = ReportResult.inputError(path: "a.txt", format: .text, message: "a.txt: not valid UTF-8")
        let nowError = BatchAnnotation.change(previousVerdict: "fail", previousFailing: ["causes"], now: unreadable)
        #expect(nowError.fixedRules.isEmpty && nowError.newlyFailingRules.isEmpty)
        let passedThenError = BatchAnnotation.change(previousVerdict: "pass", previousFailing: [], now: unreadable)
        #expect(passedThenError.change == .newlyFailing)
        let readableAgain = BatchAnnotation.change(previousVerdict: "error", previousFailing: [],
                                                   now: Self.result(.fail, failing: ["causes"]))
        #expect(readableAgain.change == .unchanged && readableAgain.newlyFailingRules.isEmpty)
    }

    /// A change alone is written from a constant: the same line as the general encoding, for every change, and
    /// read back by `split`.
    @Test(arguments: BatchAnnotation.Change.allCases)
    func aChangeAloneIsWrittenAsItsJSON(_ change: BatchAnnotation.Change) {
        let a = BatchAnnotation(change: change)
        #expect(a.json == "{\"change\":\"\(change.rawValue)\"}")
        #expect(a.lineTail == ",\"batch\":{\"change\":\"\(change.rawValue)\"}}\n")
        let line = String(decoding: BatchAnnotation.lineBytes(encoded: Array("{\"path\":\"a.txt\"}".utf8), annotation: a),
                          as: UTF8.self)
        let back = BatchAnnotation.split(line: String(line.dropLast()))
        #expect(back.annotation == a && back.report == "{\"path\":\"a.txt\"}")
    }
}

/// `hasStatus` answers what comparing with the joined failing rules answers, without building them.
@Suite struct HasStatusTests {
    @Test(arguments: [Fixtures.passing, Fixtures.failing, Fixtures.inputError])
    func agreesWithTheJoinedRules(_ r: ReportResult) {
        let failing = BatchAnnotation.failingRules(r).joined(separator: " ")
        #expect(BatchAnnotation.hasStatus(r, verdict: r.verdict.rawValue, failing: failing))
        let others = ["", "causes", failing + " x", failing + " ", " " + failing, String(failing.dropLast()),
                      failing.replacingOccurrences(of: " ", with: "  ")]
        for other in others where other != failing {
            #expect(!BatchAnnotation.hasStatus(r, verdict: r.verdict.rawValue, failing: other), "\(other)")
        }
        #expect(!BatchAnnotation.hasStatus(r, verdict: r.verdict == .pass ? "fail" : "pass", failing: failing))
    }
}
