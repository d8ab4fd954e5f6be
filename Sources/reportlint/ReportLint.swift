import ArgumentParser
import Foundation
import RuleEngine

@main
struct ReportLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportlint",
        abstract: "Check published reports (法治政府建设年度报告) against declarative rule packs.",
        version: ToolInfo.version,
        subcommands: [CheckCommand.self, MergeCommand.self, NormalizeCommand.self, RulesCommand.self,
                      ChecklistCommand.self, ConfigCommand.self])

    /// Every error ends with exit status 2 and one clear line on standard error.
    static func main() {
        AllocatorTuning.apply()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as CLIError {
            FileHandle.standardError.write(Data("reportlint: \(error.description)\n".utf8))
            Foundation.exit(2)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
