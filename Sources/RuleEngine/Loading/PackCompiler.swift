/// Compiles one pack: manifest (id, version, extends, parameters, sections, overrides) and its rules.
struct PackCompiler {
    let source: PackSource
    let stack: [String]

    static let packKeys = ["id", "version", "title", "description", "extends", "parameters", "sections",
                           "rules", "overrides"]
    static let sectionKeys = ["title", "heading", "level", "min_level", "max_level", "outside", "exclude", "first"]
    static let overrideKeys = ["severity", "disabled", "title", "hint", "basis"]

    func compile() throws(PackLoadError) -> CompiledPack {
        let file = source.manifest.path
        guard let root = try YAMLNode.parse(source.manifest.text, file: file) else {
            throw PackLoadError(file: file, message: "empty pack file")
        }
        let fields = try YAMLFields(root, "pack", allowed: Self.packKeys)
        let id = try fields.required("id").string("id")
        let version = try fields["version"]?.string("version") ?? "0"

        // Bases first: their sections, parameters and rules are inherited.
        var sections: [String: SectionSelector] = [:]
        var sectionNames: [String] = []
        var parameters: [String: String] = [:]
        var rules: [CompiledRule] = []
        var lineage: [PackInfo] = []
        if let ext = fields["extends"] {
            for baseSpec in try ext.strings("extends") {
                let base: CompiledPack
                do {
                    base = try RuleSetLoader.loadPack(baseSpec, relativeTo: source.directory, stack: stack)
                } catch let e where e.message.hasPrefix("no rule pack") {
                    throw ext.error("extends: \(e.message)")
                }
                for name in base.sectionNames where sections[name] == nil { sectionNames.append(name) }
                sections.merge(base.sections) { $1 }
                parameters.merge(base.parameters) { $1 }
                rules += base.rules
                lineage += base.lineage.filter { l in !lineage.contains { $0.id == l.id } }
            }
        }
        if let p = fields["parameters"] {
            for (key, _, value) in try p.mapping("parameters") { parameters[key] = try value.string("parameter \(key)") }
        }

        // Sections: names first (selectors may refer to each other through outside:), then selectors.
        var sectionNodes: [(String, YAMLNode)] = []
        if let s = fields["sections"] {
            for (name, _, node) in try s.mapping("sections") {
                sectionNodes.append((name, node))
                if sections[name] == nil { sectionNames.append(name) }
            }
        }
        let known = Set(sectionNames)
        let parser = ConditionParser(sectionNames: known, parameterNames: Set(parameters.keys),
                                     builtinPack: source.isBuiltin)
        for (name, node) in sectionNodes {
            let f = try YAMLFields(node, "section '\(name)'", allowed: Self.sectionKeys)
            sections[name] = try parser.parseSelector(name: name, fields: f, patternsKey: "heading")
        }
        try Self.rejectOutsideCycles(sections, at: fields["sections"] ?? root)

        // Overrides of inherited rules (a provincial profile on top of the national pack).
        if let o = fields["overrides"] {
            for (ruleID, keyNode, node) in try o.mapping("overrides") {
                guard let index = rules.firstIndex(where: { $0.info.id == ruleID }) else {
                    throw keyNode.error("overrides: no inherited rule '\(ruleID)'; inherited: \(rules.map(\.info.id).joined(separator: ", "))")
                }
                let of = try YAMLFields(node, "override of '\(ruleID)'", allowed: Self.overrideKeys)
                if try of["disabled"]?.bool("disabled") == true { rules.remove(at: index); continue }
                if let s = of["severity"] { rules[index].info.severity = try RuleCompiler.severity(s) }
                if let t = of["title"] { rules[index].info.title = try t.string("title") }
                if let h = of["hint"] { rules[index].info.hint = try h.string("hint") }
                if let b = of["basis"] { rules[index].info.basis = try b.string("basis") }
            }
        }

        // Own rules: inline, then one file per rule (or a list) under rules/.
        let compiler = RuleCompiler(packID: id, parser: parser)
        var own: [CompiledRule] = []
        if let inline = fields["rules"] {
            for node in try inline.sequence("rules") { own.append(try compiler.compile(node)) }
        }
        for (path, text) in source.ruleFiles {
            guard let node = try YAMLNode.parse(text, file: path) else { continue }
            if node.isSequence {
                for item in try node.sequence("rules") { own.append(try compiler.compile(item)) }
            } else {
                own.append(try compiler.compile(node))
            }
        }
        for rule in own {
            if rules.contains(where: { $0.info.id == rule.info.id }) || own.filter({ $0.info.id == rule.info.id }).count > 1 {
                throw PackLoadError(file: rule.file, line: rule.line,
                                    message: "duplicate rule id '\(rule.info.id)' (to change an inherited rule, use overrides:)")
            }
        }
        let info = PackInfo(id: id, version: version)
        return CompiledPack(info: info, title: fields["title"]?.scalarString, lineage: lineage + [info],
                            sections: sections, sectionNames: sectionNames, parameters: parameters,
                            rules: rules + own).indexed()
    }

    private static func rejectOutsideCycles(_ sections: [String: SectionSelector], at node: YAMLNode) throws(PackLoadError) {
        func visit(_ name: String, _ path: [String]) throws(PackLoadError) {
            if path.contains(name) {
                throw node.error("sections refer to each other in a cycle through outside: \((path + [name]).joined(separator: " → "))")
            }
            for next in sections[name]?.outside ?? [] { try visit(next, path + [name]) }
        }
        for name in sections.keys.sorted() { try visit(name, []) }
    }
}
