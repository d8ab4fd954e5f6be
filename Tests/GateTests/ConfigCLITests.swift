import Foundation
import Testing

/// End-to-end: `.reportlint.yml` discovery, rules/severity/parameters, include/exclude, per_path, fail_on and errors.
@Suite struct ConfigCLITests {
    @Test func nestedConfigsNearestWins() throws {
        let box = try Sandbox()
        let top = try box.sample("000", into: "reports")
        let nested = try box.sample("000", into: "reports/county")
        try box.write("reports/.reportlint.yml", "disable: [title]\n")
        try box.write("reports/county/.reportlint.yml", "disable: [causes]\n")
        let r = try box.run("check", "reports", "--format", "json")
        #expect(r.code == 1)
        let reports = try CLI.reports(r.stdout)
        #expect(reports[top]!.findings["title"] == nil)
        #expect(reports[top]!.findings["causes"] != nil)
        #expect(reports[nested]!.findings["causes"] == nil)
        #expect(reports[nested]!.findings["title"] != nil, "the nearest configuration wins; they are not merged")
        // --no-config ignores both; --config uses one for every file.
        let none = try CLI.reports(try box.run("check", "reports", "--format", "json", "--no-config").stdout)
        #expect(none[nested]!.findings["causes"] != nil && none[top]!.findings["title"] != nil)
        let one = try CLI.reports(try box.run("check", "reports", "--format", "json", "--config", "reports/county/.reportlint.yml").stdout)
        #expect(one[top]!.findings["causes"] == nil && one[top]!.findings["title"] != nil)
    }

