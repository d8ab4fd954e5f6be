import ReportDocument
import RuleEngine

/// The output formats of `reportlint check --format`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, jsonl, sarif, junit, github, codeclimate, compact, markdown, csv, html

    /// True for formats that emit each report as soon as it finishes (nothing held until the footer).
    public var isStreaming: Bool {
        switch self {
        case .text, .json, .jsonl, .github, .compact, .csv, .codeclimate: return true
        case .sarif, .junit, .markdown, .html: return false
        }
    }

    /// The usual file extension for `--output-dir` style outputs.
    public var fileExtension: String {
        switch self {
        case .text, .compact, .github: return "txt"
        case .json, .codeclimate: return "json"
        case .jsonl: return "jsonl"
        case .sarif: return "sarif"
        case .junit: return "xml"
        case .markdown: return "md"
        case .csv: return "csv"
        case .html: return "html"
        }
    }
}

/// What every reporter may need besides the results.
public struct ReportContext: Sendable {
    /// Loaded packs, in load order.
    public var packs: [PackInfo]
    /// Every loaded rule, pack order (SARIF `tool.driver.rules`, CSV columns, JUnit testcases).
    public var rules: [RuleInfo]
    /// Directory that relative paths and URIs are computed against (SARIF `artifactLocation.uri`, codeclimate `location.path`).
    public var baseDirectory: String
    /// ANSI colour; only when writing to a terminal.
    public var color: Bool

    public init(packs: [PackInfo] = [], rules: [RuleInfo] = [], baseDirectory: String = "", color: Bool = false) {
        self.packs = packs
        self.rules = rules
        self.baseDirectory = baseDirectory
        self.color = color
    }

    /// `path` relative to `baseDirectory` when it lies below it; otherwise `path` unchanged (minus a leading "./").
    public func relativePath(_ path: String) -> String {
        var p = path
        var base = baseDirectory
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        if !base.isEmpty && base != "." {
            if p == base { return "." }
            let prefix = base == "/" ? "/" : base + "/"
            if p.hasPrefix(prefix) { p = String(p.dropFirst(prefix.count)) }
        }
        while p.hasPrefix("./") && p.count > 2 { p = String(p.dropFirst(2)) }
        return p
    }
}

/// One output format. A reporter is fed the results of a run in output order.
public protocol Reporter {
    init(context: ReportContext)
    /// Text to emit before the first report (may be empty).
    mutating func header() -> String
    /// Called as each report finishes, in output order; streaming formats (jsonl, text, compact, github, csv, json)
    /// return the text at once, document formats accumulate and return "".
    mutating func report(_ result: ReportResult) -> String
    /// Text to emit after the last report (document formats emit everything here).
    mutating func footer(summary: RunSummary) -> String
    /// `report(result)` written to `sink` (a reporter that can produce bytes directly skips the String).
    mutating func write(_ result: ReportResult, to sink: OutputSink) throws
}

extension Reporter {
    public mutating func write(_ result: ReportResult, to sink: OutputSink) throws {
        try sink.write(report(result))
    }
}

public enum Reporters {
    public static func make(_ format: OutputFormat, context: ReportContext) -> any Reporter {
        switch format {
        case .text: return TextReporter(context: context)
        case .json: return JSONReporter(context: context)
        case .jsonl: return JSONLinesReporter(context: context)
        case .sarif: return SARIFReporter(context: context)
        case .junit: return JUnitReporter(context: context)
        case .github: return GitHubReporter(context: context)
        case .codeclimate: return CodeClimateReporter(context: context)
        case .compact: return CompactReporter(context: context)
        case .markdown: return MarkdownReporter(context: context)
        case .csv: return CSVReporter(context: context)
        case .html: return HTMLDashboardReporter(context: context)
        }
    }

    /// Convenience: the whole output for a finished list of results (tests, `merge`).
    public static func render(_ format: OutputFormat, context: ReportContext, results: [ReportResult]) -> String {
        var reporter = make(format, context: context)
        var out = reporter.header()
        var summary = RunSummary()
        for r in results {
            summary.add(r)
            out += reporter.report(r)
        }
        out += reporter.footer(summary: summary)
        return out
    }
}

extension RunSummary {
    /// "5 reports: 2 passed, 3 failed, 0 errors".
    var line: String {
        "\(reports) report\(reports == 1 ? "" : "s"): \(passed) passed, \(failed) failed, \(errors) error\(errors == 1 ? "" : "s")"
    }
}
