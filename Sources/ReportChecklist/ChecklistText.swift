import Foundation
import ReportDocument
import RuleEngine

/// The columns of a checklist table. Blank checklists have no automatic columns.
enum Column: CaseIterable {
    case number, requirement, basis, method, autoResult, autoEvidence, verdict, evidence, reviewer, date

    static func columns(filled: Bool) -> [Column] {
        filled ? allCases : allCases.filter { $0 != .autoResult && $0 != .autoEvidence }
    }

    /// Manual columns are left blank for the reviewer.
    var isManual: Bool { [.verdict, .evidence, .reviewer, .date].contains(self) }
}

/// Fixed text in both languages.
struct Labels {
    let lang: ChecklistLanguage
    var zh: Bool { lang == .zh }

    var documentTitle: String { zh ? "法治政府建设年度报告审核清单" : "Audit checklist: annual report on building rule-of-law government" }
    var blankSubtitle: String { zh ? "空白清单" : "Blank checklist" }
    var filledSubtitle: String { zh ? "已按自动核查结果预填，人工结论栏由复核人填写" : "Pre-filled with the automatic results; the manual columns are for the reviewer" }
    var otherGroup: String { zh ? "其他要求" : "Other requirements" }
    var summary: String { zh ? "汇总" : "Summary" }
    var checklistGroupHeading: String { zh ? "事项" : "Item" }
    var checklistSheet: String { zh ? "审核清单" : "Checklist" }

    func heading(_ c: Column) -> String {
        switch c {
        case .number: return zh ? "序号" : "No."
        case .requirement: return zh ? "要求" : "Requirement"
        case .basis: return zh ? "法律依据" : "Legal basis"
        case .method: return zh ? "核查方法" : "How to verify"
        case .autoResult: return zh ? "自动结论" : "Automatic result"
        case .autoEvidence: return zh ? "自动核查证据" : "Evidence found"
        case .verdict: return zh ? "结论" : "Conclusion"
        case .evidence: return zh ? "证据/页码" : "Evidence / page"
        case .reviewer: return zh ? "复核人" : "Reviewer"
        case .date: return zh ? "日期" : "Date"
        }
    }

    /// The values a reviewer may enter in the 结论 column (the xlsx drop-down).
    var choices: [String] { zh ? ["符合", "不符合", "不适用"] : ["Compliant", "Non-compliant", "Not applicable"] }
    var choicesHint: String { choices.joined(separator: "/") }
    /// "结论（符合/不符合/不适用）" / "Conclusion (Compliant/…)".
    func withChoices(_ heading: String, lineBreak: Bool = false) -> String {
        zh ? heading + (lineBreak ? "\n" : "") + "（\(choicesHint)）" : heading + (lineBreak ? "\n" : " ") + "(\(choicesHint))"
    }

    func status(_ s: FindingStatus) -> String {
        switch s {
        case .pass: return choices[0]
        case .fail: return choices[1]
        case .notApplicable: return choices[2]
        }
    }
    var notChecked: String { zh ? "未检查" : "Not checked" }

    func severity(_ s: Severity) -> String {
        switch s {
        case .error: return zh ? "错误" : "error"
        case .warning: return zh ? "警告" : "warning"
        case .info: return zh ? "提示" : "info"
        }
    }

    func verdict(_ v: Verdict) -> String {
        switch v {
        case .pass: return zh ? "通过" : "Pass"
        case .fail: return zh ? "不通过" : "Fail"
        case .error: return zh ? "无法读取" : "Unreadable"
        }
    }

    var agency: String { zh ? "机关" : "Agency" }
    var year: String { zh ? "年度" : "Year" }
    var source: String { zh ? "源文件" : "Source file" }
    var reportTitle: String { zh ? "报告标题" : "Report title" }
    var reportDate: String { zh ? "报告日期" : "Report date" }
    var generated: String { zh ? "生成日期" : "Generated" }
    var packs: String { zh ? "规则包" : "Rule packs" }
    var overall: String { zh ? "自动结论" : "Automatic verdict" }
    var report: String { zh ? "报告" : "Report" }
    var errors: String { zh ? "错误" : "Errors" }
    var warnings: String { zh ? "警告" : "Warnings" }
    var notApplicable: String { zh ? "不适用" : "N/A" }
    var failedRules: String { zh ? "未通过的要求" : "Failed requirements" }
    var unreadable: String { zh ? "该报告无法读取，未能自动核查。" : "This report could not be read and was not checked." }
    var reason: String { zh ? "原因" : "Reason" }
    var unknownReason: String { zh ? "未说明" : "not given" }
    var missing: String { "—" }
    var signature: String { zh ? "复核人（签字）" : "Reviewer (signature)" }
    var signDate: String { zh ? "日期" : "Date" }
    var colon: String { zh ? "：" : ": " }
    var listSeparator: String { zh ? "、" : ", " }

