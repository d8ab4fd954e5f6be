import ArgumentParser
import ReportCheck
import ReportNormalizer

/// Per-report resource limits for `check` (issue 7; docs/security.md). A report over a limit becomes an error
/// result naming the limit; the other reports are still checked.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-input-mb"), help: "Largest input file read, in MB (checked before reading).")
    var maxInputMB: Int = NormalizerOptions().maxInputBytes >> 20

    @Option(name: .customLong("max-docx-mb"), help: "Largest decompressed size of a .docx part, in MB (zip-bomb guard).")
    var maxDocxMB: Int = NormalizerOptions().maxDocxUncompressedBytes >> 20

    @Option(name: .customLong("max-depth"), help: "Deepest element nesting accepted in HTML and .docx.")
    var maxDepth: Int = NormalizerOptions().maxNestingDepth

    @Option(name: .customLong("time-budget-ms"), help: "Time budget per report in milliseconds (0: no budget).")
    var timeBudgetMs: Int = Limits.defaultTimeBudgetMilliseconds

    @Option(name: .customLong("max-findings"), help: "Most findings per report; a report with more is an error.")
    var maxFindings: Int = Limits.defaultMaxFindings

    mutating func validate() throws {
        for (name, value) in [("--max-input-mb", maxInputMB), ("--max-docx-mb", maxDocxMB), ("--max-depth", maxDepth),
                              ("--max-findings", maxFindings)] where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
        if maxInputMB > 4096 || maxDocxMB > 4096 { throw ValidationError("--max-input-mb and --max-docx-mb are at most 4096") }
        if timeBudgetMs < 0 { throw ValidationError("--time-budget-ms must be 0 (no budget) or more") }
    }

    /// The checker with these limits applied.
    func apply(to checker: ReportChecker) -> ReportChecker {
        var c = checker
        c.options.maxInputBytes = maxInputMB << 20
        c.options.maxDocxUncompressedBytes = maxDocxMB << 20
        c.options.maxNestingDepth = maxDepth
        c.limits.timeBudgetMilliseconds = timeBudgetMs == 0 ? nil : timeBudgetMs
        c.limits.maxFindings = maxFindings
        return c
    }

    /// The gate with these limits applied to the checker of every configuration profile.
    func apply(to gate: Gate) -> Gate {
        var g = gate
        g.configureCheckers { $0 = apply(to: $0) }
        return g
    }
}
