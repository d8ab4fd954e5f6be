import ReportDocument
import ReportNormalizer
import RuleEngine

/// Runs the examples written in the rules (`reportlint rules test`): each snippet is normalized as a plain
/// text report and the rule must judge it as the example says. Each example runs twice: as written, and
/// shifted (blank lines prepended, every line indented) — the evidence must move with the text, which pins
/// the line/column mapping (columns in Unicode code points).
public struct ExampleRunner {
    public struct Failure: Sendable, CustomStringConvertible {
        public var rule: String
        public var file: String
        public var line: Int
        public var problem: String
        public var description: String { "\(file):\(line): [\(rule)] \(problem)" }
    }

    public struct Summary: Sendable {
        public var examples = 0
        public var failures: [Failure] = []
    }

    static let shiftLines = 3
    static let indent = "　　"  // two ideographic spaces: columns must move by 2 code points

    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public func run(only ruleID: String? = nil) -> Summary {
        var summary = Summary()
        for pack in ruleSet.packs {
            let single = RuleSet(packs: [pack])
            for rule in pack.rules where ruleID == nil || rule.info.id == ruleID {
                for example in rule.examples {
                    summary.examples += 1
                    if let problem = check(example, rule: rule, in: single) {
                        summary.failures.append(Failure(rule: rule.info.id, file: example.file, line: example.line,
                                                        problem: problem))
                    }
                }
            }
        }
        return summary
    }

    private func finding(_ text: String, rule: String, in ruleSet: RuleSet) -> Result<Finding, InputError> {
        do {
            let doc = try Normalizer.normalize(bytes: Array(text.utf8), path: "example.txt", format: .text)
            return .success(ruleSet.evaluate(doc).first { $0.rule.id == rule }!)
        } catch {
            return .failure(error as! InputError)
        }
    }

    private func check(_ example: RuleExample, rule: CompiledRule, in ruleSet: RuleSet) -> String? {
        let plain: Finding, shifted: Finding
        switch finding(example.text, rule: rule.info.id, in: ruleSet) {
        case .success(let f): plain = f
        case .failure(let e): return "example could not be read: \(e)"
        }
        if plain.status != example.expect {
            return "expected \(example.expect.rawValue), got \(plain.status.rawValue): \(plain.message)"
        }
        if let severity = example.severity, plain.severity != severity {
            return "expected severity \(severity.rawValue), got \(plain.severity.rawValue): \(plain.message)"
        }
        let moved = String(repeating: "\n", count: Self.shiftLines)
            + example.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : Self.indent + $0 }.joined(separator: "\n")
        switch finding(moved, rule: rule.info.id, in: ruleSet) {
        case .success(let f): shifted = f
        case .failure(let e): return "shifted example could not be read: \(e)"
        }
        if shifted.status != plain.status || shifted.severity != plain.severity {
            return "shifting the text changed the result: \(plain.status.rawValue) → \(shifted.status.rawValue)"
        }
        let expected = plain.evidence.map { Evidence(line: $0.line + Self.shiftLines, column: $0.column + 2, text: $0.text) }
        if shifted.evidence.map({ [$0.line, $0.column] }) != expected.map({ [$0.line, $0.column] }) {
            let got = shifted.evidence.map { "\($0.line):\($0.column)" }.joined(separator: ",")
            let want = expected.map { "\($0.line):\($0.column)" }.joined(separator: ",")
            return "evidence did not move with the text: expected \(want), got \(got)"
        }
        return nil
    }
}