    func line(_ n: Int) -> String { zh ? "第\(n)行" : "Line \(n)" }
    func more(_ n: Int) -> String { zh ? "……另有\(n)处" : "… \(n) more" }
    func reportHeading(_ n: Int, _ name: String) -> String { zh ? "报告 \(n)：\(name)" : "Report \(n): \(name)" }
    func counts(errors e: Int, warnings w: Int) -> String {
        zh ? "错误 \(e) 项，警告 \(w) 项" : "\(e) error\(e == 1 ? "" : "s"), \(w) warning\(w == 1 ? "" : "s")"
    }
    func field(_ name: String, _ value: String) -> String { name + colon + value }

    /// Group headings: the regulation's items have English names; anything else is shown as written.
    func group(_ title: String?) -> String {
        guard let title else { return otherGroup }
        if zh { return title }
        let items = [("（一）", "(1) Main measures and results"), ("（二）", "(2) Shortcomings and their causes"),
                     ("（三）", "(3) Principal leaders' duty as first responsible persons"),
                     ("（四）", "(4) Main plans for next year"), ("（五）", "(5) Other matters to report")]
        if title.hasPrefix("第二十五条") {
            for (mark, english) in items where title.contains(mark) { return "Art. 25 " + english }
        }
        return title
    }
}

/// Plain-text cell content shared by every format; each writer escapes it for its own syntax.
struct ChecklistText {
    let checklist: Checklist
    let labels: Labels

    init(_ checklist: Checklist, _ language: ChecklistLanguage) {
        self.checklist = checklist
        self.labels = Labels(lang: language)
    }

    var columns: [Column] { Column.columns(filled: checklist.isFilled) }

    var packLine: String {
        let packs = checklist.packs.map { "\($0.id) \($0.version)" }.joined(separator: labels.listSeparator)
        return labels.field(labels.packs, packs.isEmpty ? labels.missing : Clean.text(packs))
    }

    var generatedLine: String { labels.field(labels.generated, checklist.generated) }

    func requirement(_ rule: RuleInfo) -> String {
        Clean.text(labels.zh ? rule.title : (rule.titleEn.flatMap { $0.isEmpty ? nil : $0 } ?? rule.title))
    }

    func method(_ rule: RuleInfo) -> String {
        Clean.text(labels.zh ? rule.hint : (rule.hintEn.flatMap { $0.isEmpty ? nil : $0 } ?? rule.hint))
    }

    /// 自动结论: "符合", "不符合（错误）" plus the engine's message, "不适用", or "未检查".
    func autoResult(_ finding: Finding?) -> String {
        guard let finding else { return labels.notChecked }
        var text = labels.status(finding.status)
        if finding.status == .fail {
            text += labels.zh ? "（\(labels.severity(finding.severity))）" : " (\(labels.severity(finding.severity)))"
        }
        let message = Clean.oneLine(finding.message, limit: 200)
        if finding.status != .pass, !message.isEmpty { text += "\n" + message }
        return text
    }

    /// Evidence with lines: "第45行：二、存在的问题和不足", one per line, at most three.
    func autoEvidence(_ finding: Finding?) -> String {
        guard let finding, !finding.evidence.isEmpty else { return "" }
        var lines = finding.evidence.prefix(3).map { labels.field(labels.line($0.line), Clean.oneLine($0.text, limit: 80)) }
        if finding.evidence.count > 3 { lines.append(labels.more(finding.evidence.count - 3)) }
        return lines.joined(separator: "\n")
    }

    /// The plain-text cells of one row; manual columns are empty.
    func cells(_ item: Checklist.Item, _ report: Checklist.Report?) -> [String] {
        let finding = report?.finding(for: item.rule)
        return columns.map { column in
            switch column {
            case .number: return String(item.number)
            case .requirement: return requirement(item.rule)
            case .basis: return Clean.text(item.rule.basis)
            case .method: return method(item.rule)
            case .autoResult: return autoResult(finding)
            case .autoEvidence: return autoEvidence(finding)
            case .verdict, .evidence, .reviewer, .date: return ""
            }
        }
    }

