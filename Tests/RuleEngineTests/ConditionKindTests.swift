import Testing
import ReportDocument
@testable import RuleEngine

/// Every condition kind, evaluated on small documents, including not-applicable and graded fallbacks.
@Suite struct ConditionKindTests {
    static let sections = """
      plans:
        heading: [下一步, "re:\\\\d{4}年.{0,20}安排"]
        level: 1
        first: true
      duty:
        heading: [第一责任人]
        max_level: 2
        outside: plans
    """

    @Test func sectionConditionHonoursOutside() throws {
        let set = try Support.loadPack(Support.pack(sections: Self.sections, rules: Support.rule(passIf: "      section: duty")))
        let inPlans = "一、工作情况\n全年培训3次。\n二、下一步工作计划\n（一）深化第一责任人制度落实\n"
        #expect(try Support.finding("r", set, inPlans).status == .fail)
        let outside = "一、工作情况\n（一）强化第一责任人意识。调整领导小组。\n二、下一步工作计划\n加强学习。\n"
        let f = try Support.finding("r", set, outside)
        #expect(f.status == .pass)
        #expect(f.evidence.first?.line == 2)
        #expect(f.evidence.first?.text.contains("强化第一责任人意识") == true)
    }

    @Test func headingConditionIgnoresBodySentences() throws {
        let set = try Support.loadPack(Support.pack(rules: Support.rule(passIf: "      heading: [问题]\n      max_level: 2")))
        #expect(try Support.finding("r", set, "一、工作情况\n对评查中发现的问题及时整改。\n").status == .fail)
        #expect(try Support.finding("r", set, "一、工作情况\n二、存在的问题\n人手不足。\n").status == .pass)
    }

    @Test func textConditionCountsAndScopes() throws {
        let sections = "  results:\n    heading: [成效]\n    level: 1"
        let rule = Support.rule(passIf: "      text: [\"re:\\\\d+件\"]\n      in: results\n      min_count: 2")
        let set = try Support.loadPack(Support.pack(sections: sections, rules: rule))
        let two = "一、主要举措和成效\n审查文件12件，办理复议3件。\n二、存在的不足\n积压5件。\n"
        #expect(try Support.finding("r", set, two).status == .pass)
        let one = "一、主要举措和成效\n审查文件12件。\n二、存在的不足\n积压5件，另有7件。\n"
        let f = try Support.finding("r", set, one)
        #expect(f.status == .fail)
        #expect(f.evidence.count == 1)  // the one match inside the section
        #expect(f.evidence.first.map { ($0.line, $0.column) }! == (2, 5))
    }

    @Test func literalsMatchFoldedText() throws {
        let set = try Support.loadPack(Support.pack(rules: Support.rule(passIf: "      text: [\"2025年（一）\"]")))
        let f = try Support.finding("r", set, "本报告 ２０２５ 年(一)部分。\n")
        #expect(f.status == .pass)
        #expect(f.evidence.first?.column == 5)  // "２" in the original line, after "本报告 "
    }

    @Test func absenceReportsTheOffendingMatches() throws {
        let set = try Support.loadPack(Support.pack(rules: Support.rule(passIf: "      no_text: [XX, 【待填】]")))
        #expect(try Support.finding("r", set, "全年办理12件。\n").status == .pass)
        let f = try Support.finding("r", set, "全年办理XX件。\n第二行【待填】。\n")
        #expect(f.status == .fail)
        #expect(f.evidence.map(\.line) == [1, 2])
    }

    @Test func proximityWithinAndSameSentence() throws {
        let within = try Support.loadPack(Support.pack(rules: Support.rule(passIf: "      near: [[法院], [判决]]\n      within: 6")))
        #expect(try Support.finding("r", within, "严格履行法院作出的判决。\n").status == .pass)
        #expect(try Support.finding("r", within, "法院工作很多，我们认真学习了许多的判决。\n").status == .fail)
        let sentence = try Support.loadPack(Support.pack(rules: Support.rule(passIf: "      near: [[法院], [判决]]\n      same_sentence: true")))
        #expect(try Support.finding("r", sentence, "法院工作很多，我们学习了判决。\n").status == .pass)
        #expect(try Support.finding("r", sentence, "法院工作很多。我们学习了判决。\n").status == .fail)
    }

    @Test func metadataContainsAllAndSources() throws {
        let rule = Support.rule(passIf: "      metadata: title\n      contains_all: [[法治政府建设], [报告]]")
        let set = try Support.loadPack(Support.pack(rules: rule))
        #expect(try Support.finding("r", set, "关于2025年度法治政府建设情况的报告\n2025年，我局依法行政。\n").status == .pass)
        #expect(try Support.finding("r", set, "关于2025年度依法行政工作的报告\n2025年，我局依法行政。\n").status == .fail)
    }

