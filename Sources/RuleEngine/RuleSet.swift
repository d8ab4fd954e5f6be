import Foundation
import ReportDocument

/// The loaded, compiled rule packs of a run. Immutable and shared by all worker threads.
public struct RuleSet: Sendable {
    public var packs: [CompiledPack]
    /// Values for pack parameters given on the command line or in a config (e.g. deadline), by name.
    public var parameterOverrides: [String: String] = [:]

    public init(packs: [CompiledPack]) {
        self.packs = packs
    }

    /// Every pack that contributed rules, bases first.
    public var packInfos: [PackInfo] {
        var seen = Set<String>()
        var out: [PackInfo] = []
        for p in packs { for info in p.lineage where seen.insert(info.id).inserted { out.append(info) } }
        return out
    }

    /// Every rule, in pack order.
    public var rules: [RuleInfo] { packs.flatMap { $0.rules.map(\.info) } }

    public var compiledRules: [CompiledRule] { packs.flatMap(\.rules) }

    public func rule(id: String) -> CompiledRule? { compiledRules.first { $0.info.id == id } }

    /// Findings for every rule of every pack, in pack order.
    public func evaluate(_ document: Document) -> [Finding] {
        packs.flatMap { $0.evaluate(document, parameterOverrides: parameterOverrides) }
    }

    /// Evaluates with per-rule timing, for `check --profile`: adds each rule's time to `times` (seconds).
    public func evaluateProfiled(_ document: Document, times: inout [String: Double]) -> [Finding] {
        var findings: [Finding] = []
        for pack in packs {
            var p = pack
            for (k, v) in parameterOverrides where p.parameters[k] != nil { p.parameters[k] = v }
            let context = EvaluationContext(document: document, pack: p)
            for rule in pack.rules {
                let start = DispatchTime.now().uptimeNanoseconds
                var f = rule.evaluate(in: context)
                f.fingerprint = Fingerprint.make(rule: rule.info.id, path: document.path,
                                                 anchor: Fingerprint.anchor(for: f, in: document))
                times[rule.info.id, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                findings.append(f)
            }
        }
        return findings
    }
}
