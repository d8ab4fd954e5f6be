import ArgumentParser
import RuleEngine

/// `--rules`, shared by every command that loads rule packs.
struct PackOptions: ParsableArguments {
    @Option(name: .customLong("rules"),
            help: ArgumentHelp("A rule pack: a built-in pack id (\(RuleSetLoader.builtinPackIDs.joined(separator: ", "))), a pack directory or a YAML file. Repeatable; default: \(RuleSetLoader.defaultPackID).",
                               valueName: "PACK"))
    var rules: [String] = []

    func loadRuleSet() throws -> RuleSet {
        do {
            return try RuleSetLoader.load(rules)
        } catch {
            throw CLIError.rulePack(error.description)
        }
    }
}

/// Errors that end a command with exit status 2 and a message on standard error.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)
    case rulePack(String)
    case input(String)

    var description: String {
        switch self {
        case .usage(let m), .input(let m): return m
        case .rulePack(let m): return "rule pack error: \(m)"
        }
    }
}
