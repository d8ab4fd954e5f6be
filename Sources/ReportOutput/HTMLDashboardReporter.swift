import Foundation
import ReportDocument
import RuleEngine

/// `--format html`: a static dashboard in one self-contained file (inline CSS, SVG and a little JS; no external
/// assets, works offline): totals, the changes since the previous run, the pass rate per rule as a bar chart, and a
/// table of reports filterable by verdict, failing rule, agency, year and change, each row opening onto the
/// report's failed findings with their evidence.
///
/// Reports are untrusted web content: every piece of report text, path, title, message and evidence is HTML-escaped
/// and only ever placed in element text or quoted attributes, never in script; URLs are linked only when they are
/// http(s). The page's script is constant and reads the rows' data attributes.
///
/// Memory stays flat: rows are rendered as reports arrive and spilled to an unlinked temporary file; only per-rule
/// counts, the distinct agencies and years, and a bounded list of changes are kept until the footer.
public struct HTMLDashboardReporter: Reporter {
    private let context: ReportContext
    private let spill: Spill
    private var ruleStats: [String: (pass: Int, fail: Int, na: Int)] = [:]
    private var extraRules: [(id: String, title: String)] = []
    private var agencies: [String: Int] = [:]
    private var years: [Int: Int] = [:]
    private var changeCounts: [BatchAnnotation.Change: Int] = [:]
    private var changeList: [(path: String, change: BatchAnnotation.Change, rules: String)] = []
    private var rowNumber = 0
    private var changeListTruncated = false
    /// The previous run, when a cache knows one: "2026-03-01 02:00 (9,871 reports)".
    public var previousRun: String?

    /// At most this many changed reports are listed by name in the changes section (all are counted).
    static let changeListLimit = 300

    public init(context: ReportContext) {
        self.context = context
        self.spill = Spill()
    }

    public mutating func header() -> String { "" }

    public mutating func report(_ result: ReportResult) -> String {
        report(result, annotation: BatchAnnotation())
    }

    public mutating func report(_ result: ReportResult, annotation: BatchAnnotation) -> String {
        report(result, annotation: annotation, renderedRow: nil)
    }

    /// `renderedRow`: the report's row as `renderRow` gives it, made beforehand (by a batch's worker threads, so
    /// the thread writing the outputs only tallies and spills).
    public mutating func report(_ result: ReportResult, annotation: BatchAnnotation, renderedRow: String?) -> String {
        rowNumber += 1
        for f in result.findings {
            if ruleStats[f.rule.id] == nil && !context.rules.contains(where: { $0.id == f.rule.id }) {
                extraRules.append((f.rule.id, f.rule.title))
            }
            var s = ruleStats[f.rule.id] ?? (0, 0, 0)
            switch f.status {
            case .pass: s.pass += 1
            case .fail: s.fail += 1
            case .notApplicable: s.na += 1
            }
            ruleStats[f.rule.id] = s
        }
        let agency = result.metadata.agency?.value ?? ""
        agencies[agency, default: 0] += 1
        if let y = result.metadata.year?.value { years[y, default: 0] += 1 }
        if let c = annotation.change {
            changeCounts[c, default: 0] += 1
            if c != .unchanged || !annotation.newlyFailingRules.isEmpty || !annotation.fixedRules.isEmpty,
               c != .new {
                if changeList.count >= Self.changeListLimit {
                    changeListTruncated = true
                } else {
                var rules = ""
                if !annotation.newlyFailingRules.isEmpty { rules += "新增不通过：" + annotation.newlyFailingRules.joined(separator: " ") }
                if !annotation.fixedRules.isEmpty { rules += (rules.isEmpty ? "" : "；") + "已整改：" + annotation.fixedRules.joined(separator: " ") }
                changeList.append((result.path, c, rules))
                }
            }
        }
        spill.write(renderedRow ?? Self.renderRow(result, annotation: annotation, context: context))
        return ""
    }

    public mutating func footer(summary: RunSummary) -> String {
        var out = ""
        writeFooter(summary: summary) { out += $0 }
        return out
    }

    /// The whole page after the last report, in pieces (the table rows are streamed back from the spill file).
    public mutating func writeFooter(summary: RunSummary, to write: (String) throws -> Void) rethrows {
        try write(pageStart(summary: summary))
        try spill.readBack(write)
        try write(pageEnd)
    }

    // MARK: rendering

    private var allRules: [(id: String, title: String)] {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for r in context.rules where seen.insert(r.id).inserted { out.append((r.id, r.title)) }
        for r in extraRules where seen.insert(r.id).inserted { out.append((r.id, r.title)) }
        return out
    }

