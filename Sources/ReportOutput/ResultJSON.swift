import ReportDocument
import RuleEngine

/// The DESIGN §5 JSON for one report, shared by the json/jsonl reporters and read back by other commands
/// (`merge`, `checklist --from`). Keys in contract order; `title` and `fingerprint` appended to each finding.
public enum ResultJSON {
    /// One report object, compact, on one line.
    public static func encode(_ r: ReportResult) -> String {
        String(decoding: encodeBytes(r), as: UTF8.self)
    }

    /// `encode` as UTF-8 bytes (what batch outputs write).
    public static func encodeBytes(_ r: ReportResult) -> [UInt8] {
        encodeBytes(r, compact: nil)
    }

    /// `encodeBytes`, or with `compact` the form the result cache stores (see `CompactResultJSON`).
    static func encodeBytes(_ r: ReportResult, compact: CompactResultJSON?) -> [UInt8] {
        var o = JSONBytes()
        o.raw("{\"path\":"); o.string(r.path)
        o.raw(",\"format\":"); o.string(r.format?.rawValue)
        o.raw(",\"encoding\":"); o.string(r.encoding)
        o.raw(",\"verdict\":"); o.string(r.verdict.rawValue)
        o.raw(",\"error\":"); o.string(r.error)
        o.raw(",\"metadata\":{\"title\":"); o.string(r.metadata.title?.value)
        o.raw(",\"agency\":"); o.string(r.metadata.agency?.value)
        o.raw(",\"year\":")
        if let y = r.metadata.year { o.int(y.value) } else { o.raw("null") }
        o.raw(",\"date\":"); o.string(r.metadata.date?.value.description)
        o.raw("},\"findings\":[")
        let fragments = RuleJSONFragments.shared
        // By index into the buffer: `for (i, f) in findings.enumerated()` cost ~470 instructions a finding.
        r.findings.withUnsafeBufferPointer { findings in
            for i in findings.indices {
                if i > 0 { o.raw(",") }
                finding(findings[i], fragments, compact, into: &o)
            }
        }
        o.raw("]}")
        return o.bytes
    }

    /// One finding. The rule's basis, hint and title: as a marker in the compact form when `compact` knows the rule
    /// with these texts, else as the rule's pre-escaped fragments when they apply, else escaped here.
    private static func finding(_ f: Finding, _ fragments: RuleJSONFragments, _ compact: CompactResultJSON?,
                                into o: inout JSONBytes) {
        let compactIndex = compact?.index(of: f.rule)
        let ruleJSON = compactIndex == nil ? fragments.entry(for: f.rule) : nil
        o.raw("{\"rule\":"); o.string(f.rule.id)
        o.raw(",\"status\":"); o.string(f.status.rawValue)
        o.raw(",\"severity\":"); o.string(f.severity.rawValue)
        o.raw(",\"message\":"); o.string(f.message)
        if let compactIndex {
            compact?.marker(CompactResultJSON.basisAndHint, compactIndex, into: &o)
        } else if let ruleJSON {
            o.append(ruleJSON.basisAndHint)
        } else {
            o.raw(",\"basis\":"); o.string(f.rule.basis)
            o.raw(",\"hint\":"); o.string(f.rule.hint)
        }
        o.raw(",\"evidence\":[")
        for j in f.evidence.indices {
            if j > 0 { o.raw(",") }
            o.raw("{\"line\":"); o.int(f.evidence[j].line)
            o.raw(",\"column\":"); o.int(f.evidence[j].column)
            o.raw(",\"text\":"); o.string(f.evidence[j].text)
            o.raw("}")
        }
        if let compactIndex {
            compact?.marker(CompactResultJSON.closingTitle, compactIndex, into: &o)
        } else if let ruleJSON {
            o.append(ruleJSON.closingTitle)
        } else {
            o.raw("],\"title\":"); o.string(f.rule.title)
        }
        if !f.fingerprint.isEmpty { o.raw(",\"fingerprint\":"); o.string(f.fingerprint) }
        if let s = f.suppression {
            // Still status "fail", but not counted for the verdict or the exit status.
            o.raw(",\"suppressed\":{\"kind\":"); o.string(s.kind.rawValue)
            if let r = s.reason { o.raw(",\"reason\":"); o.string(r) }
            o.raw(",\"source\":"); o.string(s.source)
            if let e = s.expires { o.raw(",\"expires\":"); o.string(e) }
            o.raw("}")
        }
        o.raw("}")
    }

