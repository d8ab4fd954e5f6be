/// Turns the YAML of a condition into a compiled `Condition`, checking every key, pattern, section and
/// variable name against what the pack defines.
struct ConditionParser {
    let sectionNames: Set<String>
    let parameterNames: Set<String>
    /// The pack is built in: its regexes are known to compile with ICU (see `PatternSet.init`).
    var builtinPack = false

    static let kinds = ["section", "heading", "text", "no_text", "near", "metadata", "compare", "all", "any", "not"]
    private static let modifiers: [String: [String]] = [
        "section": [],
        "heading": ["level", "min_level", "max_level", "outside", "exclude", "first"],
        "text": ["in", "min_count"],
        "no_text": ["in"],
        "near": ["within", "same_sentence", "in"],
        "metadata": ["contains", "contains_all", "from"],
        "compare": [],
        "all": [], "any": [], "not": [],
    ]
    static let metadataSources = ["meta:ArticleTitle", "meta:ContentSource", "meta:PubDate", "h1", "html-title",
                                  "title-line", "header-line", "publication-line", "info-table", "signature",
                                  "opening-paragraph", "title", "docx-title", "cli", "config", "manifest"]

    func parse(_ node: YAMLNode, _ what: String) throws(PackLoadError) -> any Condition {
        let entries = try node.mapping(what)
        let kinds = entries.filter { Self.kinds.contains($0.key) }
        guard kinds.count == 1, let kind = kinds.first else {
            throw node.error(kinds.isEmpty
                ? "\(what) needs one of: \(Self.kinds.joined(separator: ", "))"
                : "\(what) has several condition kinds (\(kinds.map(\.key).joined(separator: ", "))); combine them with all: or any:")
        }
        let allowed = [kind.key] + (Self.modifiers[kind.key] ?? [])
        let fields = try YAMLFields(node, "\(kind.key) condition", allowed: allowed)
        let value = kind.value
        switch kind.key {
        case "section":
            let name = try value.string("section")
            try checkSection(name, at: value)
            return SectionCondition(name: name)
        case "heading":
            return HeadingCondition(selector: try parseSelector(name: "", fields: fields, patternsKey: "heading"))
        case "text", "no_text":
            let patterns = try compile(value, kind.key)
            let scope = try parseScope(fields["in"])
            var minCount = 1
            if let n = fields["min_count"] {
                minCount = try n.int("min_count")
                guard minCount >= 1 else { throw n.error("min_count must be at least 1") }
            }
            return TextCondition(patterns: patterns, scope: scope, minCount: minCount, absent: kind.key == "no_text")
        case "near":
            let pair = try value.sequence("near")
            guard pair.count == 2 else { throw value.error("near takes exactly two pattern lists: [[A…], [B…]]") }
            let within = try fields["within"].map { (n) throws(PackLoadError) -> Int in try n.int("within") }
            let sameSentence = try fields["same_sentence"]?.bool("same_sentence") ?? false
            guard within != nil || sameSentence else {
                throw node.error("near needs within: N (characters) or same_sentence: true")
            }
            return ProximityCondition(first: try compile(pair[0], "near"), second: try compile(pair[1], "near"),
                                      within: within, sameSentence: sameSentence, scope: try parseScope(fields["in"]))
        case "metadata":
            let name = try value.string("metadata")
            guard let field = MetadataCondition.Field(rawValue: name) else {
                throw value.error("unknown metadata field '\(name)'; allowed: \(MetadataCondition.Field.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var groups: [PatternSet] = []
            if let c = fields["contains"] { groups.append(try compile(c, "contains")) }
            if let all = fields["contains_all"] {
                for item in try all.sequence("contains_all") { groups.append(try compile(item, "contains_all")) }
            }
            var sources: [String] = []
            if let from = fields["from"] {
                sources = try from.strings("from")
                for s in sources where !Self.metadataSources.contains(s) {
                    throw from.error("unknown metadata source '\(s)'; allowed: \(Self.metadataSources.joined(separator: ", "))")
                }
            }
            return MetadataCondition(field: field, mustContain: groups, sources: sources)
        case "compare":
            let ops = CompareCondition.Operator.allCases.map(\.rawValue)
            let cf = try YAMLFields(value, "compare", allowed: ["value"] + ops)
            let left = try template(try cf.required("value"))
            let given = cf.entries.filter { ops.contains($0.key) }
            guard given.count == 1, let opEntry = given.first, let op = CompareCondition.Operator(rawValue: opEntry.key) else {
                throw value.error("compare needs exactly one operator: \(ops.joined(separator: ", "))")
            }
            return CompareCondition(left: left, op: op, right: try template(opEntry.value))
        case "all", "any":
            var list: [any Condition] = []
            for (i, item) in try value.sequence(kind.key).enumerated() {
                list.append(try parse(item, "\(kind.key)[\(i)]"))
            }
            guard !list.isEmpty else { throw value.error("\(kind.key) needs at least one condition") }
            return kind.key == "all" ? AllCondition(conditions: list) : AnyCondition(conditions: list)
        default: // "not"
            return NotCondition(condition: try parse(value, "not"))
        }
    }

    /// A section selector from `heading:` (inline) or a named `sections:` entry.
    func parseSelector(name: String, fields: YAMLFields, patternsKey: String) throws(PackLoadError) -> SectionSelector {
        let patterns = try compile(try fields.required(patternsKey), patternsKey)
        var minLevel = 1, maxLevel = 2
        if let level = fields["level"] {
            minLevel = try level.int("level"); maxLevel = minLevel
        }
        if let n = fields["min_level"] { minLevel = try n.int("min_level") }
        if let n = fields["max_level"] { maxLevel = try n.int("max_level") }
        guard (1...6).contains(minLevel), (1...6).contains(maxLevel), minLevel <= maxLevel else {
            throw fields.owner.error("heading levels must satisfy 1 ≤ min_level ≤ max_level ≤ 6")
        }
        var outside: [String] = []
        if let o = fields["outside"] {
            outside = try o.strings("outside")
            for s in outside { try checkSection(s, at: o) }
            if outside.contains(name) { throw o.error("section '\(name)' cannot lie outside itself") }
        }
        let exclude = try fields["exclude"].map { (n) throws(PackLoadError) -> PatternSet in try compile(n, "exclude") }
        let first = try fields["first"]?.bool("first") ?? false
        let title = fields["title"]?.scalarString
        return SectionSelector(name: name, title: title, patterns: patterns, exclude: exclude, minLevel: minLevel,
                               maxLevel: maxLevel, outside: outside, firstOnly: first)
    }

    func compile(_ node: YAMLNode, _ what: String) throws(PackLoadError) -> PatternSet {
        let list = try node.strings(what)
        guard !list.isEmpty else { throw node.error("\(what) needs at least one pattern") }
        try RegexSafety.checkPatterns(node, what)
        do {
            return try PatternSet(list, regexesKnownValid: builtinPack)
        } catch {
            switch error {
            case .emptyPattern: throw node.error("\(what) has an empty pattern")
            case let .badRegex(pattern, reason): throw node.error("bad regular expression '\(pattern)' in \(what): \(reason)")
            }
        }
    }

    func parseScope(_ node: YAMLNode?) throws(PackLoadError) -> Scope {
        guard let node else { return .document }
        let name = try node.string("in")
        let scope = Scope(name: name)
        if case .section(let s) = scope { try checkSection(s, at: node) }
        return scope
    }

    func checkSection(_ name: String, at node: YAMLNode) throws(PackLoadError) {
        guard sectionNames.contains(name) else {
            let known = (Scope.reserved.map { "\($0) (scope)" } + sectionNames.sorted()).joined(separator: ", ")
            throw node.error("unknown section '\(name)'; defined: \(known)")
        }
    }

    func template(_ node: YAMLNode) throws(PackLoadError) -> Template {
        let t = Template(try node.string("compare value"))
        for name in t.variableNames {
            if ["report_year", "report_date"].contains(name) || parameterNames.contains(name) { continue }
            if name.hasPrefix("heading_year:") {
                try checkSection(String(name.dropFirst("heading_year:".count)), at: node)
                continue
            }
            let known = (["report_year", "report_date", "heading_year:SECTION"] + parameterNames.sorted()).joined(separator: ", ")
            throw node.error("unknown variable '{\(name)}'; known: \(known)")
        }
        return t
    }
}
