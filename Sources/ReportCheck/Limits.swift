import Foundation
import ReportDocument
import ReportNormalizer
import RuleEngine

/// Per-report resource limits (issue 7). Input size, .docx decompressed size and nesting depth live in
/// `NormalizerOptions` (the readers enforce them); this adds the per-report time budget and the caps on findings
/// and evidence. Exceeding any limit turns that one report into an error result that names the limit; a batch
/// goes on with the next report.
public struct Limits: Sendable, Equatable {
    /// Wall-clock budget per report (normalization + all rules), in milliseconds; nil for none. Cooperative: checked
    /// between normalization stages, every 4096 HTML elements, between rules and inside regex matching.
    public var timeBudgetMilliseconds: Int?
    /// A report with more findings than this is an error result (a pack set with more rules than this).
    public var maxFindings: Int
    /// Evidence items kept per finding (the first ones); the rest are dropped.
    public var maxEvidencePerFinding: Int

    public static let defaultTimeBudgetMilliseconds = 30_000
    public static let defaultMaxFindings = 1_000
    public static let defaultMaxEvidencePerFinding = 20

    public init(timeBudgetMilliseconds: Int? = Limits.defaultTimeBudgetMilliseconds,
                maxFindings: Int = Limits.defaultMaxFindings,
                maxEvidencePerFinding: Int = Limits.defaultMaxEvidencePerFinding) {
        self.timeBudgetMilliseconds = timeBudgetMilliseconds
        self.maxFindings = maxFindings
        self.maxEvidencePerFinding = maxEvidencePerFinding
    }

    /// No time budget and no caps (tests, `rules test`).
    public static let unlimited = Limits(timeBudgetMilliseconds: nil, maxFindings: .max, maxEvidencePerFinding: .max)
}

extension ReportChecker {
    /// Runs one report's `body` (read + normalize + evaluate) under the limits: with the time budget as the
    /// task-local `Deadline`, then the findings and evidence caps.
    func withinLimits(path: String, format: InputFormat?, _ body: () -> ReportResult) -> ReportResult {
        var result: ReportResult
        if let ms = limits.timeBudgetMilliseconds {
            let deadline = Deadline(milliseconds: ms)
            result = Deadline.$current.withValue(deadline) { body() }
            if result.verdict != .error, deadline.isExpired {
                return .inputError(path: path, format: format,
                                   message: "\(path): \(deadline) exceeded while evaluating rules (--time-budget-ms)")
            }
        } else {
            result = body()
        }
        if result.findings.count > limits.maxFindings {
            return .inputError(path: path, format: format,
                               message: "\(path): \(result.findings.count) findings exceed the limit of \(limits.maxFindings) per report (--max-findings)")
        }
        if limits.maxEvidencePerFinding < .max {
            for i in result.findings.indices where result.findings[i].evidence.count > limits.maxEvidencePerFinding {
                result.findings[i].evidence.removeLast(result.findings[i].evidence.count - limits.maxEvidencePerFinding)
            }
        }
        return result
    }
}
