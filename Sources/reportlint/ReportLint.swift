import ArgumentParser
import RuleEngine

@main
struct ReportLint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reportlint",
        abstract: "Check published reports (法治政府建设年度报告) against declarative rule packs.",
        version: ToolInfo.version,
        subcommands: [NormalizeCommand.self])
}