    public struct DecodingError: Error, CustomStringConvertible, Equatable {
        public var description: String
        init(_ d: String) { description = d }
    }

    /// The inverse of `encode`. Rule info is rebuilt from the fields present (rule id, severity, basis, hint,
    /// title); pass `rules` (by id) to restore the full loaded rule instead.
    public static func decode(line: String) throws -> ReportResult {
        try decode(line: line, rules: [:])
    }

    public static func decode(line: String, rules: [String: RuleInfo]) throws -> ReportResult {
        var parser = JSONParser(line)
        let v = try parser.parseDocument()
        return try decode(value: v, rules: rules)
    }

    /// Decodes a whole `--format json` document into its reports.
    public static func decodeDocument(_ text: String, rules: [String: RuleInfo] = [:]) throws -> [ReportResult] {
        var parser = JSONParser(text)
        let v = try parser.parseDocument()
        guard case .array(let reports)? = v["reports"] else { throw DecodingError("no \"reports\" array") }
        return try reports.map { try decode(value: $0, rules: rules) }
    }

    static func decode(value v: JSONValue, rules: [String: RuleInfo]) throws -> ReportResult {
        guard case .object = v else { throw DecodingError("a report must be a JSON object") }
        guard let path = v["path"]?.string else { throw DecodingError("missing \"path\"") }
        let format: InputFormat?
        if let f = v["format"]?.string {
            guard let ff = InputFormat(rawValue: f) else { throw DecodingError("unknown format \"\(f)\"") }
            format = ff
        } else { format = nil }
        guard let vs = v["verdict"]?.string, let verdict = Verdict(rawValue: vs) else {
            throw DecodingError("missing or unknown \"verdict\"")
        }
        var meta = Metadata()
        if let m = v["metadata"] {
            if let t = m["title"]?.string { meta.title = MetadataField(value: t, source: "json") }
            if let a = m["agency"]?.string { meta.agency = MetadataField(value: a, source: "json") }
            if let y = m["year"]?.int { meta.year = MetadataField(value: y, source: "json") }
            if let d = m["date"]?.string {
                guard let date = ReportDate(iso: d) else { throw DecodingError("bad date \"\(d)\"") }
                meta.date = MetadataField(value: date, source: "json")
            }
        }
        var findings: [Finding] = []
        if case .array(let fs)? = v["findings"] {
            for f in fs {
                guard let id = f["rule"]?.string else { throw DecodingError("finding without \"rule\"") }
                guard let st = f["status"]?.string, let status = FindingStatus(rawValue: st) else {
                    throw DecodingError("finding \(id): missing or unknown \"status\"")
                }
                guard let sv = f["severity"]?.string, let severity = Severity(rawValue: sv) else {
                    throw DecodingError("finding \(id): missing or unknown \"severity\"")
                }
                let rule = rules[id] ?? RuleInfo(id: id, pack: "", title: f["title"]?.string ?? "",
                                                 severity: severity, basis: f["basis"]?.string ?? "",
                                                 hint: f["hint"]?.string ?? "")
                var evidence: [Evidence] = []
                if case .array(let es)? = f["evidence"] {
                    for e in es {
                        guard let l = e["line"]?.int, let c = e["column"]?.int else {
                            throw DecodingError("finding \(id): evidence without line/column")
                        }
                        evidence.append(Evidence(line: l, column: c, text: e["text"]?.string ?? ""))
                    }
                }
                var finding = Finding(rule: rule, status: status, severity: severity,
                                      message: f["message"]?.string ?? "", evidence: evidence,
                                      fingerprint: f["fingerprint"]?.string ?? "")
                if let s = f["suppressed"], let k = s["kind"]?.string, let kind = Suppression.Kind(rawValue: k) {
                    finding.suppression = Suppression(kind: kind, reason: s["reason"]?.string,
                                                      source: s["source"]?.string ?? "", expires: s["expires"]?.string)
                }
                findings.append(finding)
            }
        }
        return ReportResult(path: path, format: format, encoding: v["encoding"]?.string, verdict: verdict,
                            error: v["error"]?.string, metadata: meta, findings: findings)
    }
}

