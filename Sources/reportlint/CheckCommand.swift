import ArgumentParser
import Foundation
import ReportCheck
import ReportDocument
import ReportNormalizer
import ReportOutput
import RuleEngine

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check reports against rule packs and print findings.",
        discussion: """
        Examples:
          reportlint check 2025年度法治政府建设情况报告.docx
          reportlint check reports/ --format json --output results.json
          cat draft.txt | reportlint check - --stdin-filename draft.txt --year 2025
          reportlint check reports/ --rules rule-of-law-annual --rules Rules/rule-of-law-outline

        Exit status: 0 no report failed at the --fail-on level; 1 at least one did;
        2 usage, rule-pack or input error (all other inputs are still checked and reported first).
        """)

    @Argument(help: "Files, directories (searched recursively for .txt .html .htm .shtml .docx) or '-' for standard input.")
    var paths: [String] = []

    @OptionGroup var packs: PackOptions

    @OptionGroup(title: "Limits per report") var limits: LimitOptions

    @OptionGroup(title: "Configuration and baselines") var gateOptions: GateOptions

    @Option(help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: "Write the output to FILE (atomically) instead of standard output.")
    var output: String?

    @Option(name: .customLong("fail-on"), help: "Lowest failing severity that makes the exit status 1: error, warning or never (default: fail_on of the configuration, else error).")
    var failOn: FailLevel?

    @Option(help: "Number of reports checked in parallel (default: the number of cores).")
    var jobs: Int = BatchRunner.defaultJobs

    @Flag(help: "Emit results as reports finish instead of in input order.")
    var unordered = false

    @Option(name: .customLong("stdin-filename"), help: "Name (and format, by extension) of the report read from '-'.")
    var stdinFilename: String?

    @Option(help: "Report year to assume when a report does not state one (for drafts).")
    var year: Int?

    @Flag(help: "Print the time spent per rule to standard error.")
    var profile = false

    @OptionGroup(title: "Batch options") var batch: BatchOptions

    mutating func validate() throws {
        if paths.isEmpty && batch.manifest == nil { throw ValidationError("give at least one file, directory or '-' to check") }
        if profile && batch.isActive(format: format) { throw ValidationError("--profile cannot be combined with the batch options or --format html") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        Normalizer.setUp()
        let collection = InputCollector().collect(paths)
        let stdinName = stdinFilename ?? "<stdin>"
        let gate = limits.apply(to: try gateOptions.makeGate(inputs: collection.inputs, stdinKey: stdinName, rules: packs.rules, year: year))
        if batch.isActive(format: format) { return try runBatch(gate: gate, collection: collection) }
        var gateRun = GateRun(options: gateOptions, gate: gate)
        let inputs = gateRun.select(collection.inputs)
        let stdinBytes: [UInt8]? = inputs.containsStdin ? Array(FileHandle.standardInput.readDataToEndOfFile()) : nil

        let sink: OutputSink
        do { sink = try OutputSink(path: output) } catch { throw CLIError.usage("\(error)") }
        let color = output == nil && Terminal.isTerminal(1) && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        let context = ReportContext(packs: gate.packInfos, rules: gate.rules,
                                    baseDirectory: FileManager.default.currentDirectoryPath, color: color)
        var reporter = Reporters.make(format, context: context)
        var summary = RunSummary()
        var failing = false
        var times: [String: Double] = [:]
        let profiling = profile

        try sink.write(reporter.header())
        var writeError: Error?
        let work: @Sendable (Int) -> ReportResult = { i in
            switch inputs[i] {
            case .file(let path): return gate.check(path: path)
            case .missing(let path, let reason): return .inputError(path: path, format: nil, message: "\(path): \(reason)")
            case .stdin:
                let format = Normalizer.format(forPath: stdinName) ?? StdinFormat.sniff(stdinBytes ?? [])
                return gate.check(bytes: stdinBytes ?? [], path: stdinName, format: format, key: stdinName)
            }
        }
        if profiling {
            // Sequential, so the per-rule times are not distorted by other threads.
            for i in inputs.indices {
                let result: ReportResult
                if case .file(let path) = inputs[i] {
                    result = withUnsafeMutablePointer(to: &times) { gate.check(path: path, times: $0) }
                } else {
                    result = work(i)
                }
                summary.add(result)
                gateRun.record(result)
                failing = failing || gateRun.failLevel(failOn, for: result, key: result.path).fails(result)
                try reporter.write(result, to: sink)
            }
        } else {
            BatchRunner(jobs: jobs, preserveOrder: !unordered).run(count: inputs.count, work: work) { _, result in
                summary.add(result)
                gateRun.record(result)
                failing = failing || gateRun.failLevel(failOn, for: result, key: result.path).fails(result)
                guard writeError == nil else { return }
                do { try reporter.write(result, to: sink) } catch { writeError = error }
            }
        }
        if let writeError { throw CLIError.usage("\(writeError)") }
        try sink.write(reporter.footer(summary: summary))
        try sink.close()
        if profiling { ProfilePrinter.print(times) }
        try gateRun.finish(summary)
        if collection.skipped > 0 {
            FileHandle.standardError.write(Data("reportlint: skipped \(collection.skipped) file(s) that are not .txt, .html, .htm, .shtml or .docx\n".utf8))
        }
        if summary.errors > 0 { throw ExitCode(2) }
        if failing { throw ExitCode(1) }
    }
}

/// `--fail-on`: which failures make the exit status 1.
enum FailLevel: String, ExpressibleByArgument, CaseIterable {
    case error, warning, never

    func fails(_ result: ReportResult) -> Bool {
        switch self {
        case .never: return false
        case .error: return result.verdict == .fail
        case .warning: return result.findings.contains { $0.isCountedFailure && $0.severity >= .warning }
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// Guesses the format of standard input without a filename: zip → docx, markup → html, else text.
enum StdinFormat {
    static func sniff(_ bytes: [UInt8]) -> InputFormat {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .docx }
        let head = String(decoding: bytes.prefix(1024), as: UTF8.self).lowercased()
        if head.contains("<html") || head.contains("<!doctype html") || head.contains("<body") || head.contains("<p>") {
            return .html
        }
        return .text
    }
}

enum ProfilePrinter {
    static func print(_ times: [String: Double]) {
        let total = times.values.reduce(0, +)
        var out = "rule                        time (ms)   share\n"
        for (rule, t) in times.sorted(by: { $0.value > $1.value }) {
            let pad = String(repeating: " ", count: max(1, 28 - rule.count))
            out += "\(rule)\(pad)\(String(format: "%9.3f", t * 1000))   \(String(format: "%5.1f%%", total > 0 ? t / total * 100 : 0))\n"
        }
        out += "total                       \(String(format: "%9.3f", total * 1000))\n"
        FileHandle.standardError.write(Data(out.utf8))
    }
}
