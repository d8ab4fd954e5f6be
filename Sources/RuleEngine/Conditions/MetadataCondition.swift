import ReportDocument

/// `metadata: title|agency|year|date` — the report states it (optionally from given sources, and for text
/// fields containing every group of `matches_all`). Evidence: the value and where it was found.
struct MetadataCondition: Condition {
    enum Field: String, CaseIterable, Sendable {
        case title, agency, year, date
    }

    let field: Field
    /// Every pattern set must occur in the (folded) value; for title/agency.
    let mustContain: [PatternSet]
    /// Accepted `MetadataField.source` values; empty = any source found in the report itself.
    let sources: [String]
    /// Values supplied from outside the report (`--year`, a config, a manifest) let other rules work, but do
    /// not count as the report stating them unless a rule lists them in `from:`.
    static let externalSources: Set<String> = ["cli", "config", "manifest"]

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        let meta = context.document.metadata
        let found: (text: String, location: SourceLocation?, source: String)?
        switch field {
        case .title: found = meta.title.map { ($0.value, $0.location, $0.source) }
        case .agency: found = meta.agency.map { ($0.value, $0.location, $0.source) }
        case .year: found = meta.year.map { ($0.text ?? "\($0.value)", $0.location, $0.source) }
        case .date: found = meta.date.map { ($0.text ?? $0.value.description, $0.location, $0.source) }
        }
        guard let found else { return .unsatisfied }
        let accepted = sources.isEmpty ? !Self.externalSources.contains(found.source) : sources.contains(found.source)
        guard accepted else { return .unsatisfied }
        let evidence = Evidence(location: found.location ?? SourceLocation(line: 1), text: Excerpt.of(found.text))
        let folded = TextFolding.folded(found.text)
        for set in mustContain where !set.occurs(in: folded) {
            return ConditionResult(.unsatisfied, evidence: [evidence])
        }
        return ConditionResult(.satisfied, evidence: [evidence])
    }

    var summary: String {
        var s = "metadata \(field.rawValue) is stated"
        if !mustContain.isEmpty {
            s += " and contains " + mustContain.map { $0.source.joined(separator: "|") }.joined(separator: " and ")
        }
        if !sources.isEmpty { s += " (from \(sources.joined(separator: ", ")))" }
        return s
    }
}
