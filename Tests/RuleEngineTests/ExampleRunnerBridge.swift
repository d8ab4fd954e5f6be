import ReportCheck
import RuleEngine

enum ExampleRunnerBridge {
    static func run(_ set: RuleSet) -> ExampleRunner.Summary { ExampleRunner(ruleSet: set).run() }
}
