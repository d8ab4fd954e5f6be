/// `section: NAME` — the report has a section the named selector matches. Evidence: the matched headings.
struct SectionCondition: Condition {
    let name: String

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        let found = context.sections(named: name)
        guard !found.isEmpty else { return .unsatisfied }
        return ConditionResult(.satisfied, evidence: found.map {
            context.evidence(forBlock: context.document.sections[$0].headingBlock)
        })
    }

    var summary: String { "has section \(name)" }
}

/// `heading: [patterns]` with `min_level`/`max_level`/`outside` — an inline, anonymous section selector.
struct HeadingCondition: Condition {
    let selector: SectionSelector

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        let outside = selector.outside.flatMap { context.sections(named: $0) }.map { context.document.sections[$0].blocks }
        let found = selector.resolve(in: context, outsideRanges: outside)
        guard !found.isEmpty else { return .unsatisfied }
        return ConditionResult(.satisfied, evidence: found.map {
            context.evidence(forBlock: context.document.sections[$0].headingBlock)
        })
    }

    var summary: String {
        "a level \(selector.minLevel)–\(selector.maxLevel) heading containing \(selector.patterns.source.joined(separator: " | "))"
            + (selector.outside.isEmpty ? "" : " outside \(selector.outside.joined(separator: ", "))")
    }
}
