import RuleEngine

/// `--format codeclimate`: the GitLab Code Quality report, a JSON array of issues (description, check_name,
/// fingerprint, severity, location.path relative to the base directory, location.lines.begin).
/// Streams the array: `[` first, one issue per line, `]` last.
public struct CodeClimateReporter: Reporter {
    let context: ReportContext
    var count = 0

    public init(context: ReportContext) { self.context = context }

    static func severity(_ s: Severity) -> String {
        switch s {
        case .error: return "major"
        case .warning: return "minor"
        case .info: return "info"
        }
    }

    public mutating func header() -> String { "[" }

    private mutating func issue(description: String, check: String, fingerprint: String, severity: String,
                                category: String, path: String, line: Int) -> String {
        defer { count += 1 }
        return (count == 0 ? "\n" : ",\n")
            + "{\"type\":\"issue\",\"description\":" + Escape.json(description)
            + ",\"check_name\":" + Escape.json(check)
            + ",\"fingerprint\":" + Escape.json(fingerprint)
            + ",\"severity\":" + Escape.json(severity)
            + ",\"categories\":[" + Escape.json(category) + "]"
            + ",\"location\":{\"path\":" + Escape.json(path) + ",\"lines\":{\"begin\":\(line)}}}"
    }

    public mutating func report(_ result: ReportResult) -> String {
        let path = context.relativePath(result.path)
        if result.verdict == .error {
            let reason = result.error ?? "unreadable input"
            return issue(description: "[input] " + reason, check: "input", fingerprint:
                            OutputFingerprint.fnv1a64("input\u{0}" + path), severity: "critical",
                         category: "Bug Risk", path: path, line: 1)
        }
        var out = ""
        for f in result.findings where f.isCountedFailure {  // suppressed/baselined: not annotated
            let title = f.rule.title.isEmpty ? "" : f.rule.title + "："
            out += issue(description: "[\(f.rule.id)] " + title + f.message, check: f.rule.id,
                         fingerprint: OutputFingerprint.of(f, relativePath: path),
                         severity: Self.severity(f.severity), category: f.severity == .error ? "Bug Risk" : "Style",
                         path: path, line: f.primaryLocation.line)
        }
        return out
    }

    public mutating func footer(summary: RunSummary) -> String { (count == 0 ? "" : "\n") + "]\n" }
}
