/// `all: [...]` — every condition holds. Unsatisfied wins over unknown: a report that clearly fails one part
/// fails, whatever else it lacks.
struct AllCondition: Condition {
    let conditions: [any Condition]

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        var evidence: [Evidence] = [], searched: [Evidence] = [], missing: [String] = []
        var unknown = false, unsatisfied = false
        for c in conditions {
            let r = c.evaluate(in: context)
            evidence += r.evidence
            searched += r.searched
            switch r.state {
            case .satisfied: break
            case .unsatisfied: unsatisfied = true
            case .unknown: unknown = true; missing += r.missing
            }
        }
        let state: ConditionResult.State = unsatisfied ? .unsatisfied : (unknown ? .unknown : .satisfied)
        return ConditionResult(state, evidence: evidence, searched: searched, missing: missing)
    }

    var summary: String { "all of (" + conditions.map(\.summary).joined(separator: "; ") + ")" }
    var blockPatternSets: [PatternSet] { conditions.flatMap(\.blockPatternSets) }
}

/// `any: [...]` — at least one condition holds; the first that does gives the evidence.
struct AnyCondition: Condition {
    let conditions: [any Condition]

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        var searched: [Evidence] = [], missing: [String] = [], evidence: [Evidence] = []
        var unknown = false
        for c in conditions {
            let r = c.evaluate(in: context)
            switch r.state {
            case .satisfied: return r
            case .unknown: unknown = true; missing += r.missing
            case .unsatisfied: break
            }
            searched += r.searched
            evidence += r.evidence
        }
        return ConditionResult(unknown ? .unknown : .unsatisfied, evidence: evidence, searched: searched, missing: missing)
    }

    var summary: String { "any of (" + conditions.map(\.summary).joined(separator: "; ") + ")" }
    var blockPatternSets: [PatternSet] { conditions.flatMap(\.blockPatternSets) }
}

/// `not: {...}` — the condition does not hold (unknown stays unknown).
struct NotCondition: Condition {
    let condition: any Condition

    func evaluate(in context: EvaluationContext) -> ConditionResult {
        var r = condition.evaluate(in: context)
        switch r.state {
        case .satisfied: r.state = .unsatisfied
        case .unsatisfied: r.state = .satisfied
        case .unknown: break
        }
        return r
    }

    var summary: String { "not (\(condition.summary))" }
    var blockPatternSets: [PatternSet] { condition.blockPatternSets }
}
