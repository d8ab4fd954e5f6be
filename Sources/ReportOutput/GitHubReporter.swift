import RuleEngine

/// `--format github`: GitHub Actions workflow commands, one annotation per failed finding
/// (`::error file=…,line=…,col=…,title=…::message`), escaped per GitHub's rules.
public struct GitHubReporter: Reporter {
    let context: ReportContext

    public init(context: ReportContext) { self.context = context }
    public mutating func header() -> String { "" }

    static func command(for severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "notice"
        }
    }

    public mutating func report(_ result: ReportResult) -> String {
        let file = Escape.githubProperty(context.relativePath(result.path))
        if result.verdict == .error {
            return "::error file=\(file),line=1,title=\(Escape.githubProperty("reportlint: input error"))::"
                + Escape.githubData(result.error ?? "unreadable input") + "\n"
        }
        var out = ""
        for f in result.findings where f.isCountedFailure {  // suppressed/baselined: not annotated
            let loc = f.primaryLocation
            let title = f.rule.title.isEmpty ? f.rule.id : "\(f.rule.title) [\(f.rule.id)]"
            var message = f.message
            if !f.rule.basis.isEmpty { message += "\n依据：" + f.rule.basis }
            if !f.rule.hint.isEmpty { message += "\n建议：" + f.rule.hint }
            out += "::\(Self.command(for: f.severity)) file=\(file),line=\(loc.line),col=\(loc.column),"
                + "title=\(Escape.githubProperty(title))::\(Escape.githubData(message))\n"
        }
        return out
    }

    public mutating func footer(summary: RunSummary) -> String { "" }
}
