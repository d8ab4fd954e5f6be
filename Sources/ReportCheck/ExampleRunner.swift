import ReportDocument
import ReportNormalizer
import RuleEngine

/// Runs the examples written in the rules (`reportlint rules test`): each snippet is normalized as a plain
/// text report and the rule must judge it as the example says. Each example then runs shifted, twice — with
/// paragraphs of website chrome prepended (a breadcrumb and a print bar, which the normalizer drops), and with
/// blank lines prepended and every line indented by two ideographic spaces — and must give the same result
/// with its evidence moved by exactly those lines and columns, which pins the source map (columns in Unicode
/// code points).
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
    static let chrome = ["当前位置：首页 > 政务公开 > 法治政府建设", "【打印本页】 【关闭窗口】", ""]

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
            return .failure(error)
        }
    }

    private func check(_ example: RuleExample, rule: CompiledRule, in ruleSet: RuleSet) -> String? {
        let plain: Finding
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
        let indented = String(repeating: "\n", count: Self.shiftLines)
            + example.text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.isEmpty ? "" : Self.indent + $0 }.joined(separator: "\n")
        let withChrome = Self.chrome.joined(separator: "\n") + "\n" + example.text
        for (shifted, lines, columns, how) in [(withChrome, Self.chrome.count, 0, "chrome paragraphs prepended"),
                                               (indented, Self.shiftLines, 2, "lines prepended and indented")] {
            let moved: Finding
            switch finding(shifted, rule: rule.info.id, in: ruleSet) {
            case .success(let f): moved = f
            case .failure(let e): return "shifted example (\(how)) could not be read: \(e)"
            }
            if moved.status != plain.status || moved.severity != plain.severity {
                return "\(how): the result changed: \(plain.status.rawValue) → \(moved.status.rawValue)"
            }
            let want = plain.evidence.map { "\($0.line + lines):\($0.column + columns)" }
            let got = moved.evidence.map { "\($0.line):\($0.column)" }
            if want != got {
                return "\(how): evidence did not move with the text: expected \(want.joined(separator: ",")), got \(got.joined(separator: ","))"
            }
        }
        return nil
    }
}
