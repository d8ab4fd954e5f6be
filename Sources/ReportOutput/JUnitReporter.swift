import CLibXML2
import RuleEngine

/// `--format junit`: JUnit XML as GitLab and Jenkins read it, built with libxml2's tree API (so it is well-formed
/// whatever the report text holds). `<testsuites>` → one `<testsuite>` per report → one `<testcase>` per rule
/// (`classname` = pack, `name` = rule id); `<failure>` for fail, `<skipped/>` for not-applicable; an input error is
/// one `<testcase name="input">` with `<error>`.
public struct JUnitReporter: Reporter {
    struct Case {
        var classname: String
        var name: String
        var file: String
        /// nil = passed
        var outcome: Outcome?
    }
    enum Outcome {
        case failure(message: String, type: String, body: String)
        case skipped(message: String)
        case error(message: String, type: String, body: String)
    }
    struct Suite {
        var name: String
        var cases: [Case]
        var failures: Int { cases.filter { if case .failure? = $0.outcome { return true }; return false }.count }
        var errors: Int { cases.filter { if case .error? = $0.outcome { return true }; return false }.count }
        var skipped: Int { cases.filter { if case .skipped? = $0.outcome { return true }; return false }.count }
    }

    let context: ReportContext
    var suites: [Suite] = []

    public init(context: ReportContext) { self.context = context }
    public mutating func header() -> String { "" }

    public mutating func report(_ result: ReportResult) -> String {
        let path = context.relativePath(result.path)
        if result.verdict == .error {
            let reason = result.error ?? "unreadable input"
            suites.append(Suite(name: path, cases: [Case(classname: ToolInfo.name, name: "input", file: path,
                                                         outcome: .error(message: reason, type: "input-error",
                                                                         body: "\(path): \(reason)"))]))
            return ""
        }
        var cases: [Case] = []
        for f in result.findings {
            let classname = f.rule.pack.isEmpty ? ToolInfo.name : f.rule.pack
            var c = Case(classname: classname, name: f.rule.id, file: path, outcome: nil)
            switch f.status {
            case .pass: break
            case .notApplicable: c.outcome = .skipped(message: f.message.isEmpty ? "not applicable" : f.message)
            case .fail where f.suppression != nil:
                let s = f.suppression!
                c.outcome = .skipped(message: s.kind == .baseline ? "known failure (baseline \(s.source)): \(f.message)"
                                     : "suppressed (\(s.reason ?? ""), \(s.source)): \(f.message)")
            case .fail:
                var body = "\(path):\(f.locationText)"
                if !f.rule.title.isEmpty { body += " \(f.rule.title) [\(f.rule.id)]" }
                body += "\n" + f.message
                if let ev = f.evidence.first, !ev.text.isEmpty { body += "\n证据：" + ev.text }
                if !f.rule.basis.isEmpty { body += "\n依据：" + f.rule.basis }
                if !f.rule.hint.isEmpty { body += "\n建议：" + f.rule.hint }
                c.outcome = .failure(message: f.message, type: f.severity.rawValue, body: body)
            }
            cases.append(c)
        }
        suites.append(Suite(name: path, cases: cases))
        return ""
    }

    public mutating func footer(summary: RunSummary) -> String {
        guard let doc = xmlNewDoc("1.0") else { return "" }
        defer { xmlFreeDoc(doc) }
        let root = xmlNewNode(nil, "testsuites")
        xmlDocSetRootElement(doc, root)
        func prop(_ node: xmlNodePtr?, _ name: String, _ value: String) {
            xmlNewProp(node, name, Escape.xmlText(value))
        }
        let total = suites.reduce(0) { $0 + $1.cases.count }
        prop(root, "name", ToolInfo.name)
        prop(root, "tests", String(total))
        prop(root, "failures", String(suites.reduce(0) { $0 + $1.failures }))
        prop(root, "errors", String(suites.reduce(0) { $0 + $1.errors }))
        prop(root, "skipped", String(suites.reduce(0) { $0 + $1.skipped }))
        for s in suites {
            let sn = xmlNewChild(root, nil, "testsuite", nil)
            prop(sn, "name", s.name)
            prop(sn, "tests", String(s.cases.count))
            prop(sn, "failures", String(s.failures))
            prop(sn, "errors", String(s.errors))
            prop(sn, "skipped", String(s.skipped))
            for c in s.cases {
                let cn = xmlNewChild(sn, nil, "testcase", nil)
                prop(cn, "classname", c.classname)
                prop(cn, "name", c.name)
                prop(cn, "file", c.file)
                switch c.outcome {
                case nil: break
                case .failure(let message, let type, let body)?:
                    let n = xmlNewTextChild(cn, nil, "failure", Escape.xmlText(body))
                    prop(n, "message", message)
                    prop(n, "type", type)
                case .error(let message, let type, let body)?:
                    let n = xmlNewTextChild(cn, nil, "error", Escape.xmlText(body))
                    prop(n, "message", message)
                    prop(n, "type", type)
                case .skipped(let message)?:
                    let n = xmlNewChild(cn, nil, "skipped", nil)
                    prop(n, "message", message)
                }
            }
        }
        var buf: UnsafeMutablePointer<xmlChar>?
        var len: Int32 = 0
        xmlDocDumpFormatMemoryEnc(doc, &buf, &len, "UTF-8", 1)
        guard let buf else { return "" }
        defer { cxml_free(buf) }
        return String(decoding: UnsafeBufferPointer(start: buf, count: Int(len)), as: UTF8.self)
    }
}