    /// A report's table row and its detail row: depends on the report and the run's context only.
    public static func renderRow(_ r: ReportResult, annotation: BatchAnnotation, context: ReportContext) -> String {
        let failing = r.findings.filter { $0.status == .fail }
        let path = context.relativePath(r.path)
        let agency = r.metadata.agency?.value ?? ""
        let year = r.metadata.year.map { String($0.value) } ?? ""
        var o = "<tr class=\"r v-\(r.verdict.rawValue)\" data-verdict=\"\(r.verdict.rawValue)\""
        o += " data-rules=\"" + H.attr(" " + failing.map(\.rule.id).joined(separator: " ") + " ") + "\""
        o += " data-agency=\"" + H.attr(agency) + "\" data-year=\"" + H.attr(year) + "\""
        o += " data-change=\"" + (annotation.change?.rawValue ?? "") + "\">"
        o += "<td><span class=\"badge \(r.verdict.rawValue)\">\(Self.verdictLabel(r.verdict))</span></td>"
        o += "<td class=\"path\"><button type=\"button\" class=\"tg\" aria-expanded=\"false\">" + H.text(path) + "</button></td>"
        o += "<td>" + H.text(r.metadata.title?.value ?? "") + "</td>"
        o += "<td>" + H.text(agency) + (annotation.region.map { "<br><small>" + H.text($0) + "</small>" } ?? "") + "</td>"
        o += "<td>" + H.text(year) + "</td>"
        o += "<td class=\"rules\">" + failing.map { "<span class=\"sev-\($0.severity.rawValue)\" title=\"" + H.attr($0.rule.title) + "\">" + H.text($0.rule.id) + "</span>" }.joined(separator: " ") + "</td>"
        o += "<td>" + (annotation.change.map { "<span class=\"chg chg-\($0.rawValue)\">" + Self.changeLabel($0) + "</span>" } ?? "") + "</td>"
        o += "</tr><tr class=\"d\" hidden><td></td><td colspan=\"6\">" + detail(r, annotation: annotation) + "</td></tr>\n"
        return o
    }

    private static func detail(_ r: ReportResult, annotation: BatchAnnotation) -> String {
        var o = "<div class=\"detail\">"
        if let url = annotation.url?.trimmingCharacters(in: .whitespaces) {
            if H.isWebURL(url) {
                o += "<p>原文：<a href=\"" + H.attr(url) + "\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">" + H.text(url) + "</a></p>"
            } else {
                o += "<p>原文：" + H.text(url) + "</p>"
            }
        }
        if let e = r.error { o += "<p class=\"err\">" + H.text(e) + "</p>" }
        let m = r.metadata
        var meta: [String] = []
        if let d = m.date?.value { meta.append("日期 " + H.text(d.description)) }
        if let f = r.format { meta.append(H.text(f.rawValue)) }
        if let e = r.encoding { meta.append(H.text(e)) }
        if !meta.isEmpty { o += "<p class=\"meta\">" + meta.joined(separator: " · ") + "</p>" }
        let shown = r.findings.filter { $0.status != .pass }
        if !shown.isEmpty {
            o += "<ul>"
            for f in shown {
                let cls = f.status == .fail ? "sev-\(f.severity.rawValue)" : "na"
                o += "<li class=\"\(cls)\"><b>" + H.text(f.rule.id) + "</b> " + H.text(f.rule.title)
                o += " — " + (f.status == .fail ? H.text(f.severity.rawValue) : "不适用") + "：" + H.text(f.message)
                if !f.evidence.isEmpty {
                    o += "<ol class=\"ev\">"
                    for e in f.evidence.prefix(5) {
                        o += "<li><code>\(e.line):\(e.column)</code> " + H.text(Escape.truncate(e.text, 160)) + "</li>"
                    }
                    o += "</ol>"
                }
                if f.status == .fail, !f.rule.hint.isEmpty { o += "<div class=\"hint\">" + H.text(f.rule.hint) + "</div>" }
                o += "</li>"
            }
            o += "</ul>"
        } else if r.verdict != .error {
            o += "<p>全部通过。</p>"
        }
        return o + "</div>"
    }

    static func verdictLabel(_ v: Verdict) -> String {
        switch v {
        case .pass: return "通过"
        case .fail: return "不通过"
        case .error: return "无法读取"
        }
    }

    static func changeLabel(_ c: BatchAnnotation.Change) -> String {
        switch c {
        case .new: return "新增"
        case .unchanged: return "无变化"
        case .newlyFailing: return "新不通过"
        case .fixed: return "已整改"
        }
    }

