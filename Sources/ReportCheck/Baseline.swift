import Foundation
import RuleEngine

/// Known failures recorded by `check --write-baseline FILE` and accepted by `check --baseline FILE`, so a team can
/// adopt the gate (or a nightly run can watch) and fail only on new failures.
///
/// The file is JSON, sorted, one entry per failing finding: the fingerprint decides (rule id + path as checked +
/// section anchor, so edits above a finding do not change it); rule, path, severity and message are there for
/// people reading the file or its diff.
public struct Baseline: Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var fingerprint: String
        public var rule: String
        public var path: String
        public var severity: String
        public var message: String
    }

    struct File: Codable {
        var version: Int
        var tool: String
        var findings: [Entry]
    }

    public static let formatVersion = 1

    /// Where the baseline was read from (shown as the source of baselined findings).
    public var path: String
    public var entries: [Entry]
    private var fingerprints: Set<String>

    public init(path: String, entries: [Entry]) {
        self.path = path
        self.entries = entries
        self.fingerprints = Set(entries.map(\.fingerprint))
    }

    public func contains(_ finding: Finding) -> Bool { fingerprints.contains(finding.fingerprint) }

    public static func load(path: String) throws(GateError) -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .baseline("\(path): cannot read baseline file")
        }
        do {
            let file = try JSONDecoder().decode(File.self, from: data)
            guard file.version == formatVersion else {
                throw GateError.baseline("\(path): unsupported baseline version \(file.version) (expected \(formatVersion))")
            }
            return Baseline(path: path, entries: file.findings)
        } catch let e as GateError {
            throw e
        } catch {
            throw .baseline("\(path): not a reportlint baseline (\(error))")
        }
    }

    /// The entries for the failing findings of some results: every failure except those a configuration suppresses
    /// (those stay in the configuration). Already baselined failures are kept, so rewriting refreshes the file.
    public static func entries(for results: [ReportResult]) -> [Entry] {
        var out: [Entry] = []
        for r in results {
            for f in r.findings where f.status == .fail && f.suppression?.kind != .config && f.rule.id != Gate.expiredSuppressionRule.id {
                out.append(Entry(fingerprint: f.fingerprint, rule: f.rule.id, path: r.path,
                                 severity: f.severity.rawValue, message: f.message))
            }
        }
        return out.sorted { ($0.path, $0.rule, $0.fingerprint) < ($1.path, $1.rule, $1.fingerprint) }
    }

    /// Writes a baseline atomically (pretty-printed, sorted keys: stable diffs).
    public static func write(_ entries: [Entry], to path: String) throws(GateError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            var data = try encoder.encode(File(version: formatVersion, tool: "\(ToolInfo.name) \(ToolInfo.version)", findings: entries))
            data.append(0x0A)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .baseline("\(path): cannot write baseline: \(error.localizedDescription)")
        }
    }
}