    @Test func compareIsNotApplicableWhenAVariableIsAbsent() throws {
        let rule = Support.rule(passIf: "      compare: {value: \"{report_date}\", before: \"{deadline}\"}")
        let set = try Support.loadPack(Support.pack(parameters: "  deadline: \"{report_year+1}-04-01\"", rules: rule))
        let head = "关于2025年度法治政府建设情况的报告\n一、工作情况\n全年培训3次。\n"
        #expect(try Support.finding("r", set, head + "2026年3月31日\n").status == .pass)
        #expect(try Support.finding("r", set, head + "二〇二六年四月二日\n").status == .fail)
        #expect(try Support.finding("r", set, head).status == .notApplicable)
    }

    @Test func parameterOverridesChangeTheDeadline() throws {
        let rule = Support.rule(passIf: "      compare: {value: \"{report_date}\", before: \"{deadline}\"}")
        var set = try Support.loadPack(Support.pack(parameters: "  deadline: \"{report_year+1}-04-01\"", rules: rule))
        let text = "关于2025年度法治政府建设情况的报告\n一、工作情况\n全年培训3次。\n2026年3月15日\n"
        #expect(try Support.finding("r", set, text).status == .pass)
        set.parameterOverrides["deadline"] = "{report_year+1}-03-01"
        #expect(try Support.finding("r", set, text).status == .fail)
    }

    @Test func gradedFallbacksChooseSeverityAndMessage() throws {
        let rule = Support.rule(passIf: "      text: [生效裁判]", extra: """
            fallbacks:
              - when: {text: ["re:无.{0,10}诉讼"]}
                severity: warning
                message: 仅说明无诉讼
            message: 未说明
        """)
        let set = try Support.loadPack(Support.pack(rules: rule))
        let pass = try Support.finding("r", set, "全面履行法院生效裁判。无行政诉讼。\n")
        #expect(pass.status == .pass)  // the explicit statement decides
        let warn = try Support.finding("r", set, "全年无行政诉讼案件。\n")
        #expect((warn.status, warn.severity, warn.message) == (.fail, .warning, "仅说明无诉讼"))
        let error = try Support.finding("r", set, "全年培训3次。\n")
        #expect((error.status, error.severity, error.message) == (.fail, .error, "未说明"))
    }

    @Test func appliesIfMakesARuleNotApplicable() throws {
        let rule = Support.rule(passIf: "      text: [件]", extra: "    applies_if: {heading: [成效], level: 1}")
        let set = try Support.loadPack(Support.pack(rules: rule))
        #expect(try Support.finding("r", set, "一、存在的不足\n人手不足。\n").status == .notApplicable)
        #expect(try Support.finding("r", set, "一、主要成效\n办理3件。\n").status == .pass)
    }

    @Test func logicalCombinators() throws {
        let any = try Support.loadPack(Support.pack(rules: Support.rule(passIf: "      any:\n        - text: [甲]\n        - text: [乙]")))
        #expect(try Support.finding("r", any, "乙方。\n").status == .pass)
        let all = try Support.loadPack(Support.pack(rules: Support.rule(passIf: "      all:\n        - text: [甲]\n        - text: [乙]")))
        #expect(try Support.finding("r", all, "乙方。\n").status == .fail)
        #expect(try Support.finding("r", all, "甲乙。\n").status == .pass)
        let not = try Support.loadPack(Support.pack(rules: Support.rule(passIf: "      not: {text: [甲]}")))
        #expect(try Support.finding("r", not, "乙方。\n").status == .pass)
    }

    @Test func headingYearAcceptsChineseNumerals() throws {
        let sections = "  plans:\n    heading: [安排]\n    level: 1"
        let rule = Support.rule(passIf: "      compare: {value: \"{heading_year:plans}\", equals: \"{report_year+1}\"}")
        let set = try Support.loadPack(Support.pack(sections: sections, rules: rule))
        let base = "关于2025年度法治政府建设情况的报告\n一、工作情况\n培训3次。\n"
        #expect(try Support.finding("r", set, base + "二、二〇二六年工作安排\n学习。\n").status == .pass)
        #expect(try Support.finding("r", set, base + "二、2025年工作安排\n学习。\n").status == .fail)
        #expect(try Support.finding("r", set, base + "二、下一步工作安排\n学习。\n").status == .notApplicable)
    }

    @Test func messagesExpandVariables() throws {
        let rule = Support.rule(passIf: "      compare: {value: \"{report_date}\", before: \"{deadline}\"}", extra: "    message: 晚于{deadline}")
        let set = try Support.loadPack(Support.pack(parameters: "  deadline: \"{report_year+1}-04-01\"", rules: rule))
        let f = try Support.finding("r", set, "关于2025年度法治政府建设情况的报告\n一、工作情况\n2026年5月1日\n")
        #expect(f.message == "晚于2026-04-01")
    }
}