    private func pageStart(summary: RunSummary) -> String {
        let checked = summary.passed + summary.failed
        let rate = checked > 0 ? Double(summary.passed) / Double(checked) * 100 : 0
        var o = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
        <meta name="referrer" content="no-referrer">
        <title>法治政府建设年度报告检查结果 — reportlint</title>
        <style>\(Self.css)</style>
        </head>
        <body>
        <header><h1>法治政府建设年度报告检查结果</h1>
        <p class="sub">reportlint \(H.text(ToolInfo.version)) · 规则包 \(context.packs.map { H.text($0.id) + " " + H.text($0.version) }.joined(separator: "，"))</p></header>
        <section class="cards">
        <div class="card"><div class="n">\(summary.reports)</div><div>报告总数</div></div>
        <div class="card pass"><div class="n">\(summary.passed)</div><div>通过</div></div>
        <div class="card fail"><div class="n">\(summary.failed)</div><div>不通过</div></div>
        <div class="card error"><div class="n">\(summary.errors)</div><div>无法读取</div></div>
        <div class="card"><div class="n">\(String(format: "%.1f%%", rate))</div><div>通过率（可读报告）</div></div>
        </section>

        """
        o += changesSection()
        o += chart()
        o += tableStart()
        return o
    }

    private func changesSection() -> String {
        guard !changeCounts.isEmpty else { return "" }
        var o = "<section id=\"changes\"><h2>与上次运行相比</h2>"
        if let previousRun { o += "<p class=\"sub\">上次运行：" + H.text(previousRun) + "</p>" }
        o += "<div class=\"cards small\">"
        for c in BatchAnnotation.Change.allCases {
            o += "<div class=\"card chg-\(c.rawValue)\"><div class=\"n\">\(changeCounts[c] ?? 0)</div><div>\(Self.changeLabel(c))</div></div>"
        }
        o += "</div>"
        if !changeList.isEmpty {
            o += "<table class=\"changes\"><thead><tr><th>变化</th><th>报告</th><th>规则</th></tr></thead><tbody>"
            for c in changeList {
                o += "<tr><td><span class=\"chg chg-\(c.change.rawValue)\">\(Self.changeLabel(c.change))</span></td><td class=\"path\">"
                    + H.text(context.relativePath(c.path)) + "</td><td>" + H.text(c.rules) + "</td></tr>"
            }
            o += "</tbody></table>"
            if changeListTruncated { o += "<p class=\"sub\">仅列出前 \(changeList.count) 项；用上方表格的“变化”筛选查看全部。</p>" }
        }
        return o + "</section>\n"
    }

    private func chart() -> String {
        let rules = allRules
        guard !rules.isEmpty else { return "" }
        let rowH = 26, labelW = 360, barW = 480, top = 8
        let height = top + rules.count * rowH + 24
        var o = "<section id=\"rules\"><h2>各项要求通过率</h2>"
        o += "<svg class=\"chart\" role=\"img\" aria-label=\"各项要求通过率\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelW + barW + 90)\" height=\"\(height)\" viewBox=\"0 0 \(labelW + barW + 90) \(height)\">"
        for (i, r) in rules.enumerated() {
            let s = ruleStats[r.id] ?? (0, 0, 0)
            let total = s.pass + s.fail + s.na
            let y = top + i * rowH
            func w(_ n: Int) -> Double { total > 0 ? Double(n) / Double(total) * Double(barW) : 0 }
            let label = Escape.truncate(r.title.isEmpty ? r.id : r.title, 22)
            let judged = s.pass + s.fail
            let pct = judged > 0 ? Double(s.pass) / Double(judged) * 100 : 100
            o += "<g><title>" + H.text("\(r.id) \(r.title)：通过 \(s.pass)，不通过 \(s.fail)，不适用 \(s.na)") + "</title>"
            o += "<text x=\"\(labelW - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"lbl\">" + H.text(label) + "</text>"
            o += "<rect x=\"\(labelW)\" y=\"\(y + 4)\" width=\"\(barW)\" height=\"18\" class=\"bg\"/>"
            o += "<rect x=\"\(labelW)\" y=\"\(y + 4)\" width=\"\(String(format: "%.1f", w(s.pass)))\" height=\"18\" class=\"bp\"/>"
            o += "<rect x=\"\(String(format: "%.1f", Double(labelW) + w(s.pass)))\" y=\"\(y + 4)\" width=\"\(String(format: "%.1f", w(s.fail)))\" height=\"18\" class=\"bf\"/>"
            o += "<text x=\"\(labelW + barW + 8)\" y=\"\(y + 17)\" class=\"pct\">\(String(format: "%.1f%%", pct))</text></g>"
        }
        let ly = top + rules.count * rowH + 14
        o += "<rect x=\"\(labelW)\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" class=\"bp\"/><text x=\"\(labelW + 16)\" y=\"\(ly)\" class=\"lg\">通过</text>"
        o += "<rect x=\"\(labelW + 70)\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" class=\"bf\"/><text x=\"\(labelW + 86)\" y=\"\(ly)\" class=\"lg\">不通过</text>"
        o += "<rect x=\"\(labelW + 150)\" y=\"\(ly - 10)\" width=\"12\" height=\"12\" class=\"bg\"/><text x=\"\(labelW + 166)\" y=\"\(ly)\" class=\"lg\">不适用</text>"
        o += "</svg><p class=\"sub\">通过率 = 通过 ÷（通过 + 不通过），不计不适用。</p></section>\n"
        return o
    }

    private func tableStart() -> String {
        var o = "<section id=\"reports\"><h2>报告</h2><div class=\"filters\" id=\"filters\">"
        o += "<label>结论 <select id=\"f-verdict\"><option value=\"\">全部</option><option value=\"pass\">通过</option><option value=\"fail\">不通过</option><option value=\"error\">无法读取</option></select></label>"
        o += "<label>不通过的要求 <select id=\"f-rule\"><option value=\"\">全部</option>"
        for r in allRules { o += "<option value=\"" + H.attr(r.id) + "\">" + H.text(r.id + " " + Escape.truncate(r.title, 24)) + "</option>" }
        o += "</select></label>"
        o += "<label>机关 <select id=\"f-agency\"><option value=\"\">全部</option>"
        for (a, n) in agencies.sorted(by: { $0.key < $1.key }) {
            o += "<option value=\"" + H.attr(a) + "\">" + (a.isEmpty ? "（未识别）" : H.text(Escape.truncate(a, 40))) + " (\(n))</option>"
        }
        o += "</select></label>"
        o += "<label>年度 <select id=\"f-year\"><option value=\"\">全部</option>"
        for (y, n) in years.sorted(by: { $0.key > $1.key }) { o += "<option value=\"\(y)\">\(y) (\(n))</option>" }
        o += "</select></label>"
        if !changeCounts.isEmpty {
            o += "<label>变化 <select id=\"f-change\"><option value=\"\">全部</option>"
            for c in BatchAnnotation.Change.allCases { o += "<option value=\"\(c.rawValue)\">\(Self.changeLabel(c))</option>" }
            o += "</select></label>"
        }
        o += "<label>路径或标题 <input id=\"f-text\" type=\"search\" placeholder=\"搜索\"></label> <span id=\"shown\"></span></div>\n"
        o += "<table id=\"report-table\"><thead><tr><th>结论</th><th>报告（点击展开详情）</th><th>标题</th><th>机关</th><th>年度</th><th>不通过的要求</th><th>变化</th></tr></thead><tbody>\n"
        return o
    }

    private var pageEnd: String {
        "</tbody></table></section>\n<footer>reportlint \(H.text(ToolInfo.version))</footer>\n<script>\(Self.script)</script>\n</body>\n</html>\n"
    }
}

/// The dashboard's short name for the shared HTML escaping.
typealias H = HTMLEscape

/// Rendered rows kept in an unlinked temporary file until the footer (flat memory for any number of reports).
private final class Spill {
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []

    init() {
        var template = Array((NSTemporaryDirectory() + "/reportlint-html-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd >= 0 { template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) } }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Falls back to memory when no temporary file could be made.
    private var inMemory: [String] = []

    func write(_ s: String) {
        guard fd >= 0 else { inMemory.append(s); return }
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    private func flush() {
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + off, $0.count - off) }
            if n <= 0 { if errno == EINTR { continue }; break }
            off += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func readBack(_ emit: (String) throws -> Void) rethrows {
        guard fd >= 0 else {
            for s in inMemory { try emit(s) }
            return
        }
        flush()
        lseek(fd, 0, SEEK_SET)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var carry: [UInt8] = []
        while true {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            carry.append(contentsOf: chunk[0..<n])
            // Emit up to the last newline so no UTF-8 sequence is split.
            if let last = carry.lastIndex(of: 0x0A) {
                try emit(String(decoding: carry[...last], as: UTF8.self))
                carry.removeSubrange(...last)
            }
        }
        if !carry.isEmpty { try emit(String(decoding: carry, as: UTF8.self)) }
        lseek(fd, 0, SEEK_END)
    }
}
