/// Loads rule packs (built-in ids, directories or files), resolves `extends`, validates everything with
/// file:line:col errors, and compiles the patterns once, before any report is read.
public enum RuleSetLoader {
    public static let defaultPackID = "rule-of-law-annual"

    /// The ids of the packs compiled into the binary.
    public static var builtinPackIDs: [String] { BuiltinPackSources.packs.map(\.id) }

    public static func load(_ specs: [String]) throws(PackLoadError) -> RuleSet {
        var packs: [CompiledPack] = []
        var ruleIDs: [String: String] = [:]
        for spec in specs.isEmpty ? [defaultPackID] : specs {
            let pack = try loadPack(spec, relativeTo: nil, stack: [])
            for rule in pack.rules {
                if let other = ruleIDs[rule.info.id] {
                    throw PackLoadError(file: rule.file, line: rule.line,
                                        message: "rule id '\(rule.info.id)' is defined by pack '\(other)' too; give it another id or extend that pack and use overrides")
                }
                ruleIDs[rule.info.id] = pack.info.id
            }
            packs.append(pack)
        }
        return RuleSet(packs: packs)
    }

    static func loadPack(_ spec: String, relativeTo base: String?, stack: [String]) throws(PackLoadError) -> CompiledPack {
        let source = try PackSource.resolve(spec, relativeTo: base)
        if stack.contains(source.identity) {
            throw PackLoadError(file: source.manifest.path,
                                message: "cyclic extends: \((stack + [source.identity]).joined(separator: " → "))")
        }
        return try PackCompiler(source: source, stack: stack + [source.identity]).compile()
    }
}
