import RuleEngine

/// `--format text`: for a person at a terminal. Per report a verdict line, then each failing rule with severity,
/// Chinese title, rule id, `path:line:col`, message, basis (依据) and hint (建议); then one line on passes and
/// not-applicable rules. A final summary line. ANSI colour only when `context.color`.
public struct TextReporter: Reporter {
    let context: ReportContext
    var first = true

    public init(context: ReportContext) { self.context = context }

    public mutating func header() -> String { "" }

    private func paint(_ s: String, _ code: String) -> String {
        context.color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }

    private func severityLabel(_ s: Severity) -> String {
        let padded = s.rawValue + String(repeating: " ", count: 7 - s.rawValue.count)
        switch s {
        case .error: return paint(padded, "1;31")
        case .warning: return paint(padded, "33")
        case .info: return paint(padded, "36")
        }
    }

    public mutating func report(_ result: ReportResult) -> String {
        var out = first ? "" : "\n"
        first = false
        let path = Escape.terminal(result.path)
        switch result.verdict {
        case .pass: out += paint("✔", "32") + " " + paint(path, "1") + "  " + paint("pass", "32")
        case .fail: out += paint("✘", "31") + " " + paint(path, "1") + "  " + paint("fail", "1;31")
        case .error: out += paint("!", "35") + " " + paint(path, "1") + "  " + paint("error", "1;35")
        }
        var about: [String] = []
        if let a = result.metadata.agency?.value, !a.isEmpty { about.append(Escape.terminal(a)) }
        if let y = result.metadata.year?.value { about.append("\(y)年度") }
        if !about.isEmpty { out += "  " + about.joined(separator: " · ") }
        out += "\n"
        if result.verdict == .error {
            out += "  " + Escape.terminal(result.error ?? "unreadable input") + "\n"
            return out
        }
        for f in result.findings where f.isCountedFailure {
            let title = Escape.terminal(f.rule.title.isEmpty ? f.rule.id : f.rule.title)
            out += "  " + severityLabel(f.severity) + " " + title + " " + paint("[\(Escape.terminal(f.rule.id))]", "2") + "\n"
            out += "          " + paint("\(path):\(f.locationText)", "4")
            if let ev = f.evidence.first, !ev.text.isEmpty {
                out += "  「" + Escape.truncate(Escape.terminal(ev.text), 60) + "」"
            }
            out += "\n"
            out += "          " + Escape.terminal(f.message) + "\n"
            if !f.rule.basis.isEmpty { out += "          " + paint("依据：" + Escape.terminal(f.rule.basis), "2") + "\n" }
            if !f.rule.hint.isEmpty { out += "          " + paint("建议：" + Escape.terminal(f.rule.hint), "2") + "\n" }
        }
        for f in result.findings where f.status == .fail && f.suppression != nil {
            let s = f.suppression!
            let why = s.kind == .baseline ? "baseline" : "suppressed: " + Escape.terminal(s.reason ?? "")
            out += "  " + paint(f.severity.rawValue + " [\(Escape.terminal(f.rule.id))] \(path):\(f.locationText) (\(why); \(Escape.terminal(s.source)))", "2") + "\n"
        }
        let passed = result.findings.filter { $0.status == .pass }.count
        let na = result.findings.filter { $0.status == .notApplicable }.map { Escape.terminal($0.rule.id) }
        var tail = "  \(passed) passed"
        if !na.isEmpty { tail += ", \(na.count) not applicable (\(na.joined(separator: ", ")))" }
        out += paint(tail, "2") + "\n"
        return out
    }

    public mutating func footer(summary: RunSummary) -> String {
        var line = summary.line
        if summary.suppressed > 0 { line += "; \(summary.suppressed) suppressed" }
        if summary.baselined > 0 {
            line += "; \(summary.baselined) known failure\(summary.baselined == 1 ? "" : "s") (baseline), \(summary.newFailures) new"
        }
        let colored = summary.failed + summary.errors > 0 ? paint(line, "1") : paint(line, "1;32")
        return (first ? "" : "\n") + colored + "\n"
    }
}
