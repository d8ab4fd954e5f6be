extension JSONValue {
    static func int(_ n: Int) -> JSONValue { .number(Double(n), isInteger: true, text: String(n)) }
    static func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// Serialized with 2-space indentation (deterministic: object keys in insertion order).
    func pretty(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    private func write(into out: inout String, indent: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(_, _, let text): out += text
        case .string(let s): out += Escape.json(s)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "[\n"
            for (i, v) in a.enumerated() {
                out += pad
                v.write(into: &out, indent: indent + 2)
                out += i == a.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let kv):
            if kv.isEmpty { out += "{}"; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "{\n"
            for (i, (k, v)) in kv.enumerated() {
                out += pad + Escape.json(k) + ": "
                v.write(into: &out, indent: indent + 2)
                out += i == kv.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }
}
