import RuleEngine

/// `--format csv`: UTF-8 with BOM (Excel and WPS open Chinese correctly), RFC 4180 quoting and CRLF,
/// one row per report: path, format, encoding, verdict, error, title, agency, year, date, one column per rule
/// (pass / fail / not-applicable, empty when the rule did not run), then failed counts per severity.
/// Streams: the header row is known from the loaded rules (or, without them, from the first report's findings).
public struct CSVReporter: Reporter {
    var ruleIDs: [String]
    var headerWritten = false

    static let fixedColumns = ["path", "format", "encoding", "verdict", "error", "title", "agency", "year", "date"]
    static let countColumns = ["failed_error", "failed_warning", "failed_info"]

    public init(context: ReportContext) {
        var seen = Set<String>()
        ruleIDs = context.rules.map(\.id).filter { seen.insert($0).inserted }
    }

    mutating func headerRow() -> String {
        headerWritten = true
        return "\u{FEFF}" + row(Self.fixedColumns + ruleIDs + Self.countColumns)
    }

    static func row(_ cells: [String]) -> String { cells.map { Escape.csv($0) }.joined(separator: ",") + "\r\n" }
    func row(_ cells: [String]) -> String { Self.row(cells) }

    /// The rule columns, when known before the first report (from the loaded rules): rows can then be rendered
    /// ahead, by `renderRow`, on any thread.
    public var fixedRuleColumns: [String]? { ruleIDs.isEmpty ? nil : ruleIDs }

    public mutating func header() -> String { ruleIDs.isEmpty ? "" : headerRow() }

    public mutating func report(_ result: ReportResult) -> String {
        report(result, renderedRow: nil)
    }

    /// `renderedRow`: the row as `renderRow` gives it with `fixedRuleColumns`, made beforehand.
    public mutating func report(_ result: ReportResult, renderedRow: String?) -> String {
        var out = ""
        if !headerWritten {
            var seen = Set<String>()
            ruleIDs = result.findings.map(\.rule.id).filter { seen.insert($0).inserted }
            out += headerRow()
        }
        return out + (renderedRow ?? Self.renderRow(result, ruleColumns: ruleIDs))
    }

    /// One report's row, with a column per rule of `ruleColumns`.
    public static func renderRow(_ result: ReportResult, ruleColumns ruleIDs: [String]) -> String {
        let m = result.metadata
        var cells = [result.path, result.format?.rawValue ?? "", result.encoding ?? "", result.verdict.rawValue,
                     result.error ?? "", m.title?.value ?? "", m.agency?.value ?? "",
                     m.year.map { String($0.value) } ?? "", m.date?.value.description ?? ""]
        var status: [String: FindingStatus] = [:]
        for f in result.findings where status[f.rule.id] == nil { status[f.rule.id] = f.status }
        cells += ruleIDs.map { status[$0]?.rawValue ?? "" }
        let failed = result.findings.filter { $0.status == .fail }
        cells += [Severity.error, .warning, .info].map { s in String(failed.filter { $0.severity == s }.count) }
        return row(cells)
    }

    public mutating func footer(summary: RunSummary) -> String { headerWritten ? "" : headerRow() }
}