    @Test func disabledRulesAreAbsentFromEveryFormat() throws {
        let box = try Sandbox()
        try box.sample("000")
        try box.write(".reportlint.yml", "disable:\n  - title\n  - causes\n")
        for format in ["text", "compact", "json", "sarif", "junit", "github", "codeclimate", "markdown"] {
            let r = try box.run("check", ".", "--format", format)
            #expect(!r.stdout.contains("[title]") && !r.stdout.contains("\"title\",") && !r.stdout.contains("name=\"title\""),
                    "format \(format)")
            #expect(!r.stdout.contains("causes"), "format \(format)")
            #expect(r.stdout.contains("first-responsible-person"), "format \(format)")
        }
    }

    @Test func severityOverridesChangeTheExitStatus() throws {
        let box = try Sandbox()
        try box.sample("000")  // fails with causes (error) and first-responsible-person (error)
        #expect(try box.run("check", ".").code == 1)
        try box.write(".reportlint.yml", """
            severity:
              causes: warning
              first-responsible-person: info
            """)
        let r = try box.run("check", ".", "--format", "json")
        #expect(r.code == 0)
        let f = try CLI.reports(r.stdout).values.first!.findings
        #expect(f["causes"]!["severity"] as? String == "warning")
        #expect(f["first-responsible-person"]!["severity"] as? String == "info")
        #expect(try box.run("check", ".", "--fail-on", "warning").code == 1)
        // Raising a warning rule to error makes a passing report fail.
        let box2 = try Sandbox()
        try box2.sample("004")  // passes, issuer-and-date warning
        #expect(try box2.run("check", ".").code == 0)
        try box2.write(".reportlint.yml", "severity: {issuer-and-date: error}\n")
        #expect(try box2.run("check", ".").code == 1)
    }

    @Test func failOnFromConfigAndCommandLine() throws {
        let box = try Sandbox()
        try box.sample("001")  // passes with warnings
        #expect(try box.run("check", ".").code == 0)
        #expect(try box.run("check", ".", "--fail-on", "warning").code == 1)
        try box.write(".reportlint.yml", "fail_on: warning\n")
        #expect(try box.run("check", ".").code == 1)
        #expect(try box.run("check", ".", "--fail-on", "error").code == 0, "the command line wins")
        #expect(try box.run("check", ".", "--fail-on", "never").code == 0)
    }

    @Test func unknownKeyIsAnErrorWithLocationAndAllowedKeys() throws {
        let box = try Sandbox()
        try box.sample("000")
        try box.write(".reportlint.yml", "disable: [title]\nseverty:\n  causes: warning\n")
        let r = try box.run("check", ".")
        #expect(r.code == 2)
        #expect(r.stderr.contains(".reportlint.yml:2:1: unknown key 'severty'"), "\(r.stderr)")
        #expect(r.stderr.contains("allowed: rules, disable, severity, parameters, include, exclude, per_path, suppressions, fail_on"))
        #expect(r.stdout.isEmpty)
    }

    @Test(arguments: [
        ("severity:\n  causes: fatal\n", "2:11", "must be one of: error, warning, info"),
        ("disable: [causes, no-such-rule]\n", "1:19", "unknown rule 'no-such-rule'; known: measures-and-results"),
        ("per_path:\n  drafts/**: [titel]\n", "2:15", "unknown rule 'titel'"),
        ("parameters:\n  dedline: \"2026-03-01\"\n", "2:3", "unknown parameter 'dedline'; the loaded packs take: deadline, report_year"),
        ("disable: [title\n", "2:1", "invalid YAML"),
        ("suppressions:\n  - path: a.txt\n    rule: causes\n", "2:5", "a suppression needs 'reason'"),
        ("suppressions:\n  - {path: a.txt, rule: causes, reason: x, expires: 2025-02-30}\n", "2:53", "expires must be a date"),
        ("suppressions:\n  - {path: a.txt, rule: causes, why: x}\n", "2:33", "unknown key 'why' in a suppression; allowed: path, rule, reason, expires"),
        ("rules: [no-such-pack]\n", "1:9", "no rule pack 'no-such-pack'"),
        ("fail_on: sometimes\n", "1:10", "fail_on must be one of: error, warning, never"),
        ("- title\n", "1:1", "the configuration must be a mapping"),
    ])
    func badConfigurationExits2WithFileLineColumn(yaml: String, position: String, message: String) throws {
        let box = try Sandbox()
        try box.sample("001")
        try box.write("sub/.reportlint.yml", yaml)
        try box.sample("001", into: "sub")
        let r = try box.run("check", ".")
        #expect(r.code == 2)
        #expect(r.stderr.contains("sub/.reportlint.yml:\(position): "), "\(r.stderr)")
        #expect(r.stderr.contains(message), "\(r.stderr)")
    }

    @Test func includeAndExclude() throws {
        let box = try Sandbox()
        let kept = try box.sample("001", into: "reports")
        try box.sample("000", into: "reports/archive")
        try box.sample("002", into: "reports/old")
        try box.write("reports/.reportlint.yml", """
            include: ["**/*.txt"]
            exclude: [archive, "old/**"]
            """)
        let r = try box.run("check", "reports", "--format", "json")
        #expect(r.code == 0, "only the passing report is checked")
        #expect(Array(try CLI.reports(r.stdout).keys) == [kept])
        #expect(r.stderr.contains("excluded 2 file(s)"))
        // A batch run (here with a cache) selects the same files.
        let batch = try box.run("check", "reports", "--cache", "c.db", "--format", "jsonl")
        let batchPaths = batch.stdout.split(separator: "\n").compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) .flatMap { ($0 as? [String: Any])?["path"] as? String }
        }
        #expect(batchPaths == [kept], "\(batch.stdout.prefix(300))")
        // Explicitly named files are filtered too (pre-commit passes every changed file).
        let named = try box.run("check", "reports/archive/" + (try FileManager.default.contentsOfDirectory(atPath: box.path + "/reports/archive").first { $0.hasSuffix(".txt") }!))
        #expect(named.code == 0)
        // include limits what is checked.
        try box.write("reports/.reportlint.yml", "include: [\"old/*.txt\"]\n")
        let only = try CLI.reports(try box.run("check", "reports", "--format", "json").stdout)
        #expect(only.count == 1 && only.keys.first!.hasPrefix("reports/old/"))
    }

    @Test func perPathDisablesRulesForMatchingFiles() throws {
        let box = try Sandbox()
        let draft = try box.sample("000", into: "drafts")
        let published = try box.sample("000", into: "published")
        try box.write(".reportlint.yml", """
            per_path:
              "drafts/**": [title, issuer-and-date]
              "*.txt": causes
            """)
        let reports = try CLI.reports(try box.run("check", ".", "--format", "json").stdout)
        #expect(reports[draft]!.findings["title"] == nil && reports[draft]!.findings["causes"] == nil)
        #expect(reports[published]!.findings["title"] != nil && reports[published]!.findings["causes"] == nil)
    }

    @Test func packsAndParametersFromTheConfiguration() throws {
        let box = try Sandbox()
        try box.sample("000")  // dated 2026-01-01, report year 2025: timely with the national deadline (04-01)
        try box.write(".reportlint.yml", """
            rules: [rule-of-law-annual, rule-of-law-outline]
            parameters:
              deadline: "{report_year}-12-31"
            """)
        let r = try box.run("check", ".", "--format", "json")
        let f = try CLI.reports(r.stdout).values.first!.findings
        #expect(f["timeliness"]!["status"] as? String == "fail")
        #expect(f.keys.count > 13, "the outline pack is loaded too")
        // --rules on the command line replaces the configuration's packs.
        let cli = try CLI.reports(try box.run("check", ".", "--format", "json", "--rules", "rule-of-law-annual").stdout)
        #expect(cli.values.first!.findings.count == 13)
    }

    @Test func packPathsAreRelativeToTheConfiguration() throws {
        let box = try Sandbox()
        try box.sample("001", into: "reports")
        try FileManager.default.copyItem(atPath: CLI.root.appendingPathComponent("Rules/rule-of-law-annual").path,
                                         toPath: box.path + "/ci/packs/national")
        try box.write("ci/gate.yml", "rules: [packs/national]\ndisable: [placeholders]\n")
        let r = try box.run("check", "reports", "--config", "ci/gate.yml", "--format", "json")
        #expect(r.code == 0, "\(r.stderr)")
        #expect(try CLI.reports(r.stdout).values.first!.findings["placeholders"] == nil)
    }

    @Test func stdinUsesTheConfigurationOfItsFilename() throws {
        let box = try Sandbox()
        try box.write("drafts/.reportlint.yml", "disable: [causes, first-responsible-person]\n")
        let text = try String(contentsOfFile: CLI.root.appendingPathComponent("Samples").path + "/"
                              + (try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("Samples").path)
                                 .first { $0.hasPrefix("000_") }!), encoding: .utf8)
        #expect(try box.run("check", "-", "--stdin-filename", "draft.txt", stdin: text).code == 1)
        #expect(try box.run("check", "-", "--stdin-filename", "drafts/draft.txt", stdin: text).code == 0)
    }

    @Test func configShowPrintsTheEffectiveConfiguration() throws {
        let box = try Sandbox()
        let file = try box.sample("002", into: "drafts")
        try box.write(".reportlint.yml", """
            disable: [title]
            severity: {court-judgments: warning}
            parameters: {deadline: "{report_year+1}-03-01", report_year: 2025}
            per_path: {"drafts/**": [placeholders]}
            suppressions:
              - {path: "drafts/*.txt", rule: causes, reason: 起草中, expires: 2099-12-31}
              - {path: "other/*.txt", rule: causes, reason: 无关}
            """)
        let r = try box.run("config", "show", file)
        #expect(r.code == 0)
        for expected in ["configuration: .reportlint.yml", "rule-of-law-annual", "disabled rules: title",
                         "court-judgments: warning (configured)", "deadline: {report_year+1}-03-01 (configured)",
                         "report_year: 2025", "drafts/** (line 4): placeholders", "causes in drafts/*.txt (line 6): 起草中 — until 2099-12-31"] {
            #expect(r.stdout.contains(expected), "missing \(expected) in:\n\(r.stdout)")
        }
        #expect(!r.stdout.contains("无关"))
        #expect(!r.stdout.contains("  title:"))
        let none = try box.run("config", "show", file, "--no-config")
        #expect(none.stdout.contains("configuration: none"))
        try box.write(".reportlint.yml", "bogus: 1\n")
        let bad = try box.run("config", "show", file)
        #expect(bad.code == 2 && bad.stderr.contains(".reportlint.yml:1:1: unknown key 'bogus'"))
    }
}
