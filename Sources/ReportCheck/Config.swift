import Foundation
import ReportDocument
import RuleEngine

/// `--fail-on` / `fail_on:`: the lowest failing severity that makes the exit status 1.
public enum FailThreshold: String, Sendable, CaseIterable {
    case error, warning, never

    /// True when the result has a counted failure at this level (suppressed and baselined failures never count).
    public func fails(_ result: ReportResult) -> Bool {
        switch self {
        case .never: return false
        case .error: return result.verdict == .fail
        case .warning: return result.findings.contains { $0.isCountedFailure && $0.severity >= .warning }
        }
    }
}

/// One `.reportlint.yml`, parsed and validated for shape (rule ids are checked against the packs when the
/// configuration is compiled, see `ConfigRuleSets`).
///
/// ```yaml
/// rules: [rule-of-law-annual, ../packs/province]   # built-in ids or paths relative to this file
/// disable: [quantitative-results]
/// severity: {court-judgments: error, title: info}
/// parameters: {deadline: "{report_year+1}-03-01", report_year: 2025}
/// include: ["**/*.docx", "drafts/**"]
/// exclude: ["archive/**"]
/// per_path: {"drafts/**": [placeholders, timeliness]}
/// suppressions:
///   - {path: "2023/*.html", rule: causes, reason: "published before the rule existed", expires: 2026-12-31}
/// fail_on: warning
/// ```
public struct ProjectConfig: Sendable {
    public static let fileNames = [".reportlint.yml", ".reportlint.yaml"]
    public static let keys = ["rules", "disable", "severity", "parameters", "include", "exclude", "per_path",
                              "suppressions", "fail_on"]
    public static let suppressionKeys = ["path", "rule", "reason", "expires"]
    /// A parameter that is not a pack parameter: the report year assumed when a draft states none (like `--year`).
    public static let reportYearParameter = "report_year"

    public struct PerPath: Sendable {
        public var glob: ConfigGlob
        public var rules: [Located<String>]
        public var line: Int
        public var column: Int
    }

    public struct SuppressionEntry: Sendable {
        public var glob: ConfigGlob
        public var rule: Located<String>
        public var reason: String
        /// YYYY-MM-DD; the suppression holds through that day.
        public var expires: String?
        public var line: Int
        public var column: Int

        public func isExpired(today: String) -> Bool { expires.map { $0 < today } ?? false }
    }

    /// Path of the file as found or given (used in messages).
    public var path: String
    /// Absolute directory of the file: globs and pack paths are relative to it.
    public var directory: String
    /// Pack specs as written, with relative paths resolved against `directory`; nil when the key is absent.
    public var rules: [Located<String>]?
    public var disable: [Located<String>] = []
    public var severity: [(rule: Located<String>, severity: Severity)] = []
    public var parameters: [(name: Located<String>, value: String)] = []
    public var reportYear: Int?
    public var include: [ConfigGlob] = []
    public var exclude: [ConfigGlob] = []
    public var perPath: [PerPath] = []
    public var suppressions: [SuppressionEntry] = []
    public var failOn: FailThreshold?
    /// `ContentHash` of the file's bytes as loaded: part of a cached result's key (nil for parsed text).
    public var contentHash: String?

    public init(path: String, directory: String) {
        self.path = path
        self.directory = directory
    }

