/// Loading a pack from YAML text held in memory (fuzzing, tests, packs from stdin). Relative `extends` are not
/// resolved against any directory; built-in pack ids still work.
extension RuleSetLoader {
    public static func load(packText text: String, path: String) throws(PackLoadError) -> RuleSet {
        let source = PackSource(manifest: (path, text), ruleFiles: [], directory: nil, identity: "text:\(path)")
        return RuleSet(packs: [try PackCompiler(source: source, stack: [source.identity]).compile()])
    }
}
