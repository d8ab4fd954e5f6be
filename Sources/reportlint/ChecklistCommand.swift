import ArgumentParser
import Foundation
import ReportCheck
import ReportChecklist
import ReportNormalizer
import ReportOutput
import RuleEngine

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Write an audit checklist (审核清单) from the rule packs: blank, or filled for reports.",
        discussion: """
        Without reports the checklist is blank: one row per rule with its legal basis and how to verify it, and empty columns for the reviewer. With reports (checked now, or read back with --from from an earlier `check --format jsonl|json`) each report gets its own pre-filled checklist, plus a summary across reports.

        Examples:
          reportlint checklist --format html --output 审核清单.html
          reportlint checklist reports/ --format xlsx --output 审核清单.xlsx
          reportlint check reports/ --format jsonl --output results.jsonl
          reportlint checklist --from results.jsonl --format xlsx --output 审核清单.xlsx --lang en

        Exit status: 0 the checklist was written; 2 usage, rule-pack or input error (a report that cannot be read still gets a sheet saying why, and the checklist is written first).
        """)

    @Argument(help: "Reports to check and fill the checklist for: files, directories or '-' for standard input.")
    var paths: [String] = []

    @OptionGroup var packs: PackOptions

    @Option(help: "Output format: \(ChecklistFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: ChecklistFormat = .markdown

    @Option(name: .shortAndLong, help: "Write the checklist to FILE (required for xlsx) instead of standard output.")
    var output: String?

    @Option(name: .customLong("from"), help: "Fill the checklist from the results of an earlier `check --format jsonl` (or json); '-' reads standard input.")
    var from: [String] = []

    @Option(name: .customLong("lang"), help: "Language of headings and fixed text: zh or en (English rule titles where the pack has them).")
    var language: ChecklistLanguage = .zh

    @Option(help: "Number of reports checked in parallel (default: the number of cores).")
    var jobs: Int = BatchRunner.defaultJobs

    @Option(name: .customLong("stdin-filename"), help: "Name (and format, by extension) of the report read from '-'.")
    var stdinFilename: String?

    @Option(help: "Report year to assume when a report does not state one (for drafts).")
    var year: Int?

    mutating func validate() throws {
        if format == .xlsx && (output == nil || output == "-") {
            throw ValidationError("--format xlsx needs --output FILE.xlsx")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if from.filter({ $0 == "-" }).count + (paths.contains("-") ? 1 : 0) > 1 {
            throw ValidationError("standard input can be read only once")
        }
    }

    func run() throws {
        let ruleSet = try packs.loadRuleSet()
        let rules = ruleSet.rules
        var results: [ReportResult] = []
        for source in from { results += try Self.readResults(source, rules: rules) }
        var inputErrors = 0
        if !paths.isEmpty {
            let checked = checkReports(ruleSet)
            inputErrors = checked.filter { $0.verdict == .error }.count
            results += checked
        }
        let filled = !paths.isEmpty || !from.isEmpty
        let checklist = filled
            ? Checklist.filled(rules: rules, packs: ruleSet.packInfos, results: results)
            : Checklist.blank(rules: rules, packs: ruleSet.packInfos)
        do {
            if format == .xlsx {
                try ChecklistWriter.write(checklist, format: .xlsx, language: language, to: output)
            } else {
                let text = ChecklistWriter.render(checklist, format: format, language: language) ?? ""
                let sink = try OutputSink(path: output)
                try sink.write(text)
                try sink.close()
            }
        } catch let error as ChecklistError {
            throw CLIError.usage(error.description)
        } catch {
            throw CLIError.usage("\(error)")
        }
        if inputErrors > 0 { throw ExitCode(2) }
    }

    /// Checks the given reports in parallel, results in input order.
    private func checkReports(_ ruleSet: RuleSet) -> [ReportResult] {
        Normalizer.setUp()
        let checker = ReportChecker(ruleSet: ruleSet, defaultYear: year)
        let inputs = InputCollector().collect(paths).inputs
        let stdinName = stdinFilename ?? "<stdin>"
        let stdinBytes: [UInt8]? = inputs.containsStdin ? Array(FileHandle.standardInput.readDataToEndOfFile()) : nil
        var results: [ReportResult] = []
        BatchRunner(jobs: jobs, preserveOrder: true).run(count: inputs.count, work: { i in
            switch inputs[i] {
            case .file(let path): return checker.check(path: path)
            case .missing(let path, let reason): return .inputError(path: path, format: nil, message: "\(path): \(reason)")
            case .stdin:
                let format = Normalizer.format(forPath: stdinName) ?? StdinFormat.sniff(stdinBytes ?? [])
                return checker.check(bytes: stdinBytes ?? [], path: stdinName, format: format)
            }
        }) { _, result in results.append(result) }
        return results
    }

    /// Reads `check --format jsonl` (one report per line) or `--format json` (one document with "reports").
    static func readResults(_ source: String, rules: [RuleInfo]) throws -> [ReportResult] {
        let data: Data
        if source == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let d = FileManager.default.contents(atPath: source) else {
                throw CLIError.input("\(source): cannot read the results file")
            }
            data = d
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError.input("\(source): the results file is not UTF-8")
        }
        var byId: [String: RuleInfo] = [:]
        for rule in rules where byId[rule.id] == nil { byId[rule.id] = rule }
        if let document = try? ResultJSON.decodeDocument(text, rules: byId) { return document }
        var results: [ReportResult] = []
        for (n, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            do {
                results.append(try ResultJSON.decode(line: trimmed, rules: byId))
            } catch {
                throw CLIError.input("\(source):\(n + 1): not a report result of `check --format jsonl`: \(error)")
            }
        }
        return results
    }
}

extension ChecklistFormat: ExpressibleByArgument {}
extension ChecklistLanguage: ExpressibleByArgument {}
