import ReportDocument

/// How much a failed rule matters. Ordered: info < warning < error.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info
    case warning
    case error

    private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// The outcome of one rule on one report.
public enum FindingStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pass
    case fail
    case notApplicable = "not-applicable"
}

/// A piece of the report that supports a finding (what was found, or the section that was searched).
public struct Evidence: Sendable, Hashable, Codable {
    public var line: Int
    public var column: Int
    public var text: String

    public init(line: Int, column: Int, text: String) {
        self.line = line
        self.column = column
        self.text = text
    }

    public init(location: SourceLocation, text: String) {
        self.init(line: location.line, column: location.column, text: text)
    }
}

/// What a reporter or checklist needs to know about a rule, independent of any report.
public struct RuleInfo: Sendable, Hashable, Codable {
    public var id: String
    /// The id of the pack that defines the rule.
    public var pack: String
    /// Chinese title of the requirement, e.g. "报告存在的不足及原因".
    public var title: String
    public var titleEn: String?
    /// Default severity when the rule fails (after pack overrides).
    public var severity: Severity
    /// Legal basis, e.g. "《法治政府建设与责任落实督察工作规定》第二十五条第（二）项".
    public var basis: String
    /// What to write to satisfy the rule (Chinese).
    public var hint: String
    public var hintEn: String?
    /// The regulation item the rule belongs to, for grouping checklists, e.g. "第二十五条（二）存在的不足和原因".
    public var group: String?

    public init(id: String, pack: String, title: String, titleEn: String? = nil, severity: Severity,
                basis: String, hint: String, hintEn: String? = nil, group: String? = nil) {
        self.id = id
        self.pack = pack
        self.title = title
        self.titleEn = titleEn
        self.severity = severity
        self.basis = basis
        self.hint = hint
        self.hintEn = hintEn
        self.group = group
    }
}

/// One rule's result on one report.
public struct Finding: Sendable, Hashable, Codable {
    public var rule: RuleInfo
    public var status: FindingStatus
    /// The severity of this outcome: a graded fallback may fail with a lower severity than the rule's default.
    public var severity: Severity
    /// What was found or what is missing (Chinese), e.g. "未找到存在不足的原因分析".
    public var message: String
    public var evidence: [Evidence]
    /// A stable identity across runs: rule id + relative path + section anchor (see `Fingerprint`).
    public var fingerprint: String
    /// Set when a configuration suppression or a baseline accepts this failure: it is still reported, but not
    /// counted for the verdict or the exit status (see `RuleSet+Configuration.swift`).
    public var suppression: Suppression? = nil

    public init(rule: RuleInfo, status: FindingStatus, severity: Severity, message: String,
                evidence: [Evidence] = [], fingerprint: String = "") {
        self.rule = rule
        self.status = status
        self.severity = severity
        self.message = message
        self.evidence = evidence
        self.fingerprint = fingerprint
    }

    /// Where a person should look first: the first evidence, else line 1.
    public var primaryLocation: SourceLocation {
        evidence.first.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
    }
}

/// The overall result for one report.
public enum Verdict: String, Sendable, Hashable, Codable {
    /// No rule failed with severity error.
    case pass
    /// At least one rule failed with severity error.
    case fail
    /// The input could not be read as a report (binary, empty, undecodable, too large…).
    case error
}

/// All findings for one input file.
public struct ReportResult: Sendable, Hashable, Codable {
    public var path: String
    public var format: InputFormat?
    public var encoding: String?
    public var verdict: Verdict
    /// Why the input could not be read, naming the reason (for `Verdict.error`).
    public var error: String?
    public var metadata: Metadata
    public var findings: [Finding]

    public init(path: String, format: InputFormat?, encoding: String?, verdict: Verdict, error: String? = nil,
                metadata: Metadata = Metadata(), findings: [Finding] = []) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.verdict = verdict
        self.error = error
        self.metadata = metadata
        self.findings = findings
    }

    /// A result for an input that could not be read.
    public static func inputError(path: String, format: InputFormat?, message: String) -> ReportResult {
        ReportResult(path: path, format: format, encoding: nil, verdict: .error, error: message)
    }

    /// The verdict implied by a set of findings: fail when any rule failed with severity error (suppressed and
    /// baselined failures do not count).
    public static func verdict(for findings: [Finding]) -> Verdict {
        // `isCountedFailure`, spelled out on fields read through a span: `contains(where:)`, and calling the property
        // on a span element, copied every finding (a retain and a release per String).
        let span = findings.span
        for i in span.indices where span[i].status == .fail && span[i].severity == .error {
            if case .none = span[i].suppression { return .fail }
        }
        return .pass
    }

    /// The most severe failing severity, nil when nothing failed.
    public var worstFailure: Severity? {
        findings.filter(\.isCountedFailure).map(\.severity).max()
    }
}

/// Identifies a loaded pack in outputs.
public struct PackInfo: Sendable, Hashable, Codable {
    public var id: String
    public var version: String

    public init(id: String, version: String) {
        self.id = id
        self.version = version
    }
}

/// Totals over a run, as printed in the JSON `summary`.
public struct RunSummary: Sendable, Hashable, Codable {
    public var reports = 0
    public var passed = 0
    public var failed = 0
    public var errors = 0
    /// Failing findings accepted by a configuration suppression / by the baseline (not counted for verdicts).
    public var suppressed = 0
    public var baselined = 0
    /// Failing findings that do count (new failures when a baseline is used).
    public var newFailures = 0

    public init() {}

    public mutating func add(_ result: ReportResult) {
        reports += 1
        for f in result.findings where f.status == .fail {
            switch f.suppression?.kind {
            case .config?: suppressed += 1
            case .baseline?: baselined += 1
            case nil: newFailures += 1
            }
        }
        switch result.verdict {
        case .pass: passed += 1
        case .fail: failed += 1
        case .error: errors += 1
        }
    }
}
