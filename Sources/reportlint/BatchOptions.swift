import ArgumentParser
import ReportCheck
import ReportOutput

/// The nightly-batch options of `check` (cache, output directory, shards, manifest, progress).
struct BatchOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Keep results in the SQLite database FILE: unchanged reports are not checked again, and outputs say what changed since the previous run.", valueName: "FILE"))
    var cache: String?

    @Option(name: .customLong("output-dir"),
            help: ArgumentHelp("Write results.jsonl, results.csv and dashboard.html (atomically) into DIR.", valueName: "DIR"))
    var outputDir: String?

    @Option(help: ArgumentHelp("Check only part i of n of the inputs (1 ≤ i ≤ n), chosen by a stable hash of each path; combine the parts with `reportlint merge`.", valueName: "i/n"))
    var shard: String?

    @Option(help: ArgumentHelp("CSV (with a header row) or JSON Lines listing reports to check: path, and optional agency, region, year, url overriding what the report states.", valueName: "FILE"))
    var manifest: String?

    @Flag(inversion: .prefixedNo, help: "Show a progress line on standard error (default: when it is a terminal).")
    var progress: Bool?

    /// True when any option needs the batch pipeline (or the format is the dashboard).
    func isActive(format: OutputFormat) -> Bool {
        cache != nil || outputDir != nil || shard != nil || manifest != nil || format == .html
    }

    func parsedShard() throws -> Shard? {
        guard let shard else { return nil }
        guard let s = Shard(parsing: shard) else { throw ValidationError("--shard must be i/n with 1 ≤ i ≤ n, e.g. 2/8 (got '\(shard)')") }
        return s
    }

    func validate() throws {
        _ = try parsedShard()
    }
}