/// A small JSON value and parser (enough for reading our own output back; strict RFC 8259).
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double, isInteger: Bool, text: String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x, _, _), .number(let y, _, _)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let kv) = self { return kv.first(where: { $0.0 == key })?.1 }
        return nil
    }

    var string: String? { if case .string(let s) = self { return s }; return nil }
    var int: Int? {
        if case .number(let d, let isInt, let text) = self {
            return isInt ? Int(text) : (d.rounded() == d ? Int(exactly: d) : nil)
        }
        return nil
    }
    var array: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
}

struct JSONParser {
    private let text: String
    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    init(_ text: String) {
        self.text = text
        bytes = Array(text.utf8)
    }

    private func error(_ what: String) -> ResultJSON.DecodingError {
        ResultJSON.DecodingError("invalid JSON at byte \(i): \(what)")
    }

    mutating func parseDocument() throws -> JSONValue {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        let v = try parseValue()
        skipWS()
        guard i == bytes.count else { throw error("trailing characters") }
        return v
    }

    private mutating func skipWS() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func parseValue() throws -> JSONValue {
        skipWS()
        guard i < bytes.count else { throw error("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        default: return try parseNumber()
        }
    }

    private mutating func literal(_ word: String) throws {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<i + w.count]) == w else { throw error("expected \(word)") }
        i += w.count
    }

    private mutating func parseObject() throws -> JSONValue {
        depth += 1
        guard depth < 200 else { throw error("nested too deeply") }
        defer { depth -= 1 }
        i += 1
        var kv: [(String, JSONValue)] = []
        skipWS()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(kv) }
        while true {
            skipWS()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let k = try parseString()
            skipWS()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
            i += 1
            kv.append((k, try parseValue()))
            skipWS()
            guard i < bytes.count else { throw error("unexpected end in object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(kv) }
            throw error("expected ',' or '}'")
        }
    }

    private mutating func parseArray() throws -> JSONValue {
        depth += 1
        guard depth < 200 else { throw error("nested too deeply") }
        defer { depth -= 1 }
        i += 1
        var a: [JSONValue] = []
        skipWS()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
        while true {
            a.append(try parseValue())
            skipWS()
            guard i < bytes.count else { throw error("unexpected end in array") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(a) }
            throw error("expected ',' or ']'")
        }
    }

    private mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: throw error("bad hex digit")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    /// A string literal. The input is a String, so a string without escapes is a slice of it between two quotes
    /// (character boundaries): copied as a Substring, it is not validated again.
    private mutating func parseString() throws -> String {
        i += 1
        let start = i
        // Up to the closing quote or the first escape: most strings have none and are one slice of the input.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
            i += 1
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "\"") {
            i += 1
            let utf8 = text.utf8
            return String(text[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: i - 1)])
        }
        var buf = Array(bytes[start..<i])
        while true {
            guard i < bytes.count else { throw error("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; break }
            if b < 0x20 { throw error("control character in string") }
            if b != UInt8(ascii: "\\") { buf.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { throw error("unterminated escape") }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): buf.append(0x22)
            case UInt8(ascii: "\\"): buf.append(0x5C)
            case UInt8(ascii: "/"): buf.append(0x2F)
            case UInt8(ascii: "b"): buf.append(0x08)
            case UInt8(ascii: "f"): buf.append(0x0C)
            case UInt8(ascii: "n"): buf.append(0x0A)
            case UInt8(ascii: "r"): buf.append(0x0D)
            case UInt8(ascii: "t"): buf.append(0x09)
            case UInt8(ascii: "u"):
                var v = try hex4()
                if (0xD800...0xDBFF).contains(v) {
                    guard i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw error("lone surrogate")
                    }
                    i += 2
                    let lo = try hex4()
                    guard (0xDC00...0xDFFF).contains(lo) else { throw error("bad surrogate pair") }
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(v) {
                    throw error("lone surrogate")
                }
                guard let scalar = Unicode.Scalar(v) else { throw error("bad code point") }
                buf.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw error("bad escape")
            }
        }
        return String(decoding: buf, as: UTF8.self)
    }

    private mutating func parseNumber() throws -> JSONValue {
        let start = i
        var isInt = true
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1; digits += 1 }
        guard digits > 0 else { throw error("unexpected character") }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            isInt = false; i += 1
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            isInt = false; i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        guard let d = Double(text) else { throw error("bad number") }
        return .number(d, isInteger: isInt, text: text)
    }
}
