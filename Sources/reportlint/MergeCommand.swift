import ArgumentParser
import Foundation
import ReportCheck
import ReportOutput
import RuleEngine

/// `reportlint merge`: combines the JSONL outputs of `check --shard i/n` runs into the JSONL, CSV or HTML dashboard a
/// single run over all inputs gives. Streams: the shard files are merged k-way by path (component by component, the
/// order in which `check` walks a directory), one line per file in memory at a time.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine JSONL outputs of sharded runs into one JSONL, CSV or HTML output.",
        discussion: """
        Examples:
          reportlint check reports/ --shard 1/2 --format jsonl -o part1.jsonl
          reportlint check reports/ --shard 2/2 --format jsonl -o part2.jsonl
          reportlint merge part1.jsonl part2.jsonl --output-dir results/
          reportlint merge part*.jsonl --format html -o dashboard.html

        Use the same --rules as the check runs (CSV columns and rule titles come from the loaded packs).
        """)

    @Argument(help: "JSONL files written by `check --format jsonl` (or results.jsonl of --output-dir).")
    var files: [String]

    @OptionGroup var packs: PackOptions

    @Option(help: "Output format: jsonl, csv, html (or any other `check` format).")
    var format: OutputFormat = .jsonl

    @Option(name: .shortAndLong, help: "Write the output to FILE (atomically) instead of standard output.")
    var output: String?

    @Option(name: .customLong("output-dir"), help: ArgumentHelp("Write results.jsonl, results.csv and dashboard.html into DIR.", valueName: "DIR"))
    var outputDir: String?

    mutating func validate() throws {
        if files.isEmpty { throw ValidationError("give the JSONL files to merge") }
    }

    func run() throws {
        let ruleSet = try packs.loadRuleSet()
        let rulesByID = Dictionary(ruleSet.rules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var readers: [LineReader] = []
        for f in files {
            guard let r = LineReader(path: f) else { throw CLIError.input("cannot read \(f)") }
            readers.append(r)
        }
        let context = ReportContext(packs: ruleSet.packInfos, rules: ruleSet.rules,
                                    baseDirectory: FileManager.default.currentDirectoryPath, color: false)
        var targets = try BatchTarget.make(format: format, output: output, outputDir: outputDir, context: context)
        // The head line of each reader, decoded.
        var heads: [(item: BatchItem, key: [Substring])?] = []
        func next(_ i: Int) throws -> (item: BatchItem, key: [Substring])? {
            while let line = readers[i].next() {
                if line.isEmpty { continue }
                let (report, annotation) = BatchAnnotation.split(line: line)
                let result: ReportResult
                do { result = try ResultJSON.decode(line: report, rules: rulesByID) } catch {
                    throw CLIError.input("\(files[i]):\(readers[i].lineNumber): \(error)")
                }
                let item = BatchItem(result: result, json: Array(report.utf8), annotation: annotation, config: "", reused: true)
                return (item, result.path.split(separator: "/", omittingEmptySubsequences: false))
            }
            return nil
        }
        for i in readers.indices { heads.append(try next(i)) }
        var summary = RunSummary()
        while true {
            var best: Int?
            for i in heads.indices {
                guard let h = heads[i] else { continue }
                if let b = best, !h.key.lexicographicallyPrecedes(heads[b]!.key) { continue }
                best = i
            }
            guard let b = best, let head = heads[b] else { break }
            summary.add(head.item.result)
            do { for t in targets.indices { try targets[t].write(head.item) } } catch {
                for t in targets { t.sink.discard() }
                throw CLIError.usage("\(error)")
            }
            heads[b] = try next(b)
        }
        do { for t in targets.indices { try targets[t].finish(summary: summary) } } catch { throw CLIError.usage("\(error)") }
        FileHandle.standardError.write(Data("reportlint: merged \(files.count) file\(files.count == 1 ? "" : "s"): \(summary.reports) reports: \(summary.passed) passed, \(summary.failed) failed, \(summary.errors) errors\n".utf8))
    }
}

/// Lines of a file, read in 64 KiB chunks (UTF-8; "\n" or "\r\n").
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private(set) var lineNumber = 0

    init?(path: String) {
        guard let h = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path) else { return nil }
        handle = h
    }

    func next() -> String? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                var end = nl
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let line = String(decoding: buffer[start..<end], as: UTF8.self)
                start = nl + 1
                lineNumber += 1
                return line
            }
            if eof {
                guard start < buffer.count else { return nil }
                let line = String(decoding: buffer[start...], as: UTF8.self)
                start = buffer.count
                lineNumber += 1
                return line
            }
            buffer.removeSubrange(0..<start)
            start = 0
            let data = (try? handle.read(upToCount: 1 << 16)) ?? nil
            if let data, !data.isEmpty { buffer.append(contentsOf: data) } else { eof = true }
        }
    }
}
