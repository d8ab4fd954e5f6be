import Foundation
import ReportDocument
import RuleEngine

/// What a warm rerun needs of a reused report when it only writes JSON lines: the verdict and the failing
/// findings' rule, severity and suppression — stored beside the cached JSON so the JSON need not be decoded
/// (decoding was most of a warm rerun's time). Format: `verdict` TAB `format` TAB `encoding` TAB then
/// space-separated `rule:severity:flag` (flag c = suppressed by config, b = baselined, n = counted).
public enum CachedSummary {
    public static func encode(_ r: ReportResult) -> String {
        let failing = r.findings.filter { $0.status == .fail }.map { f -> String in
            let flag = f.suppression.map { $0.kind == .baseline ? "b" : "c" } ?? "n"
            return "\(f.rule.id):\(f.severity.rawValue):\(flag)"
        }
        return [r.verdict.rawValue, r.format?.rawValue ?? "", r.encoding ?? "", failing.joined(separator: " ")]
            .joined(separator: "\t")
    }

    /// A result with the verdict and the failing findings only (rule info from `rules`, empty messages): enough
    /// for summaries, exit codes and change tracking; nil when the summary cannot be read (then decode the JSON).
    public static func decode(_ s: String, path: String, rules: [String: RuleInfo]) -> ReportResult? {
        var s = s
        return s.withUTF8 { decode($0, path: path, rules: rules) }
    }

    /// `decode` from the summary's UTF-8 bytes. Split on bytes: the fields are ASCII, and splitting the String by
    /// Character (grapheme breaking) made each distinct summary cost ~12 µs.
    static func decode(_ utf8: UnsafeBufferPointer<UInt8>, path: String, rules: [String: RuleInfo]) -> ReportResult? {
        let parts = utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard parts.count == 4, let verdict = Verdict(rawValue: text(parts[0])) else { return nil }
        var findings: [Finding] = []
        for item in parts[3].split(separator: UInt8(ascii: " ")) {
            let f = item.split(separator: UInt8(ascii: ":"))
            guard f.count == 3, let severity = Severity(rawValue: text(f[1])) else { return nil }
            let id = text(f[0])
            let info = rules[id] ?? RuleInfo(id: id, pack: "", title: id, severity: severity, basis: "", hint: "")
            var finding = Finding(rule: info, status: .fail, severity: severity, message: "")
            switch text(f[2]) {
            case "b": finding.suppression = Suppression(kind: .baseline, source: "cache")
            case "c": finding.suppression = Suppression(kind: .config, source: "cache")
            default: break
            }
            findings.append(finding)
        }
        return ReportResult(path: path, format: InputFormat(rawValue: text(parts[1])),
                            encoding: parts[2].isEmpty ? nil : text(parts[2]), verdict: verdict, findings: findings)
    }

    private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }
}

/// Decodes the summaries of one run with its rules, each distinct summary once: most reports of a batch share
/// one of a few (the same rules failing). Bounded; shared by the run's worker threads.
public final class CachedSummaryDecoder: @unchecked Sendable {
    private let rules: [String: RuleInfo]
    private let lock = NSLock()
    /// Found by the summary's bytes: hashing the String and copying it into a dictionary's key was most of the
    /// reuse decision on a warm rerun's delivering thread.
    private var results = ByteStringTable<ReportResult>(capacity: 4096)

    public init(rules: [String: RuleInfo]) { self.rules = rules }

    public func decode(_ summary: String, path: String) -> ReportResult? {
        var summary = summary
        return summary.withUTF8 { bytes in
            lock.lock()
            let known = results.value(for: bytes)
            lock.unlock()
            if var known {
                known.path = path
                return known
            }
            guard let result = CachedSummary.decode(bytes, path: path, rules: rules) else { return nil }
            lock.lock()
            results.set(result, for: bytes)
            lock.unlock()
            return result
        }
    }
}
