import ArgumentParser
import Foundation
import ReportCheck
import RuleEngine

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show the project configuration (.reportlint.yml) that applies to a path.",
        subcommands: [Show.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the effective configuration for a path: configuration file, packs, disabled rules, severities, parameters, per_path and suppressions.",
            discussion: """
            Examples:
              reportlint config show
              reportlint config show drafts/2025年度报告.docx
              reportlint config show reports/ --config ci/.reportlint.yml
            """)

        @Argument(help: "A report file or directory (default: the current directory).")
        var path: String = "."

        @OptionGroup var packs: PackOptions

        @Option(name: .customLong("config"), help: ArgumentHelp("Use this configuration file instead of discovery.", valueName: "FILE"))
        var config: String?

        @Flag(name: .customLong("no-config"), help: "Ignore .reportlint.yml files.")
        var noConfig = false

        @Option(help: "Report year to assume when a report does not state one (as for check).")
        var year: Int?

        func run() throws {
            // For a directory, resolve as for a file inside it.
            var isDir: ObjCBool = false
            var key = path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
                key = (path as NSString).appendingPathComponent(".")
            }
            let gate: Gate
            do {
                gate = try Gate(options: Gate.Options(configPath: config, discover: !noConfig, rules: packs.rules, year: year),
                                paths: [key])
            } catch {
                throw GateOptions.cliError(error)
            }
            print(ConfigReport.render(gate: gate, path: path, key: key), terminator: "")
        }
    }
}

/// The text of `config show`.
enum ConfigReport {
    static func render(gate: Gate, path: String, key: String) -> String {
        let profile = gate.profile(for: key)
        let config = profile.config
        var o = "path: \(path)\n"
        o += "configuration: \(config?.path ?? "none (built-in defaults)")\n"
        if let config {
            o += "  directory: \(config.directory)\n"
            o += "  relative path: \(config.relativePath(key))\n"
            o += "  selected: \(config.selects(key) ? "yes" : "no (include/exclude)")\n"
            if !config.include.isEmpty { o += "  include: \(config.include.map(\.pattern).joined(separator: ", "))\n" }
            if !config.exclude.isEmpty { o += "  exclude: \(config.exclude.map(\.pattern).joined(separator: ", "))\n" }
        }
        o += "packs:\n"
        for spec in profile.packSpecs { o += "  - \(spec)\n" }
        o += "  loaded: \(profile.ruleSet.packInfos.map { "\($0.id) \($0.version)" }.joined(separator: ", "))\n"
        let disabled = config?.disable.map(\.value) ?? []
        o += "disabled rules: \(disabled.isEmpty ? "none" : disabled.joined(separator: ", "))\n"
        let overridden = Set(config?.severity.map(\.rule.value) ?? [])
        o += "rules (\(profile.ruleSet.ruleIDs.count)):\n"
        for rule in profile.ruleSet.rules {
            o += "  \(rule.id): \(rule.severity.rawValue)\(overridden.contains(rule.id) ? " (configured)" : "")\n"
        }
        o += "parameters:\n"
        let configured = Set(config?.parameters.map(\.name.value) ?? [])
        for name in profile.ruleSet.parameterNames {
            o += "  \(name): \(profile.ruleSet.parameterValue(name) ?? "")\(configured.contains(name) ? " (configured)" : "")\n"
        }
        if let y = profile.checker.defaultYear {
            o += "  report_year: \(y) (when the report states none; \(gate.options.year != nil ? "--year" : "configured"))\n"
        }
        if let f = config?.failOn { o += "fail_on: \(f.rawValue)\n" }
        if let config {
            let perPath = config.matchingPerPath(key)
            o += "per_path for this path:\(perPath.isEmpty ? " none" : "")\n"
            for p in perPath { o += "  \(p.glob.pattern) (line \(p.line)): \(p.rules.map(\.value).joined(separator: ", "))\n" }
            let suppressions = config.suppressions(for: key)
            o += "suppressions for this path:\(suppressions.isEmpty ? " none" : "")\n"
            for s in suppressions {
                var line = "  \(s.rule.value) in \(s.glob.pattern) (line \(s.line)): \(s.reason)"
                if let e = s.expires { line += s.isExpired(today: gate.options.today) ? " — EXPIRED \(e)" : " — until \(e)" }
                o += line + "\n"
            }
        }
        return o
    }
}
