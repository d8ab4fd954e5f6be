import Foundation
import ReportDocument
import RuleEngine
@testable import ReportOutput

/// Realistic results built by hand: the national pack's 13 rules, a passing report (like seed 001), a failing report
/// (like seed 000) and an unreadable input.
enum Fixtures {
    static let pack = "rule-of-law-annual"
    static let packs = [PackInfo(id: pack, version: "1.0.0")]
    static let base = "/srv/reports"

    static func rule(_ id: String, _ title: String, _ severity: Severity, _ basis: String, _ hint: String) -> RuleInfo {
        RuleInfo(id: id, pack: pack, title: title, severity: severity, basis: basis, hint: hint)
    }

    static let article = "《法治政府建设与责任落实督察工作规定》第二十五条"
    static let rules: [RuleInfo] = [
        rule("measures-and-results", "上一年度推进法治政府建设的主要举措和成效", .error, article + "第（一）项",
             "设一级标题写明本年度推进法治政府建设的主要举措和成效。"),
        rule("shortcomings", "存在的不足", .error, article + "第（二）项", "设标题写明本年度存在的不足（问题、短板）。"),
        rule("causes", "不足的原因", .error, article + "第（二）项", "在“存在的不足”部分分析原因，如“究其原因”“原因主要有”。"),
        rule("first-responsible-person", "党政主要负责人履行推进法治建设第一责任人职责情况", .error, article + "第（三）项",
             "在计划部分之外设标题，报告党政主要负责人履行第一责任人职责的情况。"),
        rule("next-year-plans", "下一年度推进法治政府建设的主要安排", .error, article + "第（四）项",
             "设一级标题写明下一年度的工作安排。"),
        rule("plan-year", "工作安排的年度", .error, article + "第（四）项", "工作安排标题中的年度应为报告年度的下一年。"),
        rule("court-judgments", "履行人民法院生效裁判情况", .error, "省级法治政府建设年度报告工作指引",
             "明确写明履行人民法院生效裁判的情况；未涉及的写明“不涉及”。"),
        rule("report-year", "报告年度", .error, article, "在标题或开头段落写明报告年度，如“2025年度”。"),
        rule("title", "报告标题", .warning, article, "使用“××关于20XX年度法治政府建设情况的报告”式标题。"),
        rule("issuer-and-date", "发文机关和日期", .warning, article, "在落款写明发文机关和成文日期。"),
        rule("timeliness", "按时公开", .error, "《法治政府建设与责任落实督察工作规定》第二十六条",
             "于次年4月1日前通过报刊、网站等向社会公开。"),
        rule("placeholders", "模板残留", .warning, "报告编制规范", "删除“XX”“××”“【待填】”等模板占位内容。"),
        rule("quantitative-results", "量化成效", .warning, "报告编制规范", "在成效部分给出至少3项带单位的数据。"),
    ]

    static func rule(_ id: String) -> RuleInfo { rules.first { $0.id == id }! }

    static func pass(_ id: String, _ msg: String, _ ev: [Evidence] = [], fp: String = "") -> Finding {
        Finding(rule: rule(id), status: .pass, severity: rule(id).severity, message: msg, evidence: ev, fingerprint: fp)
    }

    static func fail(_ id: String, _ severity: Severity, _ msg: String, _ ev: [Evidence] = [], fp: String) -> Finding {
        Finding(rule: rule(id), status: .fail, severity: severity, message: msg, evidence: ev, fingerprint: fp)
    }

    static func na(_ id: String, _ msg: String) -> Finding {
        Finding(rule: rule(id), status: .notApplicable, severity: rule(id).severity, message: msg)
    }

    /// Like seed 001: passes, with two warnings.
    static let passing = ReportResult(
        path: base + "/2025/江源区卫生健康局.txt", format: .text, encoding: "UTF-8", verdict: .pass,
        metadata: Metadata(
            title: MetadataField(value: "江源区卫生健康局2025年度法治政府建设工作报告",
                                 location: SourceLocation(line: 3), source: "title-line"),
            agency: MetadataField(value: "江源区卫生健康局", location: SourceLocation(line: 8), source: "header-line"),
            year: MetadataField(value: 2025, location: SourceLocation(line: 3), source: "title-line"),
            date: MetadataField(value: ReportDate(year: 2026, month: 1, day: 29), location: SourceLocation(line: 4),
                                source: "publication-line")),
        findings: [
            pass("measures-and-results", "找到主要举措和成效部分", [Evidence(line: 14, column: 1, text: "一、2025年度推进法治政府建设的主要举措和成效")]),
            pass("shortcomings", "找到存在的不足部分", [Evidence(line: 30, column: 1, text: "二、存在的不足和原因")]),
            pass("causes", "标题中写明原因", [Evidence(line: 30, column: 1, text: "二、存在的不足和原因")]),
            pass("first-responsible-person", "找到第一责任人职责部分", [Evidence(line: 24, column: 1, text: "（三）党政主要负责人履行推进法治建设第一责任人职责情况")]),
            pass("next-year-plans", "找到下一年度工作安排", [Evidence(line: 36, column: 1, text: "三、2026年推进法治政府建设的主要安排")]),
            pass("plan-year", "安排年度为2026年，等于报告年度加一", [Evidence(line: 36, column: 3, text: "2026年")]),
            fail("court-judgments", .warning, "仅写明“无行政诉讼败诉情况”，未明确履行人民法院生效裁判情况",
                 [Evidence(line: 28, column: 212, text: "无行政拘留、行政强制、行政复议撤销或诉讼败诉情况")], fp: "c0f1e2d3a4b5c6d7"),
            pass("report-year", "标题写明2025年度", [Evidence(line: 3, column: 9, text: "2025年度")]),
            pass("title", "找到标题", [Evidence(line: 3, column: 1, text: "江源区卫生健康局2025年度法治政府建设工作报告")]),
            pass("issuer-and-date", "发文机关和日期可识别", [Evidence(line: 4, column: 1, text: "发布时间:2026-01-29")]),
            pass("timeliness", "2026-01-29早于2026-04-01"),
            fail("placeholders", .warning, "发现模板占位内容“XX”", [Evidence(line: 41, column: 7, text: "XX科室负责同志")], fp: "9a8b7c6d5e4f3a2b"),
            pass("quantitative-results", "成效部分有12处带单位的数据", [Evidence(line: 28, column: 40, text: "30%")]),
        ])

