/// Project configuration applied to a loaded rule set (`.reportlint.yml`: `disable`, `severity`, `parameters`),
/// and the suppression mark a finding carries when a configuration or a baseline accepts it.

/// Why a failing finding is not counted: a `suppressions:` entry of a configuration, or a baseline.
public struct Suppression: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A `suppressions:` entry of `.reportlint.yml`.
        case config
        /// A known failure recorded by `--write-baseline`.
        case baseline
    }

    public var kind: Kind
    /// The reason written in the configuration (always present for `config`).
    public var reason: String?
    /// Where the suppression is written ("path/.reportlint.yml:12") or the baseline file.
    public var source: String
    /// The expiry date of a config suppression (YYYY-MM-DD), when given.
    public var expires: String?

    public init(kind: Kind, reason: String? = nil, source: String, expires: String? = nil) {
        self.kind = kind
        self.reason = reason
        self.source = source
        self.expires = expires
    }
}

extension Finding {
    /// A failure that counts for the verdict and the exit status: failed and neither suppressed nor baselined.
    public var isCountedFailure: Bool { status == .fail && suppression == nil }
}

/// A problem applying a configuration to a rule set (an unknown rule id or parameter name).
public struct RuleSetConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Subject: String, Sendable { case rule, parameter }
    public var subject: Subject
    public var name: String
    /// The names that would have been accepted.
    public var known: [String]

    public init(subject: Subject, name: String, known: [String]) {
        self.subject = subject
        self.name = name
        self.known = known
    }

    public var description: String {
        "unknown \(subject.rawValue) '\(name)'; known: \(known.joined(separator: ", "))"
    }
}

extension RuleSet {
    /// Every rule id, in pack order.
    public var ruleIDs: [String] { compiledRules.map(\.info.id) }

    /// Every pack parameter name (e.g. `deadline`), sorted.
    public var parameterNames: [String] { Array(Set(packs.flatMap(\.parameters.keys))).sorted() }

    /// The value a pack parameter has after overrides (nil when no pack declares it).
    public func parameterValue(_ name: String) -> String? {
        if let v = parameterOverrides[name] { return v }
        return packs.lazy.compactMap { $0.parameters[name] }.first
    }

    /// Removes rules by id. Unknown ids are an error (a typo would otherwise silently disable nothing).
    public func disabling(_ ids: some Sequence<String>) throws(RuleSetConfigurationError) -> RuleSet {
        let ids = Set(ids)
        let known = Set(ruleIDs)
        if let bad = ids.sorted().first(where: { !known.contains($0) }) {
            throw RuleSetConfigurationError(subject: .rule, name: bad, known: ruleIDs)
        }
        var copy = self
        for i in copy.packs.indices { copy.packs[i].rules.removeAll { ids.contains($0.info.id) } }
        return copy
    }

    /// Sets the severity of rules by id. A rule's graded fallbacks move with it by the same number of levels
    /// (clamped to info…error): raising `issuer-and-date` from warning to error makes every way it fails an error;
    /// lowering `court-judgments` from error to warning turns its "only 无行政诉讼" fallback from warning into info.
    public func overridingSeverities(_ severities: [String: Severity]) throws(RuleSetConfigurationError) -> RuleSet {
        let known = Set(ruleIDs)
        if let bad = severities.keys.sorted().first(where: { !known.contains($0) }) {
            throw RuleSetConfigurationError(subject: .rule, name: bad, known: ruleIDs)
        }
        var copy = self
        for p in copy.packs.indices {
            for r in copy.packs[p].rules.indices {
                guard let s = severities[copy.packs[p].rules[r].info.id] else { continue }
                let shift = Self.level(s) - Self.level(copy.packs[p].rules[r].info.severity)
                copy.packs[p].rules[r].info.severity = s
                copy.packs[p].rules[r].fallbacks = copy.packs[p].rules[r].fallbacks.map {
                    let moved = Severity.allCases[max(0, min(2, Self.level($0.severity) + shift))]
                    return Fallback(when: $0.when, severity: moved, message: $0.message)
                }
            }
        }
        return copy
    }

    private static func level(_ s: Severity) -> Int { Severity.allCases.firstIndex(of: s)! }

    /// Sets pack parameters (`deadline: "{report_year+1}-03-01"`). Only parameters some pack declares are accepted.
    public func settingParameters(_ values: [String: String]) throws(RuleSetConfigurationError) -> RuleSet {
        let known = Set(parameterNames)
        if let bad = values.keys.sorted().first(where: { !known.contains($0) }) {
            throw RuleSetConfigurationError(subject: .parameter, name: bad, known: parameterNames)
        }
        var copy = self
        copy.parameterOverrides.merge(values) { $1 }
        return copy
    }
}
