import ReportDocument
import RuleEngine
import Testing
@testable import ReportOutput

/// Findings write their rule's basis, hint and title from fragments escaped once per rule: the line must be what
/// escaping each text in place gives, also when another result carries other texts under the same rule id.
@Suite struct RuleJSONFragmentTests {
    /// The finding object as written field by field (the definition the fragments stand in for).
    static func expectedFinding(_ f: Finding) -> String {
        var s = "{\"rule\":" + Escape.json(f.rule.id) + ",\"status\":" + Escape.json(f.status.rawValue)
        s += ",\"severity\":" + Escape.json(f.severity.rawValue) + ",\"message\":" + Escape.json(f.message)
        s += ",\"basis\":" + Escape.json(f.rule.basis) + ",\"hint\":" + Escape.json(f.rule.hint) + ",\"evidence\":["
        s += f.evidence.map { "{\"line\":\($0.line),\"column\":\($0.column),\"text\":" + Escape.json($0.text) + "}" }
            .joined(separator: ",")
        s += "],\"title\":" + Escape.json(f.rule.title)
        if !f.fingerprint.isEmpty { s += ",\"fingerprint\":" + Escape.json(f.fingerprint) }
        return s + "}"
    }

    @Test func findingsEqualFieldByFieldEncoding() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["法", "治", "\"", "\\", "\n", "\u{1}", "\u{7F}", "\u{2028}", "\u{2029}", "—", "a", " ", "😀"]
        func text() -> String {
            (0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        }
        for round in 0..<300 {
            // Few ids, so later rounds find cached fragments made from other texts under the same id.
            let findings = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                let rule = RuleInfo(id: "rule-\(Int.random(in: 0..<5, using: &rng))-\(round % 3)", pack: "p",
                                    title: text(), severity: .error, basis: text(), hint: text())
                return Finding(rule: rule, status: .fail, severity: .warning, message: text(),
                               evidence: [Evidence(line: 3, column: 1, text: text())], fingerprint: text())
            }
            let result = ReportResult(path: "a.txt", format: nil, encoding: "utf-8", verdict: .fail, findings: findings)
            for _ in 0..<2 {  // the second encoding reads every fragment from the cache
                let line = ResultJSON.encode(result)
                let expected = findings.map(Self.expectedFinding).joined(separator: ",")
                #expect(line.hasSuffix(",\"findings\":[" + expected + "]}"), "\(line)")
            }
        }
    }
}
