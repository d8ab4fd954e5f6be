/// The outcome of one condition on one report.
public struct ConditionResult: Sendable {
    public enum State: Sendable, Equatable {
        case satisfied
        case unsatisfied
        /// The input the condition needs is absent (no report year, no date, no year in a heading):
        /// the rule is not applicable rather than failed.
        case unknown
    }

    public var state: State
    /// What was found: matches, headings, metadata values. On an unsatisfied absence check, the offending matches.
    public var evidence: [Evidence]
    /// Where the condition looked when it found nothing (a section heading), so a failure still points somewhere.
    public var searched: [Evidence]
    /// For `unknown`: what was missing, e.g. "report_date".
    public var missing: [String]

    public init(_ state: State, evidence: [Evidence] = [], searched: [Evidence] = [], missing: [String] = []) {
        self.state = state
        self.evidence = evidence
        self.searched = searched
        self.missing = missing
    }

    public static let satisfied = ConditionResult(.satisfied)
    public static let unsatisfied = ConditionResult(.unsatisfied)
}

/// One kind of test a rule can make on a report. Each kind lives in its own file under Conditions/.
public protocol Condition: Sendable {
    func evaluate(in context: EvaluationContext) -> ConditionResult
    /// A one-line description for `rules explain`.
    var summary: String { get }
    /// The pattern sets this condition (and the ones inside it) matches against report blocks, for the pack's
    /// `LiteralIndex`.
    var blockPatternSets: [PatternSet] { get }
}

extension Condition {
    public var blockPatternSets: [PatternSet] { [] }
}