    /// Reads and parses a configuration file.
    public static func load(path: String) throws(ConfigError) -> ProjectConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, message: "cannot read configuration file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, message: "configuration files must be UTF-8")
        }
        let absolute = ConfigPaths.absolute(path)
        var config = try parse(text, path: path, directory: (absolute as NSString).deletingLastPathComponent)
        config.contentHash = ContentHash.of(Array(data))
        return config
    }

    public static func parse(_ text: String, path: String, directory: String) throws(ConfigError) -> ProjectConfig {
        var config = ProjectConfig(path: path, directory: directory)
        guard let root = try ConfigNode.parse(text, file: path), !root.isNull else { return config }
        for (key, _, value) in try root.mapping("the configuration", allowed: keys) {
            switch key {
            case "rules":
                config.rules = try value.locatedStrings("rules").map { spec in
                    var s = spec
                    s.value = ConfigPaths.packSpec(spec.value, relativeTo: directory)
                    return s
                }
            case "disable":
                config.disable = try value.locatedStrings("disable")
            case "severity":
                for (rule, keyNode, v) in try value.mapping("severity") {
                    let name = try v.string("severity of '\(rule)'")
                    guard let s = Severity(rawValue: name) else {
                        throw v.error("severity of '\(rule)' must be one of: error, warning, info (got '\(name)')")
                    }
                    config.severity.append((Located(rule, keyNode), s))
                }
            case "parameters":
                for (name, keyNode, v) in try value.mapping("parameters") {
                    if name == reportYearParameter {
                        let y = try v.int("parameters.report_year")
                        guard (1949...2200).contains(y) else { throw v.error("parameters.report_year must be a year such as 2025") }
                        config.reportYear = y
                    } else {
                        config.parameters.append((Located(name, keyNode), try v.string("parameter '\(name)'")))
                    }
                }
            case "include":
                config.include = try value.locatedStrings("include").map { ConfigGlob($0.value) }
            case "exclude":
                config.exclude = try value.locatedStrings("exclude").map { ConfigGlob($0.value) }
            case "per_path":
                for (glob, keyNode, v) in try value.mapping("per_path") {
                    config.perPath.append(PerPath(glob: ConfigGlob(glob), rules: try v.locatedStrings("per_path '\(glob)'"),
                                                  line: keyNode.line, column: keyNode.column))
                }
            case "suppressions":
                for item in try value.sequence("suppressions") {
                    config.suppressions.append(try parseSuppression(item))
                }
            case "fail_on":
                let s = try value.string("fail_on")
                guard let level = FailThreshold(rawValue: s) else {
                    throw value.error("fail_on must be one of: error, warning, never (got '\(s)')")
                }
                config.failOn = level
            default:
                break
            }
        }
        return config
    }

    private static func parseSuppression(_ item: ConfigNode) throws(ConfigError) -> SuppressionEntry {
        let entries = try item.mapping("a suppression", allowed: suppressionKeys)
        func field(_ k: String) -> ConfigNode? { entries.first { $0.key == k }?.value }
        func required(_ k: String) throws(ConfigError) -> ConfigNode {
            guard let v = field(k) else {
                throw item.error("a suppression needs '\(k)' (keys: path, rule, reason, optional expires)")
            }
            return v
        }
        let path = try required("path").string("suppression path")
        let ruleNode = try required("rule")
        let rule = try ruleNode.string("suppression rule")
        let reasonNode = try required("reason")
        let reason = try reasonNode.string("suppression reason").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw reasonNode.error("a suppression needs a non-empty reason") }
        var expires: String?
        if let e = field("expires") {
            let s = try e.string("expires")
            guard ConfigPaths.isDate(s) else { throw e.error("expires must be a date YYYY-MM-DD (got '\(s)')") }
            expires = s
        }
        return SuppressionEntry(glob: ConfigGlob(path), rule: Located(rule, ruleNode), reason: reason,
                                expires: expires, line: item.line, column: item.column)
    }

    /// Path relative to the configuration directory (`../x` when outside), for glob matching.
    public func relativePath(_ path: String) -> String {
        ConfigPaths.relative(ConfigPaths.absolute(path), to: directory)
    }

    /// False when `include` is given and does not match, or `exclude` matches.
    public func selects(_ path: String) -> Bool {
        let rel = relativePath(path)
        if !include.isEmpty && !include.contains(where: { $0.matches(rel) }) { return false }
        return !exclude.contains { $0.matches(rel) }
    }

    /// Rule ids disabled for a path by `per_path`.
    public func disabledRules(for path: String) -> Set<String> {
        let rel = relativePath(path)
        return Set(perPath.filter { $0.glob.matches(rel) }.flatMap { $0.rules.map(\.value) })
    }

    public func matchingPerPath(_ path: String) -> [PerPath] {
        let rel = relativePath(path)
        return perPath.filter { $0.glob.matches(rel) }
    }

    public func suppressions(for path: String) -> [SuppressionEntry] {
        let rel = relativePath(path)
        return suppressions.filter { $0.glob.matches(rel) }
    }
}

/// Path helpers shared by discovery, globs and pack specs.
public enum ConfigPaths {
    /// The working directory, read once (the process never changes it).
    static let workingDirectory = FileManager.default.currentDirectoryPath

    /// `path` made absolute and normalized lexically ("." and ".." and repeated slashes removed). Symbolic links
    /// are not resolved: NSString.standardizingPath did, with a readlink per path component for every input,
    /// which was a large part of a warm batch rerun over 10,000 files.
    public static func absolute(_ path: String) -> String {
        let p = path.hasPrefix("/") ? path : workingDirectory + "/" + path
        var parts: [Substring] = []
        for component in p.split(separator: "/", omittingEmptySubsequences: true) {
            if component == "." { continue }
            if component == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(component)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// An absolute path shown relative to the current directory when it lies below it (messages stay short and
    /// match what the user typed), else unchanged.
    public static func display(_ absolutePath: String) -> String {
        let cwd = absolute(".")
        let prefix = cwd == "/" ? "/" : cwd + "/"
        return absolutePath.hasPrefix(prefix) ? String(absolutePath.dropFirst(prefix.count)) : absolutePath
    }

    /// `path` relative to `directory` (both absolute): "a/b.txt", or "../x/b.txt" when outside.
    public static func relative(_ path: String, to directory: String) -> String {
        let p = path.split(separator: "/").map(String.init)
        let d = directory.split(separator: "/").map(String.init)
        var i = 0
        while i < p.count, i < d.count, p[i] == d[i] { i += 1 }
        return (Array(repeating: "..", count: d.count - i) + p[i...]).joined(separator: "/")
    }

    /// A pack given in a configuration: a path relative to the configuration when such a file or directory
    /// exists there (or the spec looks like a path), else as written (a built-in pack id).
    static func packSpec(_ spec: String, relativeTo directory: String) -> String {
        if spec.hasPrefix("/") { return spec }
        let candidate = ((directory as NSString).appendingPathComponent(spec) as NSString).standardizingPath
        if FileManager.default.fileExists(atPath: candidate) { return candidate }
        if spec.contains("/") || spec.hasSuffix(".yml") || spec.hasSuffix(".yaml") { return candidate }
        return spec
    }

    static func isDate(_ s: String) -> Bool {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m) else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...days[m - 1]).contains(d)
    }

    /// Today's local date as YYYY-MM-DD. From libc's local time, not a DateFormatter: building one loads ICU's
    /// locale, calendar and time-zone data (~8 ms, paid by every run, a one-draft CI check included).
    public static func today() -> String {
        var now = time(nil)
        var parts = tm()
        guard localtime_r(&now, &parts) != nil else { return "1970-01-01" }
        return ReportDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            .description
    }
}
