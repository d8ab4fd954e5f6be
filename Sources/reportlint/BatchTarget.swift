import Foundation
import ReportCheck
import ReportOutput
import RuleEngine

/// One finished input of a batch, as the workers hand it to the delivering thread.
struct BatchItem: Sendable {
    var result: ReportResult
    /// `ResultJSON.encode(result)` (fresh) or the cached JSON (reused), as UTF-8.
    var json: [UInt8]
    /// The form the cache keeps (`CompactResultJSON`), when there is a cache.
    var cacheJSON: [UInt8]? = nil
    /// True when `json` is still in the cache's compact form (a reused report whose summary was all the run needed):
    /// it is expanded as it is written.
    var jsonIsCompact = false
    /// The JSON-lines line, built by the worker when a JSON-lines output is written (the delivering thread only
    /// copies it).
    var jsonlLine: [UInt8]?
    var annotation: BatchAnnotation
    var stat: ResultCache.FileStat?
    var contentHash: String?
    var config: String
    var reused: Bool
    /// False when the cached row is current already (reused through the stat check): only this run's status is
    /// recorded.
    var storeResult = true
    /// The report's status in the last completed run, when it was looked up with the cached result.
    var previous: ResultCache.PreviousStatus?
    /// True when `previous` was looked up (nil then means the report has no earlier status); set with it by
    /// `lookedUp(previous:)`.
    private(set) var previousLooked = false

    /// Records the status a cache lookup found for the report (nil: none), so it is not asked for again.
    mutating func lookedUp(previous: ResultCache.PreviousStatus?) {
        self.previous = previous
        previousLooked = true
    }
    /// The report's status in this run (verdict and failing rules), as the cache records it.
    var status: ResultCache.PreviousStatus?
    /// The report's CSV row and dashboard rows, rendered by the worker when those outputs are written.
    var csvRow: String?
    var dashboardRow: String?
}

/// Where a batch writes: one sink per output, each with its reporter. The CSV and dashboard reporters are held as
/// their own types (their per-report calls take the rows the workers rendered); taken out of an `any Reporter` and
/// put back for every report, the dashboard's tallies were copied each time.
struct BatchTarget {
    var format: OutputFormat
    var sink: OutputSink
    private var dashboard: HTMLDashboardReporter?
    private(set) var csv: CSVReporter?
    /// Every other format's reporter.
    private var reporter: (any Reporter)?

    init(format: OutputFormat, sink: OutputSink, reporter: any Reporter) {
        self.format = format
        self.sink = sink
        if let d = reporter as? HTMLDashboardReporter { dashboard = d }
        else if let c = reporter as? CSVReporter { csv = c }
        else { self.reporter = reporter }
    }

    /// `codec`: expands a reused report's compact JSON (`BatchItem.jsonIsCompact`) as it is written.
    mutating func write(_ item: BatchItem, codec: CompactResultJSON? = nil) throws {
        if format == .jsonl {
            if let line = item.jsonlLine {
                try sink.write(bytes: line)
            } else {
                do {
                    // Compact JSON is expanded here unless the sink's writer thread does it.
                    let expander = item.jsonIsCompact && !sink.expandsInBackground ? codec : nil
                    try BatchAnnotation.writeLine(encoded: item.json, expandingWith: expander,
                                                  annotation: item.annotation, to: sink)
                } catch let e as CompactResultJSON.Unexpandable {
                    throw CLIError.input("\(item.result.path): \(e)")
                }
            }
        } else if dashboard != nil {
            try sink.write(dashboard!.report(item.result, annotation: item.annotation, renderedRow: item.dashboardRow))
        } else if csv != nil {
            try sink.write(csv!.report(item.result, renderedRow: item.csvRow))
        } else {
            try sink.write(reporter!.report(item.result))
        }
    }

    mutating func finish(summary: RunSummary) throws {
        if dashboard != nil {
            try dashboard!.writeFooter(summary: summary) { try sink.write($0) }
        } else if csv != nil {
            try sink.write(csv!.footer(summary: summary))
        } else {
            try sink.write(reporter!.footer(summary: summary))
        }
        try sink.close()
    }

    /// The batch outputs: `--output-dir` gives all three, else `--format` to `--output` (or standard output).
    static func make(format: OutputFormat, output: String?, outputDir: String?, context: ReportContext) throws -> [BatchTarget] {
        var specs: [(OutputFormat, String?)] = []
        if let dir = outputDir {
            do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
                throw CLIError.usage("cannot create --output-dir \(dir): \(error.localizedDescription)")
            }
            specs = BatchFiles.names.map { ($0.format, (dir as NSString).appendingPathComponent($0.name)) }
        } else {
            specs = [(format, output)]
        }
        var targets: [BatchTarget] = []
        for (f, path) in specs {
            let sink: OutputSink
            do { sink = try OutputSink(path: path) } catch { throw CLIError.usage("\(error)") }
            var reporter = Reporters.make(f, context: context)
            try sink.write(reporter.header())
            targets.append(BatchTarget(format: f, sink: sink, reporter: reporter))
        }
        return targets
    }
}

/// File names of `--output-dir`.
enum BatchFiles {
    static let names: [(format: OutputFormat, name: String)] = [(.jsonl, "results.jsonl"), (.csv, "results.csv"), (.html, "dashboard.html")]
}
