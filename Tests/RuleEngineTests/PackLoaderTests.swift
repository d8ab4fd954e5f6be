import Foundation
import Testing
@testable import RuleEngine

/// Every loader error path: the message names file:line:col, the offending key, and what is allowed.
@Suite struct PackLoaderTests {
    func loadError(_ yaml: String) -> PackLoadError? {
        loadError(specs: [Support.tempDir(["pack.yml": yaml])])
    }

    func loadError(specs: [String]) -> PackLoadError? {
        do {
            _ = try RuleSetLoader.load(specs)
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownKeyListsAllowedKeys() throws {
        let yaml = Support.pack(rules: Support.rule(passIf: "      text: [甲]", extra: "    severty: error"))
        let e = try #require(loadError(yaml))
        #expect(e.file.hasSuffix("pack.yml"))
        #expect(e.line == 9 && e.column == 5)
        #expect(e.message.contains("unknown key 'severty'"))
        #expect(e.message.contains("allowed: id, title"))
    }

    @Test func wrongTypeIsLocated() throws {
        let e = try #require(loadError(Support.pack(rules: Support.rule(passIf: "      text: [甲]\n      min_count: many"))))
        #expect(e.message == "min_count must be an integer")
        #expect(e.line == 12)
    }

    @Test func badRegexIsRejectedAtLoad() throws {
        let e = try #require(loadError(Support.pack(rules: Support.rule(passIf: "      text: [\"re:(未闭合\"]"))))
        #expect(e.message.contains("bad regular expression 're:(未闭合'"))
    }

    @Test func unknownSectionNamesTheDefinedOnes() throws {
        let sections = "  plans:\n    heading: [下一步]"
        let e = try #require(loadError(Support.pack(sections: sections, rules: Support.rule(passIf: "      section: plan"))))
        #expect(e.message.contains("unknown section 'plan'"))
        #expect(e.message.contains("plans"))
    }

    @Test func unknownSeverityListsAllowedValues() throws {
        let yaml = Support.pack(rules: Support.rule(passIf: "      text: [甲]")).replacingOccurrences(of: "severity: error", with: "severity: fatal")
        let e = try #require(loadError(yaml))
        #expect(e.message == "unknown severity 'fatal'; allowed: info, warning, error")
    }

    @Test func unknownVariableIsRejected() throws {
        let e = try #require(loadError(Support.pack(rules: Support.rule(passIf: "      compare: {value: \"{repot_year}\", equals: \"2025\"}"))))
        #expect(e.message.contains("unknown variable '{repot_year}'"))
    }

    @Test func conditionNeedsExactlyOneKind() throws {
        let e = try #require(loadError(Support.pack(rules: Support.rule(passIf: "      text: [甲]\n      section: x"))))
        #expect(e.message.contains("several condition kinds"))
    }

    @Test func invalidYAMLIsLocated() throws {
        let e = try #require(loadError("id: x\nrules: [\n  - {id: a"))
        #expect(e.message.hasPrefix("invalid YAML"))
        #expect(e.line >= 2)
    }

    @Test func cyclicExtendsIsDetected() throws {
        let dir = Support.tempDir([
            "a/pack.yml": "id: a\nextends: ../b\nrules: []\n",
            "b/pack.yml": "id: b\nextends: ../a\nrules: []\n",
        ])
        let e = try #require(loadError(specs: [dir + "/a"]))
        #expect(e.message.hasPrefix("cyclic extends"))
    }

    @Test func duplicateRuleIDsAcrossPacksAreRejected() throws {
        let dir = Support.tempDir(["p/pack.yml": Support.pack(rules: Support.rule("causes", passIf: "      text: [甲]"))])
        let e = try #require(loadError(specs: ["rule-of-law-annual", dir + "/p"]))
        #expect(e.message.contains("rule id 'causes' is defined by pack 'rule-of-law-annual' too"))
    }

    @Test func unknownPackNamesTheBuiltins() throws {
        let e = try #require(loadError(specs: ["no-such-pack"]))
        #expect(e.message.contains("built-in: rule-of-law-annual, rule-of-law-outline"))
    }

    /// A provincial profile: extends the national pack, moves the deadline to 1 March, softens a severity.
    @Test func extendsWithOverridesAndParameters() throws {
        let dir = Support.tempDir(["pack.yml": """
            id: shanxi-profile
            version: 2026.1
            extends: rule-of-law-annual
            parameters:
              deadline: "{report_year+1}-03-01"
            overrides:
              title: {severity: error}
              quantitative-results: {disabled: true}
            rules:
              - id: legal-adviser
                title: 说明法律顾问工作情况
                severity: warning
                basis: 省级要求
                hint: 写明法律顾问参与情况
                pass_if: {text: [法律顾问], in: results}
            """])
        let set = try RuleSetLoader.load([dir])
        #expect(set.packInfos.map(\.id) == ["rule-of-law-annual", "shanxi-profile"])
        #expect(set.rules.count == 13)
        #expect(set.rules.last?.id == "legal-adviser")
        #expect(!set.rules.contains { $0.id == "quantitative-results" })
        #expect(set.rules.first { $0.id == "title" }?.severity == .error)
        // 001 is dated 2026-01-29: before 1 March, so still on time; a date in March is late under the profile.
        let text = "关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n聘请法律顾问。\n2026年3月15日\n"
        #expect(try Support.finding("timeliness", set, text).status == .fail)
        #expect(try Support.finding("legal-adviser", set, text).status == .pass)
    }

    @Test func overrideOfUnknownRuleIsAnError() throws {
        let dir = Support.tempDir(["pack.yml": "id: p\nextends: rule-of-law-annual\noverrides:\n  cause: {severity: info}\n"])
        let e = try #require(loadError(specs: [dir]))
        #expect(e.message.hasPrefix("overrides: no inherited rule 'cause'"))
        #expect((e.line, e.column) == (4, 3))
    }

    @Test func embeddedPacksAreInSyncWithRulesDirectory() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", Support.packageRoot.appendingPathComponent("scripts/embed_rules.py").path, "--check"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "run `make embed-rules`")
    }

    @Test func builtinPacksRunTheirOwnExamples() throws {
        let set = try RuleSetLoader.load(RuleSetLoader.builtinPackIDs)
        let summary = ExampleRunnerBridge.run(set)
        #expect(summary.examples >= 50)
        #expect(summary.failures.isEmpty, "\(summary.failures)")
    }
}

@Suite struct RuleSchemaTests {
    /// Rules/schema.json accepts every shipped rule file and rejects a wrong one (python jsonschema + PyYAML).
    @Test func shippedRuleFilesValidateAgainstTheSchema() throws {
        func validate(_ extra: [String]) throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", Support.packageRoot.appendingPathComponent("scripts/validate_rules_schema.py").path] + extra
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(try validate([]) == 0)
        let dir = Support.tempDir(["bad.yml": "id: x\ntitle: t\nseverity: fatal\nbasis: b\nhint: h\npass_if: {text: [a]}\n"])
        #expect(try validate([dir + "/bad.yml"]) == 1)
    }
}

/// Built-in packs skip ICU's compilation of the regexes the byte engine runs (see `PatternSet.init`): this proves
/// each of them loads under the contract of a user pack, every regex compiled by ICU.
@Suite struct BuiltinPackValidationTests {
    @Test func builtinPacksLoadWithEveryRegexCompiledByICU() throws {
        #expect(!RuleSetLoader.builtinPackIDs.isEmpty)
        for id in RuleSetLoader.builtinPackIDs {
            var source = try PackSource.resolve(id, relativeTo: nil)
            #expect(source.isBuiltin)
            source.isBuiltin = false
            let checked = try PackCompiler(source: source, stack: [source.identity]).compile()
            let trusted = try RuleSetLoader.loadPack(id, relativeTo: nil, stack: [])
            #expect(checked.rules.map(\.info) == trusted.rules.map(\.info))
        }
    }
}
