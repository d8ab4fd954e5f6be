import ReportCheck
import ReportDocument
import RuleEngine
import Testing

/// The summary stored beside a cached result: what a warm JSON-lines rerun reads instead of the JSON. Decoding it
/// gives back the verdict, format, encoding and each failing finding's rule, severity and suppression kind.
@Suite struct CachedSummaryTests {
    static let rules: [String: RuleInfo] = [
        "plan-year": RuleInfo(id: "plan-year", pack: "p", title: "下一年度工作计划", severity: .error, basis: "第二十五条", hint: "写明"),
        "issuer-and-date": RuleInfo(id: "issuer-and-date", pack: "p", title: "落款", severity: .warning, basis: "b", hint: "h"),
    ]

    static func finding(_ id: String, _ severity: Severity, _ status: FindingStatus = .fail,
                        suppressed: Suppression.Kind? = nil) -> Finding {
        var f = Finding(rule: rules[id] ?? RuleInfo(id: id, pack: "", title: id, severity: severity, basis: "", hint: ""),
                        status: status, severity: severity, message: "未找到")
        if let suppressed { f.suppression = Suppression(kind: suppressed, source: "x") }
        return f
    }

    @Test func roundTrips() throws {
        let results = [
            ReportResult(path: "a.txt", format: .text, encoding: "UTF-8", verdict: .pass, findings: [
                Self.finding("plan-year", .error, .pass)]),
            ReportResult(path: "b.html", format: .html, encoding: "GB18030", verdict: .fail, findings: [
                Self.finding("plan-year", .error), Self.finding("issuer-and-date", .warning, suppressed: .baseline),
                Self.finding("unknown-rule", .info, suppressed: .config)]),
            ReportResult(path: "c.docx", format: .docx, encoding: nil, verdict: .fail, findings: [
                Self.finding("issuer-and-date", .error)]),
        ]
        for r in results {
            let summary = CachedSummary.encode(r)
            let d = try #require(CachedSummary.decode(summary, path: "elsewhere/" + r.path, rules: Self.rules))
            #expect(d.path == "elsewhere/" + r.path)
            #expect(d.verdict == r.verdict && d.format == r.format && d.encoding == r.encoding)
            let failing = r.findings.filter { $0.status == .fail }
            #expect(d.findings.map(\.rule.id) == failing.map(\.rule.id))
            #expect(d.findings.map(\.severity) == failing.map(\.severity))
            #expect(d.findings.map { $0.suppression?.kind } == failing.map { $0.suppression?.kind })
            #expect(d.findings.allSatisfy { $0.status == .fail })
            // Known rules come back with their full info, unknown ones with their id as title.
            for f in d.findings { #expect(f.rule.title == (Self.rules[f.rule.id]?.title ?? f.rule.id)) }
            // The decoder that caches by summary gives the same, for any path.
            let cached = CachedSummaryDecoder(rules: Self.rules)
            for p in ["x", "y"] { #expect(cached.decode(summary, path: p) == CachedSummary.decode(summary, path: p, rules: Self.rules)) }
        }
    }

    @Test(arguments: ["", "fail", "fail\ttext\tUTF-8", "maybe\ttext\tUTF-8\t", "fail\ttext\tUTF-8\tplan-year:fatal:n",
                      "fail\ttext\tUTF-8\tplan-year", "fail\ttext\tUTF-8\ta:error:n\textra"])
    func rejectsWhatItCannotRead(_ summary: String) {
        #expect(CachedSummary.decode(summary, path: "a.txt", rules: Self.rules) == nil)
    }
}
