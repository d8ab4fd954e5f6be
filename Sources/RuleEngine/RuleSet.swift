import Foundation
import ReportDocument

/// The loaded, compiled rule packs of a run. Immutable and shared by all worker threads.
public struct RuleSet: Sendable {
    public var packs: [CompiledPack]
    /// Values for pack parameters given on the command line or in a config (e.g. deadline), by name. Written
    /// into the packs once, when set, rather than on every report.
    public var parameterOverrides: [String: String] = [:] {
        didSet {
            for i in packs.indices {
                for (k, v) in parameterOverrides where packs[i].parameters[k] != nil { packs[i].parameters[k] = v }
            }
        }
    }

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
        packs.flatMap { $0.evaluate(document) }
    }

    /// Evaluates with per-rule timing, for `check --profile`: adds each rule's time to `times` (seconds).
    public func evaluateProfiled(_ document: Document, times: inout [String: Double]) -> [Finding] {
        withUnsafeMutablePointer(to: &times) { t in packs.flatMap { $0.evaluate(document, times: t) } }
    }
}
