import Foundation
import Testing

/// End-to-end: `suppressions:` in the configuration and `--baseline` / `--write-baseline`.
@Suite struct SuppressionBaselineCLITests {
    @Test func suppressionWithReasonIsReportedButNotCounted() throws {
        let box = try Sandbox()
        let file = try box.sample("000")  // causes + first-responsible-person errors
        try box.write(".reportlint.yml", """
            suppressions:
              - path: "*.txt"
                rule: causes
                reason: 原因分析在附件中
              - path: "0*.txt"
                rule: first-responsible-person
                reason: 单独报送
                expires: 2099-12-31
            """)
        let r = try box.run("check", ".", "--format", "json")
        #expect(r.code == 0, "\(r.stderr)")
        let report = try CLI.reports(r.stdout)[file]!
        #expect(report.verdict == "pass")
        let causes = report.findings["causes"]!
        #expect(causes["status"] as? String == "fail")
        let s = causes["suppressed"] as! [String: Any]
        #expect(s["kind"] as? String == "config" && s["reason"] as? String == "原因分析在附件中")
        #expect((s["source"] as? String ?? "").hasSuffix(".reportlint.yml:2"))
        #expect(report.findings["title"]!["suppressed"] == nil)
        let text = try box.run("check", ".")
        #expect(text.stdout.contains("suppressed: 原因分析在附件中"))
        #expect(text.stdout.contains("2 suppressed"))
        // Other formats do not annotate suppressed failures; SARIF marks them.
        #expect(!(try box.run("check", ".", "--format", "github").stdout.contains("[causes]")))
        #expect(!(try box.run("check", ".", "--format", "compact").stdout.contains("[causes]")))
        let sarif = try box.run("check", ".", "--format", "sarif").stdout
        #expect(sarif.contains("\"justification\"") && sarif.contains("原因分析在附件中"))
        #expect(try box.run("check", ".", "--fail-on", "warning").code == 1, "title (warning) still fails")
    }

    @Test func expiredSuppressionIsReportedAndNoLongerSuppresses() throws {
        let box = try Sandbox()
        let file = try box.sample("001")  // passes with warnings court-judgments, placeholders
        try box.write(".reportlint.yml", """
            suppressions:
              - {path: "*.txt", rule: placeholders, reason: 模板待改, expires: 2020-06-30}
              - {path: "*.txt", rule: court-judgments, reason: 已核实, expires: 2099-01-01}
            """)
        let r = try box.run("check", ".", "--format", "json")
        #expect(r.code == 0, "warnings only")
        #expect(r.stderr.contains(".reportlint.yml:2:5: suppression of 'placeholders' for '*.txt' expired on 2020-06-30"), "\(r.stderr)")
        let f = try CLI.reports(r.stdout)[file]!.findings
        #expect(f["placeholders"]!["suppressed"] == nil, "an expired suppression suppresses nothing")
        #expect(f["court-judgments"]!["suppressed"] != nil)
        let expired = f["expired-suppression"]!
        #expect(expired["status"] as? String == "fail" && expired["severity"] as? String == "warning")
        #expect((expired["message"] as? String ?? "").contains("2020-06-30"))
        #expect(try box.run("check", ".", "--fail-on", "warning").code == 1)
        #expect(try box.run("check", ".", "--format", "compact").stdout.contains("warning: [expired-suppression]"))
    }

    @Test func baselineAcceptsKnownFailuresAndCatchesNewOnes() throws {
        let box = try Sandbox()
        for seed in ["000", "001", "002", "003", "004"] { try box.sample(seed, into: "reports") }
        let write = try box.run("check", "reports", "--write-baseline", "baseline.json")
        #expect(write.code == 1, "writing a baseline does not hide today's failures")
        #expect(write.stderr.contains("wrote baseline baseline.json"))
        let json = try JSONSerialization.jsonObject(with: Data(try box.read("baseline.json").utf8)) as! [String: Any]
        let entries = json["findings"] as! [[String: Any]]
        #expect(entries.count == 15)  // DESIGN §4: 3 + 2 + 5 + 4 + 1 failures
        #expect(entries.allSatisfy { ($0["fingerprint"] as? String)?.count == 16 && $0["rule"] != nil && $0["path"] != nil && $0["message"] != nil })

        let known = try box.run("check", "reports", "--baseline", "baseline.json", "--fail-on", "warning")
        #expect(known.code == 0, "\(known.stdout)\n\(known.stderr)")
        #expect(known.stdout.contains("15 known failures (baseline), 0 new"))
        #expect(known.stderr.contains("15 known failure(s) not counted, 0 new failure(s)"))
        let results = try CLI.reports(try box.run("check", "reports", "--baseline", "baseline.json", "--format", "json").stdout)
        #expect(results.values.allSatisfy { $0.verdict == "pass" })

        // A new failure: the first-responsible-person heading of 004 is reworded.
        let path = "reports/" + (try FileManager.default.contentsOfDirectory(atPath: box.path + "/reports").first { $0.hasPrefix("004_") }!)
        let text = try box.read(path)
        #expect(text.contains("党政主要负责人履行推进法治建设第一责任人职责有关情况"))
        try box.write(path, text.replacingOccurrences(of: "党政主要负责人履行推进法治建设第一责任人职责有关情况", with: "组织领导有关情况"))
        let edited = try box.run("check", "reports", "--baseline", "baseline.json", "--format", "compact")
        #expect(edited.code == 1)
        #expect(edited.stdout.contains("[first-responsible-person]"))
        #expect(edited.stdout.split(separator: "\n").count == 1, "only the new failure is printed: \(edited.stdout)")
        #expect(edited.stderr.contains("15 known failure(s) not counted, 1 new failure(s)"))
    }

    @Test func badBaselineExits2() throws {
        let box = try Sandbox()
        try box.sample("001")
        try box.write("b.json", "{\"not\": \"a baseline\"}")
        let r = try box.run("check", ".", "--baseline", "b.json")
        #expect(r.code == 2 && r.stderr.contains("b.json: not a reportlint baseline"))
        #expect(try box.run("check", ".", "--baseline", "missing.json").code == 2)
    }
}
