/// A per-report time budget (issue 7). Cooperative: the normalizer checks it between stages (and every few
/// thousand HTML elements), the rule engine between rules and inside long regular-expression matches; whoever
/// sees it expired stops early, and the checker turns the report into an error result naming the budget.
///
/// The deadline in force is task-local (`Deadline.$current.withValue(…) { … }`), so it reaches the normalizer and
/// the rule engine without changing their signatures, and each worker thread of a batch has its own.
public struct Deadline: Sendable, CustomStringConvertible {
    /// The budget as configured, in milliseconds.
    public let milliseconds: Int
    public let end: ContinuousClock.Instant

    public init(milliseconds: Int, from start: ContinuousClock.Instant = .now) {
        self.milliseconds = milliseconds
        self.end = start.advanced(by: .milliseconds(milliseconds))
    }

    public var isExpired: Bool { ContinuousClock.now >= end }

    /// "time budget of 30000 ms".
    public var description: String { "time budget of \(milliseconds) ms" }

    /// The deadline of the report being processed on this task/thread, if any.
    @TaskLocal public static var current: Deadline?

    /// True when a deadline is in force and has passed.
    public static var expired: Bool { current?.isExpired ?? false }
}
