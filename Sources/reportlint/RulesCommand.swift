import ArgumentParser
import Foundation
import ReportCheck
import ReportNormalizer
import RuleEngine

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List, validate, test and explain rule packs.",
        subcommands: [List.self, Lint.self, Test.self, Explain.self])

    struct List: ParsableCommand {
        // Names given explicitly: derived from the type name they cost a demangling per run (ArgumentParser builds
        // the whole command tree, even for `--version`).
        static let configuration = CommandConfiguration(commandName: "list",
                                                        abstract: "List the loaded rules: id, severity, pack, title.")
        @OptionGroup var packs: PackOptions
        @Flag(help: "Show the English titles where the rules have them.") var english = false

        func run() throws {
            let set = try packs.loadRuleSet()
            let width = max(4, set.rules.map(\.id.count).max() ?? 4)
            var out = ""
            for rule in set.rules {
                let title = english ? (rule.titleEn ?? rule.title) : rule.title
                out += rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                    + rule.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                    + rule.pack.padding(toLength: 22, withPad: " ", startingAt: 0) + title + "\n"
            }
            out += "\(set.rules.count) rules in \(set.packInfos.map { "\($0.id) \($0.version)" }.joined(separator: ", "))\n"
            print(out, terminator: "")
        }
    }

    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Validate rule packs: YAML, keys, patterns, section and variable names. Exit 2 on the first error.")
        @OptionGroup var packs: PackOptions

        func run() throws {
            let set = try packs.loadRuleSet()
            let noExamples = set.compiledRules.filter { $0.examples.isEmpty }.map(\.info.id)
            for id in noExamples { print("note: rule '\(id)' has no examples") }
            print("ok: \(set.packInfos.count) pack(s), \(set.rules.count) rules")
        }
    }

    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Run every rule's examples (as written, and shifted to check reported lines and columns).")
        @OptionGroup var packs: PackOptions
        @Argument(help: "Only this rule's examples.") var rule: String?

        func run() throws {
            Normalizer.setUp()
            let set = try packs.loadRuleSet()
            if let rule, set.rule(id: rule) == nil { throw CLIError.usage("no rule '\(rule)' in the loaded packs") }
            let summary = ExampleRunner(ruleSet: set).run(only: rule)
            for failure in summary.failures { print("FAIL \(failure)") }
            let passed = summary.examples - summary.failures.count
            print("\(passed) passed, \(summary.failures.count) failed")
            if !summary.failures.isEmpty { throw ExitCode(1) }
        }
    }

    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain one rule in full.")
        @OptionGroup var packs: PackOptions
        @Argument(help: "The rule id, e.g. causes.") var id: String

        func run() throws {
            let set = try packs.loadRuleSet()
            guard let rule = set.rule(id: id) else {
                throw CLIError.usage("no rule '\(id)'; rules: \(set.rules.map(\.id).joined(separator: ", "))")
            }
            let i = rule.info
            var out = "\(i.id) — \(i.title)\n"
            if let en = i.titleEn { out += "  \(en)\n" }
            out += "\npack:      \(i.pack)\nseverity:  \(i.severity.rawValue)\n"
            if let g = i.group { out += "group:     \(g)\n" }
            out += "basis:     \(i.basis)\nhint:      \(i.hint)\n"
            if let en = i.hintEn { out += "           \(en)\n" }
            out += "defined:   \(rule.file):\(rule.line)\n\nhow it is checked:\n"
            for line in rule.conditionSummary { out += "  - \(line)\n" }
            if !rule.examples.isEmpty {
                out += "\nexamples:\n"
                for e in rule.examples {
                    let first = e.text.split(separator: "\n").first.map(String.init) ?? ""
                    out += "  \(e.expect.rawValue)\(e.severity.map { " (\($0.rawValue))" } ?? ""): \(first)\(e.text.contains("\n") ? " …" : "")\n"
                }
            }
            print(out, terminator: "")
        }
    }
}
