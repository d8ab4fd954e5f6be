/// Compiles one rule mapping: texts, severity, conditions, fallbacks and examples.
struct RuleCompiler {
    let packID: String
    let parser: ConditionParser

    static let ruleKeys = ["id", "title", "title_en", "severity", "basis", "hint", "hint_en", "group", "description",
                           "applies_if", "pass_if", "fallbacks", "message", "pass_message", "not_applicable_message",
                           "examples"]
    static let fallbackKeys = ["when", "severity", "message"]
    static let exampleKinds = ["pass", "fail", "not_applicable"]

    static func severity(_ node: YAMLNode) throws(PackLoadError) -> Severity {
        let s = try node.string("severity")
        guard let v = Severity(rawValue: s) else {
            throw node.error("unknown severity '\(s)'; allowed: \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    func compile(_ node: YAMLNode) throws(PackLoadError) -> CompiledRule {
        let f = try YAMLFields(node, "rule", allowed: Self.ruleKeys)
        let idNode = try f.required("id")
        let id = try idNode.string("id")
        guard !id.isEmpty, id.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw idNode.error("rule id '\(id)' must use lowercase letters, digits and '-' only")
        }
        let what = "rule '\(id)'"
        let rf = try YAMLFields(node, what, allowed: Self.ruleKeys)  // re-read to name the rule in errors
        let info = RuleInfo(id: id, pack: packID, title: try rf.required("title").string("title"),
                            titleEn: try rf["title_en"]?.string("title_en"),
                            severity: try Self.severity(try rf.required("severity")),
                            basis: try rf.required("basis").string("basis"),
                            hint: try rf.required("hint").string("hint"),
                            hintEn: try rf["hint_en"]?.string("hint_en"),
                            group: try rf["group"]?.string("group"))
        let appliesIf = try rf["applies_if"].map { (n) throws(PackLoadError) -> any Condition in try parser.parse(n, "applies_if of \(what)") }
        let passIf = try parser.parse(try rf.required("pass_if"), "pass_if of \(what)")
        var fallbacks: [Fallback] = []
        if let list = rf["fallbacks"] {
            for item in try list.sequence("fallbacks") {
                let ff = try YAMLFields(item, "fallback of \(what)", allowed: Self.fallbackKeys)
                fallbacks.append(Fallback(when: try parser.parse(try ff.required("when"), "fallback condition"),
                                          severity: try Self.severity(try ff.required("severity")),
                                          message: try ff.required("message").string("message")))
            }
        }
        var examples: [RuleExample] = []
        if let ex = rf["examples"] {
            for (kind, _, list) in try ex.mapping("examples of \(what)", allowed: Self.exampleKinds) {
                let expect: FindingStatus = kind == "pass" ? .pass : (kind == "fail" ? .fail : .notApplicable)
                for item in try list.sequence("examples.\(kind)") {
                    if let text = item.scalarString {
                        examples.append(RuleExample(text: text, expect: expect, severity: nil, file: item.file, line: item.line))
                    } else {
                        let ef = try YAMLFields(item, "example", allowed: ["text", "severity"])
                        let sev = try ef["severity"].map { (n) throws(PackLoadError) -> Severity in try Self.severity(n) }
                        examples.append(RuleExample(text: try ef.required("text").string("text"), expect: expect,
                                                    severity: sev, file: item.file, line: item.line))
                    }
                }
            }
        }
        return CompiledRule(info: info, appliesIf: appliesIf, passIf: passIf, fallbacks: fallbacks,
                            failMessage: try rf["message"]?.string("message") ?? "未满足：\(info.title)",
                            passMessage: try rf["pass_message"]?.string("pass_message"),
                            notApplicableMessage: try rf["not_applicable_message"]?.string("not_applicable_message"),
                            examples: examples, file: node.file, line: node.line)
    }
}