    /// Like seed 000: fails on causes and first-responsible-person, warns on title.
    static let failing = ReportResult(
        path: base + "/2025/市卫生健康委员会 (草稿).txt", format: .text, encoding: "GB18030", verdict: .fail,
        metadata: Metadata(
            agency: MetadataField(value: "市卫生健康委员会", location: SourceLocation(line: 60), source: "signature"),
            year: MetadataField(value: 2025, location: SourceLocation(line: 3), source: "opening-paragraph"),
            date: MetadataField(value: ReportDate(year: 2026, month: 2, day: 5), location: SourceLocation(line: 61),
                                source: "signature")),
        findings: [
            pass("measures-and-results", "找到工作完成情况部分", [Evidence(line: 5, column: 1, text: "一、工作完成情况")]),
            pass("shortcomings", "找到存在的问题和不足部分", [Evidence(line: 19, column: 1, text: "二、存在的问题和不足")]),
            fail("causes", .error, "未找到存在不足的原因分析", [Evidence(line: 19, column: 1, text: "二、存在的问题和不足")],
                 fp: "1f2e3d4c5b6a7988"),
            fail("first-responsible-person", .error, "计划部分之外没有关于第一责任人职责的标题",
                 [], fp: "2a3b4c5d6e7f8091"),
            pass("next-year-plans", "找到下一步工作打算", [Evidence(line: 33, column: 1, text: "三、下一步工作打算")]),
            na("plan-year", "工作安排标题中未写明年度"),
            pass("court-judgments", "写明“不涉及人民法院生效裁判的履行”", [Evidence(line: 31, column: 5, text: "不涉及人民法院生效裁判的履行")]),
            pass("report-year", "开头段落写明2025年", [Evidence(line: 3, column: 1, text: "2025年以来")]),
            fail("title", .warning, "未找到含“法治政府建设”和“报告”的标题", [], fp: "3b4c5d6e7f809112"),
            pass("issuer-and-date", "落款写明发文机关和日期", [Evidence(line: 60, column: 1, text: "市卫生健康委员会")]),
            pass("timeliness", "2026-02-05早于2026-04-01"),
            pass("placeholders", "未发现模板占位内容"),
            pass("quantitative-results", "成效部分有5处带单位的数据"),
        ])

    static let inputError = ReportResult.inputError(path: base + "/2025/扫描件.docx", format: .docx,
                                                    message: "不是有效的 .docx 文件（zip 目录损坏）")

    static var context: ReportContext {
        ReportContext(packs: packs, rules: rules, baseDirectory: base, color: false)
    }

    /// Hostile report text: every character that breaks some format.
    static let hostile: ReportResult = {
        let evil = "a|b,c:d%e\r\nf\"g\\h<i>&j'k\u{1B}[31mred\u{1}\u{2028}l`m*n_[o](p)\t=q@"
        var r = ReportResult(
            path: base + "/x,y:z%w|v\n.txt", format: .html, encoding: "UTF-8", verdict: .fail,
            metadata: Metadata(title: MetadataField(value: "=HYPERLINK(\"http://evil\")" + evil, source: "h1"),
                               agency: MetadataField(value: evil, source: "meta:ContentSource")))
        r.findings = [
            Finding(rule: rule("causes"), status: .fail, severity: .error, message: "原因" + evil,
                    evidence: [Evidence(line: 2, column: 3, text: evil)], fingerprint: "ffff"),
            Finding(rule: rule("title"), status: .notApplicable, severity: .warning, message: evil),
        ]
        return r
    }()
}

/// Golden files live next to this source file; `UPDATE_GOLDENS=1 swift test` rewrites them.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static var updating: Bool { ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] == "1" }

    /// Returns nil when the output matches (or was rewritten), else a description of the first difference.
    static func check(_ actual: String, name: String) throws -> String? {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return "missing golden \(name); run UPDATE_GOLDENS=1 swift test --filter ReportOutputTests"
        }
        let expected = String(decoding: data, as: UTF8.self)
        if expected == actual { return nil }
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        for i in 0..<max(e.count, a.count) {
            let el = i < e.count ? String(e[i]) : "<end>"
            let al = i < a.count ? String(a[i]) : "<end>"
            if el != al { return "\(name) line \(i + 1):\n expected: \(el)\n   actual: \(al)" }
        }
        return "\(name) differs (bytes)"
    }
}
