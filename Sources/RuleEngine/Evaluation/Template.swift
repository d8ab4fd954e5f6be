/// A value written with variables: "{report_year+1}-04-01", "{heading_year:plans}", "{deadline}".
/// Integer variables accept "+N" / "-N". Expansion yields nil when any variable is absent from the report.
struct Template: Sendable {
    enum Part: Sendable {
        case literal(String)
        case variable(name: String, offset: Int)
    }

    let source: String
    let parts: [Part]

    init(_ source: String) {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            if open > rest.startIndex { parts.append(.literal(String(rest[..<open]))) }
            parts.append(Self.variable(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.literal(String(rest))) }
        self.parts = parts
    }

    private static func variable(_ body: String) -> Part {
        let trimmed = body.trimmingWhitespace()
        for sign in ["+", "-"] {
            if let r = trimmed.range(of: sign, options: .backwards), r.lowerBound > trimmed.startIndex,
               let n = Int(trimmed[r.upperBound...].trimmingWhitespace()) {
                let name = trimmed[..<r.lowerBound].trimmingWhitespace()
                return .variable(name: name, offset: sign == "+" ? n : -n)
            }
        }
        return .variable(name: trimmed, offset: 0)
    }

    var variableNames: [String] {
        parts.compactMap { if case let .variable(name, _) = $0 { return name } else { return nil } }
    }

    func expand(in context: EvaluationContext, depth: Int = 0) -> (value: String, evidence: [Evidence])? {
        guard depth < 8 else { return nil }
        var out = ""
        var evidence: [Evidence] = []
        for part in parts {
            switch part {
            case .literal(let s):
                out += s
            case let .variable(name, offset):
                guard let v = context.variable(name) else { return nil }
                if offset != 0 {
                    guard let n = Int(v.value) else { return nil }
                    out += "\(n + offset)"
                } else {
                    out += v.value
                }
                if let e = v.evidence { evidence.append(e) }
            }
        }
        return (out, evidence)
    }
}

import Foundation
