import ArgumentParser
import Foundation
import ReportCheck
import RuleEngine

/// `check` options of the CI gate: project configuration and baselines.
struct GateOptions: ParsableArguments {
    @Option(name: .customLong("config"),
            help: ArgumentHelp("Use this configuration file for every input instead of the nearest .reportlint.yml found walking up from each file.",
                               valueName: "FILE"))
    var config: String?

    @Flag(name: .customLong("no-config"), help: "Ignore .reportlint.yml files (built-in defaults and command-line options only).")
    var noConfig = false

    @Option(name: .customLong("baseline"),
            help: ArgumentHelp("Accept the failures recorded in FILE (by --write-baseline): only new failures count.", valueName: "FILE"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"),
            help: ArgumentHelp("Record this run's failures in FILE (JSON), for --baseline.", valueName: "FILE"))
    var writeBaseline: String?

    func validate() throws {
        if config != nil && noConfig { throw ValidationError("--config and --no-config cannot be used together") }
    }

    /// Resolves and compiles the configuration of every input (exit status 2 on any configuration error).
    func makeGate(inputs: InputList, stdinKey: String, rules: [String], year: Int?) throws -> Gate {
        // Configurations are resolved per directory: one path of each run of files in the same directory will do.
        let paths = inputs.pathsByDirectory(stdinKey: stdinKey)
        let gate: Gate
        do {
            var loaded: Baseline?
            if let baseline { loaded = try Baseline.load(path: baseline) }
            gate = try Gate(options: Gate.Options(configPath: config, discover: !noConfig, rules: rules, year: year,
                                                  baseline: loaded),
                            paths: paths)
        } catch {
            throw Self.cliError(error)
        }
        for line in gate.expiredSuppressions {
            FileHandle.standardError.write(Data("reportlint: warning: \(line)\n".utf8))
        }
        return gate
    }

    static func cliError(_ error: GateError) -> CLIError {
        if case .rulePack(let p) = error { return CLIError.rulePack(p.description) }
        return CLIError.usage(error.description)
    }
}

/// Inputs left out by `include`/`exclude`, baseline writing and the gate's summary on standard error.
struct GateRun {
    let options: GateOptions
    let gate: Gate
    var excluded = 0
    var recorded: [Baseline.Entry] = []

    init(options: GateOptions, gate: Gate) {
        self.options = options
        self.gate = gate
    }

    /// The inputs the configurations select (`include`/`exclude`); the others are counted.
    mutating func select(_ inputs: InputList) -> InputList {
        if gate.selectsEverything { return inputs }
        return inputs.filter { input in
            guard case .file(let path) = input, !gate.selects(path) else { return true }
            excluded += 1
            return false
        }
    }

    func failLevel(_ cli: FailLevel?, for result: ReportResult, key: String) -> FailLevel {
        cli ?? gate.failThreshold(for: key).flatMap { FailLevel(rawValue: $0.rawValue) } ?? .error
    }

    mutating func record(_ result: ReportResult) {
        if options.writeBaseline != nil { recorded += Baseline.entries(for: [result]) }
    }

    /// Writes the baseline and prints the gate's counts on standard error.
    func finish(_ summary: RunSummary) throws {
        var lines: [String] = []
        if excluded > 0 { lines.append("excluded \(excluded) file(s) by include/exclude in the configuration") }
        if summary.suppressed > 0 { lines.append("\(summary.suppressed) failure(s) suppressed by the configuration") }
        if let b = options.baseline {
            lines.append("baseline \(b): \(summary.baselined) known failure(s) not counted, \(summary.newFailures) new failure(s)")
        }
        if let path = options.writeBaseline {
            do { try Baseline.write(recorded, to: path) } catch { throw CLIError.usage(error.description) }
            lines.append("wrote baseline \(path) with \(recorded.count) failure(s)")
        }
        for l in lines { FileHandle.standardError.write(Data("reportlint: \(l)\n".utf8)) }
    }
}
