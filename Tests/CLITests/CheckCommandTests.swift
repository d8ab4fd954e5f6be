import Foundation
import Testing

/// End-to-end: exit codes, formats, stdin, errors, and golden findings for every sample.
@Suite(.serialized) struct CheckCommandTests {
    let seeds = ["000_83d38fe75baf5df9.txt", "001_c02aed8d6fac53b2.txt", "002_c0349860ebe2af33.txt",
                 "003_7c599ebba73ae197.txt", "004_eded0069a967b318.txt"]

    @Test func passingReportExitsZero() throws {
        let r = try CLI.run(["check", "Samples/001_c02aed8d6fac53b2.txt"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("✔ Samples/001_c02aed8d6fac53b2.txt  pass"))
        #expect(r.stdout.contains("1 reports: 1 passed, 0 failed, 0 errors") || r.stdout.contains("1 report"))
    }

    @Test func failingReportExitsOne() throws {
        let r = try CLI.run(["check", "Samples/000_83d38fe75baf5df9.txt"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("[causes]"))
        #expect(r.stdout.contains("Samples/000_83d38fe75baf5df9.txt:19:1"))
    }

    @Test func failOnLevels() throws {
        #expect(try CLI.run(["check", "Samples/001_c02aed8d6fac53b2.txt", "--fail-on", "warning"]).status == 1)
        #expect(try CLI.run(["check", "Samples/000_83d38fe75baf5df9.txt", "--fail-on", "never"]).status == 0)
    }

    @Test func inputErrorExitsTwoAfterReportingTheRest() throws {
        let dir = CLI.tempDir()
        try FileManager.default.copyItem(atPath: CLI.packageRoot.path + "/Samples/001_c02aed8d6fac53b2.txt", toPath: dir + "/good.txt")
        try Data([0, 1, 2, 0xFF, 0, 0x89]).write(to: URL(fileURLWithPath: dir + "/binary.txt"))
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.txt"))
        let r = try CLI.run(["check", dir, dir + "/missing.txt", "--format", "jsonl"])
        #expect(r.status == 2)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let verdicts = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            .map { ($0["path"] as! String, $0["verdict"] as! String, $0["error"] as? String) }
        #expect(verdicts.filter { $0.1 == "error" }.count == 3)
        #expect(verdicts.contains { $0.0.hasSuffix("good.txt") && $0.1 == "pass" })
        for (path, verdict, error) in verdicts where verdict == "error" {
            #expect(error?.contains(path) == true, "the error names the file: \(error ?? "nil")")
        }
    }

    @Test func usageAndRulePackErrorsExitTwo() throws {
        let noInput = try CLI.run(["check"])
        #expect(noInput.status == 2)
        let badFormat = try CLI.run(["check", "Samples", "--format", "pdf"])
        #expect(badFormat.status == 2)
        let badPack = try CLI.run(["check", "Samples", "--rules", "no-such-pack"])
        #expect(badPack.status == 2)
        #expect(badPack.stderr.contains("no rule pack 'no-such-pack'"))
        let dir = CLI.tempDir()
        try "id: p\nrules:\n  - id: x\n    titel: 错\n".write(toFile: dir + "/pack.yml", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["check", "Samples", "--rules", dir])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(dir)/pack.yml:4:5: unknown key 'titel'"))
    }

    @Test func jsonMatchesTheDesignContract() throws {
        let r = try CLI.run(["check", "--format", "json", "--rules", "rule-of-law-annual"] + seeds.map { "Samples/\($0)" })
        #expect(r.status == 1)
        let root = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect((root["tool"] as! [String: Any])["name"] as? String == "reportlint")
        #expect((root["packs"] as! [[String: Any]]).first?["id"] as? String == "rule-of-law-annual")
        let summary = root["summary"] as! [String: Int]
        #expect(summary == ["reports": 5, "passed": 2, "failed": 3, "errors": 0])
        let reports = root["reports"] as! [[String: Any]]
        #expect(reports.map { $0["verdict"] as! String } == ["fail", "pass", "fail", "fail", "pass"])
        for report in reports {
            #expect(Set(report.keys).isSuperset(of: ["path", "format", "encoding", "verdict", "error", "metadata", "findings"]))
            let findings = report["findings"] as! [[String: Any]]
            #expect(findings.count == 13)
            for f in findings {
                #expect(Set(f.keys).isSuperset(of: ["rule", "status", "severity", "message", "basis", "hint", "evidence"]))
            }
        }
        let meta = reports[1]["metadata"] as! [String: Any]
        #expect(meta["title"] as? String == "江源区卫生健康局2025年度法治政府建设工作报告")
        #expect(meta["agency"] as? String == "江源区卫生健康局")
        #expect(meta["year"] as? Int == 2025)
        #expect(meta["date"] as? String == "2026-01-29")
    }

    @Test func stdinWithFilename() throws {
        let text = try Data(contentsOf: URL(fileURLWithPath: CLI.packageRoot.path + "/Samples/000_83d38fe75baf5df9.txt"))
        let r = try CLI.run(["check", "-", "--stdin-filename", "draft.txt", "--format", "compact"], stdin: text)
        #expect(r.status == 1)
        #expect(r.stdout.contains("draft.txt:19:1: error: [causes]"))
    }

    @Test func yearFlagFillsAMissingReportYearForOtherRules() throws {
        // 002 states no year: with --year the plan and deadline rules can use it, but report-year still fails
        // (the report itself must state the year).
        let r = try CLI.run(["check", "Samples/002_c0349860ebe2af33.txt", "--year", "2025", "--format", "jsonl"])
        let obj = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let findings = obj["findings"] as! [[String: Any]]
        #expect(findings.first { $0["rule"] as? String == "report-year" }?["status"] as? String == "fail")
    }

    @Test(arguments: ["text", "json", "jsonl", "sarif", "junit", "github", "codeclimate", "compact", "markdown", "csv"])
    func everyFormatRunsOnTheSamples(_ format: String) throws {
        let out = CLI.tempDir() + "/out"
        let r = try CLI.run(["check", "Samples", "--format", format, "--output", out])
        #expect(r.status == 1)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("83d38fe75baf5df9"))
        #expect(r.stdout.isEmpty)
    }

    @Test func rulesSubcommands() throws {
        let list = try CLI.run(["rules", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.contains("court-judgments"))
        #expect(list.stdout.contains("13 rules in rule-of-law-annual"))
        #expect(try CLI.run(["rules", "lint", "--rules", "Rules/rule-of-law-annual", "--rules", "Rules/rule-of-law-outline"]).status == 0)
        let test = try CLI.run(["rules", "test", "--rules", "rule-of-law-annual", "--rules", "rule-of-law-outline"])
        #expect(test.status == 0)
        #expect(test.stdout.contains(" passed, 0 failed"))
        let explain = try CLI.run(["rules", "explain", "court-judgments"])
        #expect(explain.stdout.contains("else if"))
        #expect(explain.stdout.contains("warning"))
        #expect(try CLI.run(["rules", "explain", "nope"]).status == 2)
    }

    @Test func profilePrintsTheTimePerRuleAndKeepsTheFindings() throws {
        let plain = try CLI.run(["check", "Samples/000_83d38fe75baf5df9.txt", "--format", "compact"])
        let profiled = try CLI.run(["check", "Samples/000_83d38fe75baf5df9.txt", "--format", "compact", "--profile"])
        #expect(profiled.status == plain.status)
        #expect(profiled.stdout == plain.stdout)
        for id in ["causes", "court-judgments", "quantitative-results", "total"] {
            #expect(profiled.stderr.contains(id), "\(id) in the profile")
        }
    }

    @Test func rulesTestFailsOnAWrongExample() throws {
        let dir = CLI.tempDir()
        try """
        id: p
        rules:
          - id: x
            title: 测试
            severity: error
            basis: 依据
            hint: 建议
            pass_if: {text: [甲]}
            examples:
              pass: [乙方]
        """.write(toFile: dir + "/pack.yml", atomically: true, encoding: .utf8)
        let r = try CLI.run(["rules", "test", "--rules", dir])
        #expect(r.status == 1)
        #expect(r.stdout.contains("FAIL \(dir)/pack.yml:10"))
        #expect(r.stdout.contains("0 passed, 1 failed"))
    }

    /// Golden findings (JSON report objects) for every sample; UPDATE_GOLDENS=1 rewrites them.
    @Test func goldenFindingsForEverySample() throws {
        let r = try CLI.run(["check", "Samples", "--format", "jsonl", "--fail-on", "never"])
        #expect(r.status == 0 || r.status == 2)
        let goldenDir = CLI.packageRoot.path + "/Samples/expected/findings"
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1"
        if update { try FileManager.default.createDirectory(atPath: goldenDir, withIntermediateDirectories: true) }
        var seen = 0
        for line in r.stdout.split(separator: "\n") {
            let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let name = (obj["path"] as! String).split(separator: "/").last!
            let golden = "\(goldenDir)/\(name).json"
            let pretty = String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]), as: UTF8.self) + "\n"
            if update {
                try pretty.write(toFile: golden, atomically: true, encoding: .utf8)
            } else {
                let expected = try? String(contentsOfFile: golden, encoding: .utf8)
                #expect(expected == pretty, "golden \(golden) differs (UPDATE_GOLDENS=1 to rewrite after review)")
            }
            seen += 1
        }
        #expect(seen >= 5)
    }
}
