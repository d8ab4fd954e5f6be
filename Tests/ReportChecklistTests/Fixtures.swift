import Foundation
import ReportDocument
@testable import ReportChecklist
import RuleEngine

/// The national pack's rules (DESIGN §4), in pack order, as the engine would hand them over.
enum Fixtures {
    static let pack = PackInfo(id: "rule-of-law-annual", version: "1.0.0")
    static let basis = "《法治政府建设与责任落实督察工作规定》"
    static let g1 = "第二十五条（一）主要举措和成效"
    static let g2 = "第二十五条（二）存在的不足和原因"
    static let g3 = "第二十五条（三）党政主要负责人履行推进法治建设第一责任人职责情况"
    static let g4 = "第二十五条（四）下一年度推进法治政府建设的主要安排"
    static let g5 = "第二十五条（五）其他需要报告的情况"

    static func rule(_ id: String, _ title: String, _ severity: Severity, _ group: String?, basis item: String = "第二十五条",
                     hint: String, titleEn: String? = nil, hintEn: String? = nil) -> RuleInfo {
        RuleInfo(id: id, pack: pack.id, title: title, titleEn: titleEn, severity: severity, basis: basis + item,
                 hint: hint, hintEn: hintEn, group: group)
    }

    static let rules: [RuleInfo] = [
        rule("measures-and-results", "报告上一年度推进法治政府建设的主要举措和成效", .error, g1, basis: "第二十五条第（一）项",
             hint: "设一级标题写明主要举措和成效（举措、成效、工作完成情况）", titleEn: "Main measures and results of the year",
             hintEn: "A level-1 section on the year's measures and results"),
        rule("shortcomings", "报告存在的不足", .error, g2, basis: "第二十五条第（二）项", hint: "设标题写明存在的问题和不足",
             titleEn: "Shortcomings"),
        rule("causes", "报告存在不足的原因", .error, g2, basis: "第二十五条第（二）项",
             hint: "标题含“原因”，或在不足部分写明“究其原因”“主要原因是”等原因分析", titleEn: "Causes of the shortcomings",
             hintEn: "A heading naming the causes, or a cause analysis in the shortcomings section"),
        rule("first-responsible-person", "报告党政主要负责人履行推进法治建设第一责任人职责情况", .error, g3, basis: "第二十五条第（三）项",
             hint: "在计划部分之外设二级以上标题写明主要负责人履行第一责任人职责情况"),
        rule("next-year-plans", "报告下一年度推进法治政府建设的主要安排", .error, g4, basis: "第二十五条第（四）项",
             hint: "设一级标题写明下一年度工作安排（下一步、20XX年工作计划）"),
        rule("plan-year", "工作安排的年度为报告年度的下一年", .error, g4, basis: "第二十五条第（四）项",
             hint: "计划标题中的年份应为报告年度加一"),
        rule("court-judgments", "说明履行人民法院生效裁判情况", .error, g5, basis: "第二十五条第（五）项",
             hint: "明确写明生效裁判的履行情况；未发生诉讼的写明“不涉及”"),
        rule("report-year", "写明报告年度", .error, nil, hint: "在标题或开头段写明报告所属年度"),
        rule("title", "报告标题含“法治政府建设”和“报告”", .warning, nil, hint: "标题如“××局关于2025年法治政府建设情况的报告”"),
        rule("issuer-and-date", "写明报告机关和日期", .warning, nil, basis: "第二十六条", hint: "落款写明机关名称和日期"),
        rule("timeliness", "在次年4月1日前公开", .error, nil, basis: "第二十六条", hint: "于每年4月1日前通过报刊、网站等公开"),
        rule("placeholders", "无模板占位符残留", .warning, nil, hint: "删除XX、××、【待填】等占位内容"),
        rule("quantitative-results", "成效部分有量化数据", .warning, g1, basis: "第二十五条第（一）项",
             hint: "成效部分至少列出3项带单位的数据（件、次、%等）"),
    ]

