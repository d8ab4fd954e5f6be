import RuleEngine

/// `--format compact`: `path:line:col: severity: [rule-id] message`, one failed finding per line (editors, grep).
public struct CompactReporter: Reporter {
    public init(context: ReportContext) {}
    public mutating func header() -> String { "" }

    public mutating func report(_ result: ReportResult) -> String {
        let path = Escape.terminal(result.path)
        if result.verdict == .error {
            return "\(path):1:1: error: [input] \(Escape.terminal(result.error ?? "unreadable input"))\n"
        }
        var out = ""
        for f in result.findings where f.isCountedFailure {  // suppressed/baselined: not annotated
            out += "\(path):\(f.locationText): \(f.severity.rawValue): [\(Escape.terminal(f.rule.id))] "
                + Escape.terminal(f.message) + "\n"
        }
        return out
    }

    public mutating func footer(summary: RunSummary) -> String { "" }
}
