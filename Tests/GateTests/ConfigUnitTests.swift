import Foundation
import ReportCheck
import RuleEngine
import Testing

@Suite struct ConfigGlobTests {
    @Test(arguments: [
        ("drafts/**", "drafts/a.txt", true),
        ("drafts/**", "drafts/x/y/a.docx", true),
        ("drafts/**", "published/drafts.txt", false),
        ("drafts", "drafts/x/a.txt", true),
        ("*.txt", "a.txt", true),
        ("*.txt", "deep/er/a.txt", true),
        ("*.txt", "a.docx", false),
        ("reports/*.txt", "reports/x/a.txt", false),
        ("reports/*.txt", "reports/a.txt", true),
        ("**/2023/*.{txt,html}", "x/2023/r.html", true),
        ("**/2023/*.{txt,html}", "2023/r.txt", true),
        ("**/2023/*.{txt,html}", "x/2023/r.docx", false),
        ("20[0-2]?/*.txt", "2023/r.txt", true),
        ("20[!2]?/*.txt", "2023/r.txt", false),
        ("./reports/", "reports/a.txt", true),
        ("草稿/*年度*.docx", "草稿/2025年度报告.docx", true),
        ("a/**/b.txt", "a/b.txt", true),
        ("a/**/b.txt", "a/x/y/b.txt", true),
    ])
    func matches(pattern: String, path: String, expected: Bool) {
        #expect(ConfigGlob(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }
}

@Suite struct ProjectConfigTests {
    @Test func parsesEveryKey() throws {
        let c = try ProjectConfig.parse("""
            rules: rule-of-law-annual
            disable: [title]
            severity: {causes: warning}
            parameters: {deadline: "{report_year+1}-03-01", report_year: 2025}
            include: ["**/*.txt"]
            exclude: archive
            per_path: {"drafts/**": [placeholders, timeliness]}
            suppressions:
              - {path: "a/*.txt", rule: causes, reason: r, expires: 2030-01-31}
            fail_on: warning
            """, path: "/p/.reportlint.yml", directory: "/p")
        #expect(c.rules?.map(\.value) == ["rule-of-law-annual"])
        #expect(c.disable.map(\.value) == ["title"])
        #expect(c.severity.first?.severity == .warning)
        #expect(c.parameters.first?.value == "{report_year+1}-03-01" && c.reportYear == 2025)
        #expect(c.failOn == .warning)
        #expect(c.selects("/p/x/a.txt") && !c.selects("/p/archive/a.txt") && !c.selects("/p/a.docx"))
        #expect(c.disabledRules(for: "/p/drafts/a.txt") == ["placeholders", "timeliness"])
        #expect(c.suppressions(for: "/p/a/x.txt").count == 1)
        #expect(c.suppressions.first!.isExpired(today: "2030-02-01") && !c.suppressions.first!.isExpired(today: "2030-01-31"))
    }

    @Test func emptyFileIsAnEmptyConfiguration() throws {
        let c = try ProjectConfig.parse("# nothing\n", path: "x.yml", directory: "/")
        #expect(c.rules == nil && c.disable.isEmpty)
    }

    @Test func errorsAreLocated() {
        #expect(throws: ConfigError(file: "c.yml", line: 3, column: 1, message: "unknown key 'disabled' in the configuration; allowed: rules, disable, severity, parameters, include, exclude, per_path, suppressions, fail_on")) {
            _ = try ProjectConfig.parse("disable: []\n\ndisabled: [x]\n", path: "c.yml", directory: "/")
        }
        #expect(throws: ConfigError.self) { _ = try ProjectConfig.parse("parameters: {report_year: soon}\n", path: "c.yml", directory: "/") }
    }

    @Test func relativePaths() {
        #expect(ConfigPaths.relative("/a/b/c.txt", to: "/a") == "b/c.txt")
        #expect(ConfigPaths.relative("/x/c.txt", to: "/a/b") == "../../x/c.txt")
    }
}

@Suite struct RuleSetConfigurationTests {
    let base = try! RuleSetLoader.load([])

    @Test func disablingRemovesRules() throws {
        let rs = try base.disabling(["title", "causes"])
        #expect(!rs.ruleIDs.contains("title") && !rs.ruleIDs.contains("causes") && rs.ruleIDs.count == base.ruleIDs.count - 2)
        #expect(throws: RuleSetConfigurationError.self) { try base.disabling(["nope"]) }
    }

    @Test func severityOverrideMovesFallbacksAlong() throws {
        #expect(base.rule(id: "court-judgments")!.fallbacks.map(\.severity) == [.warning])
        #expect(base.rule(id: "issuer-and-date")!.fallbacks.map(\.severity) == [.warning, .warning])
        let rs = try base.overridingSeverities(["court-judgments": .warning, "issuer-and-date": .error, "title": .info])
        #expect(rs.rule(id: "court-judgments")!.info.severity == .warning)
        #expect(rs.rule(id: "court-judgments")!.fallbacks.map(\.severity) == [.info])
        #expect(rs.rule(id: "issuer-and-date")!.fallbacks.map(\.severity) == [.error, .error])
        #expect(rs.rule(id: "title")!.info.severity == .info)
        let same = try base.overridingSeverities(["court-judgments": .error])
        #expect(same.rule(id: "court-judgments")!.fallbacks.map(\.severity) == [.warning])
    }

    @Test func parameters() throws {
        let rs = try base.settingParameters(["deadline": "{report_year+1}-03-01"])
        #expect(rs.parameterValue("deadline") == "{report_year+1}-03-01")
        #expect(base.parameterNames == ["deadline"])
        #expect(throws: RuleSetConfigurationError(subject: .parameter, name: "dead", known: ["deadline"])) {
            try base.settingParameters(["dead": "x"])
        }
    }
}

/// `ConfigPaths.today()` (libc local time) says what Foundation's date formatting says in the machine's time zone:
/// suppressions expire by it.
@Suite struct TodayTests {
    static func foundationToday() -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone.current
        f.dateFormat = "yyyy-MM-dd"
        return f.string(from: Date())
    }

    @Test func matchesFoundationsLocalDate() {
        let before = Self.foundationToday()
        let today = ConfigPaths.today()
        let after = Self.foundationToday()
        #expect(today == before || today == after, "libc \(today), Foundation \(before)")
        #expect(today.count == 10 && today.split(separator: "-").map(\.count) == [4, 2, 2])
    }
}