    func groupTitle(_ group: Checklist.Group) -> String { Clean.oneLine(labels.group(group.title), limit: 200) }

    // MARK: Reports

    func reportName(_ report: Checklist.Report) -> String {
        let name = (report.result.path as NSString).lastPathComponent
        return Clean.oneLine(name.isEmpty ? report.result.path : name, limit: 120)
    }

    func agency(_ r: Checklist.Report) -> String {
        r.result.metadata.agency.map { Clean.oneLine($0.value, limit: 120) } ?? labels.missing
    }
    func year(_ r: Checklist.Report) -> String { r.result.metadata.year.map { String($0.value) } ?? labels.missing }
    func reportDate(_ r: Checklist.Report) -> String { r.result.metadata.date.map { $0.value.description } ?? labels.missing }
    func title(_ r: Checklist.Report) -> String {
        r.result.metadata.title.map { Clean.oneLine($0.value, limit: 200) } ?? labels.missing
    }

    /// "不通过（错误 2 项，警告 1 项）", "通过", "无法读取".
    func overall(_ r: Checklist.Report) -> String {
        let v = labels.verdict(r.result.verdict)
        if r.isUnreadable { return v }
        let e = r.failures(.error).count, w = r.failures(.warning).count
        if e == 0 && w == 0 { return v }
        return labels.zh ? "\(v)（\(labels.counts(errors: e, warnings: w))）" : "\(v) (\(labels.counts(errors: e, warnings: w)))"
    }

    func unreadableReason(_ r: Checklist.Report) -> String {
        labels.field(labels.reason, r.result.error.map { Clean.oneLine($0, limit: 500) } ?? labels.unknownReason)
    }

    /// Header fields of a filled report: (label, value).
    func header(_ r: Checklist.Report) -> [(String, String)] {
        var fields = [(labels.agency, agency(r)), (labels.year, year(r)), (labels.source, Clean.oneLine(r.result.path, limit: 300))]
        if !r.isUnreadable {
            fields.insert((labels.reportTitle, title(r)), at: 0)
            fields.append((labels.reportDate, reportDate(r)))
        }
        fields.append((labels.overall, overall(r)))
        fields.append((labels.generated, checklist.generated))
        return fields
    }

    /// Summary columns and one row per report.
    var summaryHeadings: [String] {
        [labels.heading(.number), labels.report, labels.agency, labels.year, labels.reportDate, labels.overall,
         labels.errors, labels.warnings, labels.notApplicable, labels.failedRules]
    }

    func summaryRow(_ r: Checklist.Report) -> [String] {
        if r.isUnreadable {
            return [String(r.number), reportName(r), agency(r), year(r), reportDate(r), labels.verdict(.error), "", "", "",
                    unreadableReason(r)]
        }
        let failed = r.result.findings.filter { $0.status == .fail }
            .map { "\(requirement($0.rule))（\(labels.severity($0.severity))）" }
        return [String(r.number), reportName(r), agency(r), year(r), reportDate(r), labels.verdict(r.result.verdict),
                String(r.failures(.error).count), String(r.failures(.warning).count), String(r.notApplicableCount),
                failed.joined(separator: labels.listSeparator)]
    }
}

/// Report text is untrusted: strip control and bidi-override characters before it reaches any format.
enum Clean {
    static func text(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var lastWasCR = false
        for u in s.unicodeScalars {
            if u == "\r" { out.append("\n"); lastWasCR = true; continue }
            defer { lastWasCR = false }
            if u == "\n" { if !lastWasCR { out.append(u) }; continue }
            if u == "\t" { out.append(" "); continue }
            if u.value < 0x20 || (0x7F...0x9F).contains(u.value) { continue }
            if (0x202A...0x202E).contains(u.value) || (0x2066...0x2069).contains(u.value) || u.value == 0x200E
                || u.value == 0x200F || u.value == 0xFEFF || (0xFFF9...0xFFFB).contains(u.value)
                || (0xFDD0...0xFDEF).contains(u.value) || u.value & 0xFFFE == 0xFFFE { continue }
            out.append(u)
        }
        return String(out).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// One line, whitespace collapsed, at most `limit` characters (an ellipsis marks a cut).
    static func oneLine(_ s: String, limit: Int) -> String {
        let words = text(s).split(whereSeparator: { $0.isWhitespace })
        let joined = words.joined(separator: " ")
        guard joined.count > limit else { return joined }
        return String(joined.prefix(limit - 1)) + "…"
    }
}
