import Foundation
import ReportDocument

/// A graded fallback: when the primary condition fails but this one holds, the rule fails with this
/// severity and message (e.g. only "无行政诉讼" → warning instead of error).
public struct Fallback: Sendable {
    let when: any Condition
    public let severity: Severity
    public let message: String
}

/// A snippet a rule must judge a given way, run by `reportlint rules test`.
public struct RuleExample: Sendable {
    public var text: String
    public var expect: FindingStatus
    /// For failing examples: the severity expected (a fallback's), when given.
    public var severity: Severity?
    /// Where the example is written, for failure messages.
    public var file: String
    public var line: Int
}

/// A rule ready to run: conditions compiled, texts resolved.
public struct CompiledRule: Sendable {
    public var info: RuleInfo
    let appliesIf: (any Condition)?
    let passIf: any Condition
    public var fallbacks: [Fallback]
    public var failMessage: String
    public var passMessage: String?
    public var notApplicableMessage: String?
    public var examples: [RuleExample]
    /// Where the rule is defined.
    public var file: String
    public var line: Int

    /// One line per condition, for `rules explain`.
    public var conditionSummary: [String] {
        var lines: [String] = []
        if let appliesIf { lines.append("applies if: \(appliesIf.summary)") }
        lines.append("passes if: \(passIf.summary)")
        for f in fallbacks { lines.append("else if \(f.when.summary): \(f.severity.rawValue) — \(f.message)") }
        lines.append("else: \(info.severity.rawValue) — \(failMessage)")
        return lines
    }

    func evaluate(in context: EvaluationContext) -> Finding {
        if let appliesIf {
            let r = appliesIf.evaluate(in: context)
            if r.state != .satisfied {
                return finding(.notApplicable, info.severity,
                               notApplicableMessage ?? "不适用：报告不具备本项检查的前提（\(appliesIf.summary)）", [])
            }
        }
        let primary = passIf.evaluate(in: context)
        switch primary.state {
        case .satisfied:
            return finding(.pass, info.severity, passMessage ?? "符合：\(info.title)", primary.evidence)
        case .unknown:
            let missing = Set(primary.missing).sorted().joined(separator: ", ")
            return finding(.notApplicable, info.severity,
                           notApplicableMessage ?? "不适用：报告中没有判断所需的信息（\(missing)）", primary.evidence)
        case .unsatisfied:
            for fallback in fallbacks {
                let r = fallback.when.evaluate(in: context)
                if r.state == .satisfied {
                    return finding(.fail, fallback.severity, Self.expand(fallback.message, context), r.evidence)
                }
            }
            let evidence = primary.evidence.isEmpty ? primary.searched : primary.evidence
            return finding(.fail, info.severity, Self.expand(failMessage, context), evidence)
        }
    }

    /// Messages may name variables ("晚于公开期限（{deadline}）"); left as written when one is absent.
    private static func expand(_ message: String, _ context: EvaluationContext) -> String {
        // (String.contains goes through NSString; the generic UTF8View search is slow too.)
        var copy = message
        guard copy.withUTF8({ $0.contains(UInt8(ascii: "{")) }) else { return message }
        return Template(message).expand(in: context)?.value ?? message
    }

    private func finding(_ status: FindingStatus, _ severity: Severity, _ message: String,
                         _ evidence: [Evidence]) -> Finding {
        Finding(rule: info, status: status, severity: severity, message: message, evidence: evidence)
    }
}

/// A pack after loading, `extends` resolved: its sections, parameters and rules (bases' rules first).
public struct CompiledPack: Sendable {
    public var info: PackInfo
    public var title: String?
    /// The packs this one was built from, base first, this one last.
    public var lineage: [PackInfo]
    var sections: [String: SectionSelector]
    public var sectionNames: [String]
    public var parameters: [String: String] {
        didSet { parameterTemplates = Self.templates(parameters) }
    }
    /// `parameters` parsed once (a rule's message or comparison expands them for every report).
    private(set) var parameterTemplates: [String: Template]
    public var rules: [CompiledRule]
    /// The literals of all rules' block conditions in one automaton; built by `indexed()`. Rules removed later
    /// (disabled by a configuration) only leave unused entries; a set missing from it is scanned on its own.
    var literalIndex: LiteralIndex?

    init(info: PackInfo, title: String?, lineage: [PackInfo], sections: [String: SectionSelector],
         sectionNames: [String], parameters: [String: String], rules: [CompiledRule]) {
        self.info = info
        self.title = title
        self.lineage = lineage
        self.sections = sections
        self.sectionNames = sectionNames
        self.parameters = parameters
        self.parameterTemplates = Self.templates(parameters)
        self.rules = rules
    }

    private static func templates(_ parameters: [String: String]) -> [String: Template] {
        parameters.mapValues { Template($0) }
    }

    /// This pack with its `LiteralIndex` built.
    func indexed() -> CompiledPack {
        var pack = self
        var sets: [PatternSet] = []
        for rule in rules {
            sets += rule.appliesIf?.blockPatternSets ?? []
            sets += rule.passIf.blockPatternSets
            for fallback in rule.fallbacks { sets += fallback.when.blockPatternSets }
        }
        pack.literalIndex = LiteralIndex(sets.flatMap(\.indexLists))
        return pack
    }

    /// Evaluates every rule of the pack on a document; with `times`, adds each rule's time to it (seconds).
    func evaluate(_ document: Document, times: UnsafeMutablePointer<[String: Double]>? = nil) -> [Finding] {
        let context = EvaluationContext(document: document, pack: self)
        let path = Fingerprint.normalizedPath(document.path)
        // The report's time budget is checked between rules: once spent, the remaining rules are skipped and the
        // checker reports the budget (see Deadline).
        return rules.prefix { _ in !Deadline.expired }.map { rule in
            let start = times == nil ? 0 : DispatchTime.now().uptimeNanoseconds
            var finding = rule.evaluate(in: context)
            finding.fingerprint = Fingerprint.make(rule: rule.info.id, normalizedPath: path,
                                                   anchor: Fingerprint.anchor(for: finding, in: document))
            if let times {
                times.pointee[rule.info.id, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
            return finding
        }
    }
}
