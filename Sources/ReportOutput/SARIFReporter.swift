import RuleEngine

/// `--format sarif`: SARIF 2.1.0, one run. `tool.driver.rules` lists every loaded rule; `results` holds the failed
/// findings with relative `artifactLocation.uri` (base `%SRCROOT%`), `region.startLine/startColumn` in Unicode code
/// points (`columnKind`), and `partialFingerprints`. Input errors are `toolExecutionNotifications`.
public struct SARIFReporter: Reporter {
    public static let schemaURI = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"
    public static let fingerprintKey = "reportlint/v1"

    let context: ReportContext
    var rules: [RuleInfo]
    var ruleIndex: [String: Int] = [:]
    var results: [JSONValue] = []
    var notifications: [JSONValue] = []

    public init(context: ReportContext) {
        self.context = context
        rules = []
        for r in context.rules where ruleIndex[r.id] == nil {
            ruleIndex[r.id] = rules.count
            rules.append(r)
        }
    }

    public mutating func header() -> String { "" }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// "first-responsible-person" → "FirstResponsiblePerson" (SARIF `name` is an identifier-like friendly name).
    static func friendlyName(_ id: String) -> String {
        id.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative path is resolved against `%SRCROOT%`; a path outside the base directory stays an absolute file URI.
    private func artifact(_ uri: String) -> JSONValue {
        uri.hasPrefix("/") ? .object([("uri", .string("file://" + uri))])
            : .object([("uri", .string(uri)), ("uriBaseId", .string("%SRCROOT%"))])
    }

    public mutating func report(_ result: ReportResult) -> String {
        let uri = Escape.uriPath(context.relativePath(result.path))
        if result.verdict == .error {
            notifications.append(.object([
                ("level", .string("error")),
                ("message", .object([("text", .string("\(result.path): \(result.error ?? "unreadable input")"))])),
                ("locations", .array([.object([("physicalLocation", .object([("artifactLocation", artifact(uri))]))])])),
                ("descriptor", .object([("id", .string("input"))])),
            ]))
            return ""
        }
        for f in result.findings where f.status == .fail {
            if ruleIndex[f.rule.id] == nil {
                ruleIndex[f.rule.id] = rules.count
                rules.append(f.rule)
            }
            let loc = f.primaryLocation
            var region: [(String, JSONValue)] = [("startLine", .int(max(1, loc.line))), ("startColumn", .int(max(1, loc.column)))]
            if let text = f.evidence.first?.text, !text.isEmpty {
                region.append(("snippet", .object([("text", .string(text))])))
            }
            results.append(.object([
                ("ruleId", .string(f.rule.id)),
                ("ruleIndex", .int(ruleIndex[f.rule.id]!)),
                ("level", .string(Self.level(f.severity))),
                ("message", .object([("text", .string(f.message))])),
                ("locations", .array([.object([("physicalLocation", .object([
                    ("artifactLocation", artifact(uri)),
                    ("region", .object(region)),
                ]))])])),
                ("partialFingerprints", .object([
                    (Self.fingerprintKey, .string(OutputFingerprint.of(f, relativePath: context.relativePath(result.path)))),
                ])),
            ]))
        }
        return ""
    }

    public mutating func footer(summary: RunSummary) -> String {
        let ruleObjects: [JSONValue] = rules.map { r in
            var o: [(String, JSONValue)] = [
                ("id", .string(r.id)),
                ("name", .string(Self.friendlyName(r.id))),
                ("shortDescription", .object([("text", .string(r.title.isEmpty ? r.id : r.title))])),
            ]
            if !r.basis.isEmpty { o.append(("fullDescription", .object([("text", .string(r.basis))]))) }
            if !r.hint.isEmpty { o.append(("help", .object([("text", .string(r.hint))]))) }
            o.append(("defaultConfiguration", .object([("level", .string(Self.level(r.severity)))])))
            if !r.pack.isEmpty { o.append(("properties", .object([("tags", .array([.string(r.pack)]))]))) }
            return .object(o)
        }
        var driver: [(String, JSONValue)] = [
            ("name", .string(ToolInfo.name)),
            ("version", .string(ToolInfo.version)),
            ("semanticVersion", .string(ToolInfo.version)),
            ("informationUri", .string(ToolInfo.informationURI)),
            ("rules", .array(ruleObjects)),
        ]
        if !context.packs.isEmpty {
            driver.append(("properties", .object([("packs", .array(context.packs.map {
                .object([("id", .string($0.id)), ("version", .string($0.version))])
            }))])))
        }
        var invocation: [(String, JSONValue)] = [("executionSuccessful", .bool(true))]
        if !notifications.isEmpty { invocation.append(("toolExecutionNotifications", .array(notifications))) }
        var run: [(String, JSONValue)] = [("tool", .object([("driver", .object(driver))]))]
        if context.baseDirectory.hasPrefix("/") {
            var base = Escape.uriPath(context.baseDirectory)
            if !base.hasSuffix("/") { base += "/" }
            run.append(("originalUriBaseIds", .object([("%SRCROOT%", .object([("uri", .string("file://" + base))]))])))
        }
        run.append(("invocations", .array([.object(invocation)])))
        run.append(("columnKind", .string("unicodeCodePoints")))
        run.append(("results", .array(results)))
        let log: JSONValue = .object([
            ("$schema", .string(Self.schemaURI)),
            ("version", .string("2.1.0")),
            ("runs", .array([.object(run)])),
        ])
        return log.pretty() + "\n"
    }
}