    static var byId: [String: RuleInfo] { Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) }) }

    /// Findings for every rule: `fails` fail with the given severity, `notApplicable` are not applicable, the rest pass.
    static func findings(fails: [String: Severity], notApplicable: Set<String> = [],
                         evidence: [String: [Evidence]] = [:], messages: [String: String] = [:]) -> [Finding] {
        rules.map { rule in
            let status: FindingStatus = fails[rule.id] != nil ? .fail : notApplicable.contains(rule.id) ? .notApplicable : .pass
            let message = messages[rule.id] ?? (status == .fail ? "未找到：\(rule.title)" : status == .pass ? "已找到" : "缺少判断所需信息")
            return Finding(rule: rule, status: status, severity: fails[rule.id] ?? rule.severity, message: message,
                           evidence: evidence[rule.id] ?? [])
        }
    }

    static func metadata(title: String?, agency: String?, year: Int?, date: ReportDate?) -> Metadata {
        Metadata(title: title.map { MetadataField(value: $0, location: SourceLocation(line: 1, column: 1), source: "title-line") },
                 agency: agency.map { MetadataField(value: $0, source: "signature") },
                 year: year.map { MetadataField(value: $0, source: "title-line") },
                 date: date.map { MetadataField(value: $0, source: "signature") })
    }

    /// Seed 000: fails causes and first-responsible-person (error), title (warning); plan-year not applicable.
    static let seed000: ReportResult = {
        let fails: [String: Severity] = ["causes": .error, "first-responsible-person": .error, "title": .warning]
        let findings = Fixtures.findings(fails: fails, notApplicable: ["plan-year"], evidence: [
            "measures-and-results": [Evidence(line: 12, column: 1, text: "一、2023年法治政府建设主要举措和成效")],
            "shortcomings": [Evidence(line: 45, column: 1, text: "二、存在的问题和不足")],
            "causes": [Evidence(line: 45, column: 1, text: "二、存在的问题和不足")],
            "next-year-plans": [Evidence(line: 52, column: 1, text: "三、下一步工作安排")],
            "quantitative-results": [Evidence(line: 14, column: 9, text: "全年办理行政复议案件 36 件，同比下降 12%"),
                                     Evidence(line: 18, column: 3, text: "开展执法培训 5 次"),
                                     Evidence(line: 19, column: 3, text: "培训 320 人次"),
                                     Evidence(line: 22, column: 3, text: "审核规范性文件 14 份")],
        ], messages: ["causes": "未找到存在不足的原因分析", "first-responsible-person": "未找到党政主要负责人履行第一责任人职责的标题",
                      "title": "未找到含“法治政府建设”和“报告”的标题", "plan-year": "计划标题未写明年份"])
        return ReportResult(path: "seeds/000.txt", format: .text, encoding: "UTF-8", verdict: .fail,
                            metadata: metadata(title: nil, agency: "某市卫生健康委员会", year: 2023,
                                               date: ReportDate(year: 2024, month: 1, day: 15)),
                            findings: findings)
    }()

    /// Seed 001: passes with warnings on court-judgments and placeholders.
    static let seed001: ReportResult = {
        let findings = Fixtures.findings(fails: ["court-judgments": .warning, "placeholders": .warning], evidence: [
            "court-judgments": [Evidence(line: 33, column: 5, text: "本年度未发生行政诉讼案件")],
            "placeholders": [Evidence(line: 61, column: 1, text: "初审：")],
        ], messages: ["court-judgments": "只写明“无行政诉讼”，未明确生效裁判履行情况", "placeholders": "初审/复审/终审字段为空"])
        return ReportResult(path: "seeds/001.html", format: .html, encoding: "GB18030", verdict: .pass,
                            metadata: metadata(title: "某市卫生健康委员会关于2024年度法治政府建设情况的报告",
                                               agency: "某市卫生健康委员会", year: 2024,
                                               date: ReportDate(year: 2025, month: 2, day: 20)),
                            findings: findings)
    }()

    static let unreadable = ReportResult.inputError(path: "drafts/broken.docx", format: .docx,
                                                    message: "不是有效的 .docx 文件：zip 目录损坏")

    static let script = "<script>alert(1)</script>"
    static let img = "\"><img src=x onerror=alert(1)>"

    /// A report whose every text field is hostile web content.
    static let hostile: ReportResult = {
        let findings = Fixtures.findings(fails: ["causes": .error], evidence: [
            "causes": [Evidence(line: 7, column: 1, text: "二、不足\(script)\(img)")],
            "title": [Evidence(line: 1, column: 1, text: "<a href=\"javascript:alert(1)\">点我</a>")],
        ], messages: ["causes": "未找到原因\(img)"])
        return ReportResult(path: "web/<script>alert(1)<\\script>|x.html", format: .html, encoding: "UTF-8", verdict: .fail,
                            metadata: metadata(title: "关于2025年法治政府建设的报告\(script)", agency: "某局\(img)",
                                               year: 2025, date: nil),
                            findings: findings)
    }()

    static func filled(_ results: [ReportResult]) -> Checklist {
        var c = Checklist.filled(rules: rules, packs: [pack], results: results)
        c.generated = "2026-03-01"
        return c
    }

    static func blank() -> Checklist {
        var c = Checklist.blank(rules: rules, packs: [pack])
        c.generated = "2026-03-01"
        return c
    }
}
