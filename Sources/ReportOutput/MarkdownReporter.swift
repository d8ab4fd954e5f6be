import RuleEngine

/// `--format markdown`: for a pull-request / merge-request comment. A summary line, then per report a heading
/// and a table of every rule (rule, status, severity, location, message). All report text is escaped
/// (pipes, HTML, inline markup, newlines).
public struct MarkdownReporter: Reporter {
    let context: ReportContext
    var body = ""

    public init(context: ReportContext) { self.context = context }
    public mutating func header() -> String { "" }

    static func emoji(_ f: Finding) -> String {
        switch f.status {
        case .pass: return "✅ pass"
        case .notApplicable: return "➖ n/a"
        case .fail:
            switch f.severity {
            case .error: return "❌ fail"
            case .warning: return "⚠️ fail"
            case .info: return "ℹ️ fail"
            }
        }
    }

    public mutating func report(_ result: ReportResult) -> String {
        let path = Escape.markdownCell(context.relativePath(result.path))
        let mark: String
        switch result.verdict {
        case .pass: mark = "✅"
        case .fail: mark = "❌"
        case .error: mark = "⚠️"
        }
        body += "\n### \(mark) \(path) — \(result.verdict.rawValue)\n\n"
        var about: [String] = []
        if let t = result.metadata.title?.value, !t.isEmpty { about.append(Escape.markdownCell(t)) }
        if let a = result.metadata.agency?.value, !a.isEmpty { about.append(Escape.markdownCell(a)) }
        if let y = result.metadata.year?.value { about.append("\(y)年度") }
        if let d = result.metadata.date?.value { about.append(d.description) }
        if !about.isEmpty { body += about.joined(separator: " · ") + "\n\n" }
        if result.verdict == .error {
            body += "Input error: " + Escape.markdownCell(result.error ?? "unreadable input") + "\n"
            return ""
        }
        body += "| Rule | Status | Severity | Line:col | Message |\n|---|---|---|---|---|\n"
        for f in result.findings {
            let title = f.rule.title.isEmpty ? "" : Escape.markdownCell(f.rule.title) + " "
            let location = f.evidence.isEmpty && f.status != .fail ? "" : f.locationText
            body += "| \(title)`\(Self.codeSpanText(f.rule.id))` "
                + "| \(Self.emoji(f)) | \(f.severity.rawValue) | \(location) | \(Escape.markdownCell(f.message)) |\n"
        }
        return ""
    }

    /// Text inside a code span in a table cell: no backticks, pipes escaped, one line.
    static func codeSpanText(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "`": out += "'"
            case "|": out += "\\|"
            case "\n", "\r", "\r\n": out += " "
            default: out.append(c)
            }
        }
        return out
    }

    public mutating func footer(summary: RunSummary) -> String {
        "## reportlint: \(summary.line)\n" + body
    }
}
