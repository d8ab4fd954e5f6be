import ReportDocument

/// `compare: {value: "{heading_year:plans}", equals: "{report_year+1}"}` — compares two templated values as
/// integers, dates (YYYY-MM-DD) or text. Unknown (→ not applicable) when a variable is absent from the report.
struct CompareCondition: Condition {
    enum Operator: String, CaseIterable, Sendable {
        case equals, not_equals, before, on_or_before, after, on_or_after, at_least, at_most
    }

    let left: Template
    let op: Operator
    let right: Template

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        guard let l = left.expand(in: context) else {
            return ConditionResult(.unknown, missing: left.variableNames)
        }
        guard let r = right.expand(in: context) else {
            return ConditionResult(.unknown, evidence: l.evidence, missing: right.variableNames)
        }
        let ordering = Self.compare(l.value, r.value)
        let holds: Bool
        switch op {
        case .equals: holds = ordering == 0
        case .not_equals: holds = ordering != 0
        case .before: holds = ordering < 0
        case .on_or_before, .at_most: holds = ordering <= 0
        case .after: holds = ordering > 0
        case .on_or_after, .at_least: holds = ordering >= 0
        }
        return ConditionResult(holds ? .satisfied : .unsatisfied, evidence: l.evidence + r.evidence)
    }

    /// -1, 0, 1 comparing as integers, else as dates, else as strings.
    static func compare(_ a: String, _ b: String) -> Int {
        if let x = Int(a), let y = Int(b) { return x < y ? -1 : (x == y ? 0 : 1) }
        if let x = ReportDate(iso: a), let y = ReportDate(iso: b) { return x < y ? -1 : (x == y ? 0 : 1) }
        return a < b ? -1 : (a == b ? 0 : 1)
    }

    var summary: String { "\(left.source) \(op.rawValue) \(right.source)" }
}
