import Foundation
import ReportDocument
import RuleEngine

/// A configuration or rule-pack problem found before checking starts (exit status 2).
public enum GateError: Error, Sendable, CustomStringConvertible {
    case config(ConfigError)
    case rulePack(PackLoadError)
    case baseline(String)

    public var description: String {
        switch self {
        case .config(let e): return e.description
        case .rulePack(let e): return "rule pack error: \(e.description)"
        case .baseline(let m): return m
        }
    }
}

/// The CI gate around `ReportChecker`: finds the `.reportlint.yml` of every input (nearest one walking up from
/// the file's directory, or the one given with `--config`), compiles one rule set per configuration file, and
/// turns raw results into gate results — `per_path` rules removed, `suppressions` and the baseline marking
/// accepted failures, expired suppressions reported, verdicts recomputed.
///
/// Built once on the calling thread before the run; immutable and shared by the worker threads afterwards.
public struct Gate: Sendable {
    public struct Options: Sendable {
        /// `--config FILE`: one configuration for every input, no discovery.
        public var configPath: String?
        /// False with `--no-config`: no discovery (the built-in defaults and the command line only).
        public var discover: Bool
        /// `--rules`: replaces the configuration's `rules:` when not empty.
        public var rules: [String]
        /// `--year`: wins over `parameters.report_year`.
        public var year: Int?
        /// `--baseline FILE`, loaded.
        public var baseline: Baseline?
        /// YYYY-MM-DD, for suppression expiry.
        public var today: String

        public init(configPath: String? = nil, discover: Bool = true, rules: [String] = [], year: Int? = nil,
                    baseline: Baseline? = nil, today: String = ConfigPaths.today()) {
            self.configPath = configPath
            self.discover = discover
            self.rules = rules
            self.year = year
            self.baseline = baseline
            self.today = today
        }
    }

    /// Everything that applies to the files governed by one configuration file (or by none).
    public struct Profile: Sendable {
        /// nil: no configuration file applies.
        public var config: ProjectConfig?
        public var ruleSet: RuleSet
        public var checker: ReportChecker
        /// Packs as loaded (before `disable:`), for `config show`.
        public var packSpecs: [String]
    }

    /// The rule of the findings that report an expired suppression (fails with severity warning).
    public static let expiredSuppressionRule = RuleInfo(
        id: "expired-suppression", pack: "reportlint", title: "豁免已过期（expired suppression）", severity: .warning,
        basis: ".reportlint.yml suppressions",
        hint: "删除该豁免，或在核实后更新 expires 日期（remove the suppression or renew its expires date）")

    public let options: Options
    public private(set) var profiles: [Profile] = []
    /// Configuration file path → index in `profiles` ("" for none).
    private var profileOfConfig: [String: Int] = [:]
    /// Directory → nearest configuration file ("" for none), memoized walk.
    private var configOfDirectory: [String: String] = [:]
    /// Directory part of an input path as written ("" for none) → index in `profiles`.
    private var profileOfWrittenDirectory: [Substring: Int] = [:]

    /// Resolves and compiles the configuration of every path to check (file paths, and the `--stdin-filename`
    /// name or "-" for standard input, resolved from the current directory).
    public init(options: Options, paths: some Sequence<String>) throws(GateError) {
        self.options = options
        for path in paths { try prepare(path) }
        if profiles.isEmpty { try prepare("-") }  // nothing to check: still load what would apply here
    }

    private mutating func prepare(_ path: String) throws(GateError) {
        // Paths of a batch share their directories: everything is keyed by the directory as written, before it
        // is made absolute (per file, that and a dictionary entry per path were a visible part of a warm rerun).
        let directory = Self.writtenDirectory(of: path)
        if profileOfWrittenDirectory[directory] != nil { return }
        let configPath: String
        if let explicit = options.configPath {
            configPath = explicit
        } else if options.discover {
            let abs = ConfigPaths.absolute(path == "-" ? "stdin" : path)
            configPath = nearestConfig(from: (abs as NSString).deletingLastPathComponent)
        } else {
            configPath = ""
        }
        if let i = profileOfConfig[configPath] {
            profileOfWrittenDirectory[directory] = i
            return
        }
        let profile = try compile(configPath.isEmpty ? nil : configPath)
        profiles.append(profile)
        profileOfConfig[configPath] = profiles.count - 1
        profileOfWrittenDirectory[directory] = profiles.count - 1
    }

    /// The directory part of an input path as written ("" for a bare name or standard input).
    private static func writtenDirectory(of path: String) -> Substring {
        path == "-" ? "" : path.lastIndex(of: "/").map { path[..<$0] } ?? ""
    }

    /// The nearest `.reportlint.yml` (or `.yaml`) walking up from `directory` to the filesystem root; "" when none.
    private mutating func nearestConfig(from directory: String) -> String {
        var dir = directory
        var visited: [String] = []
        var found = ""
        while true {
            if let known = configOfDirectory[dir] { found = known; break }
            visited.append(dir)
            if let name = ProjectConfig.fileNames.first(where: { Self.isFile((dir as NSString).appendingPathComponent($0)) }) {
                found = ConfigPaths.display((dir as NSString).appendingPathComponent(name))
                break
            }
            if dir == "/" || dir.isEmpty { break }
            dir = (dir as NSString).deletingLastPathComponent
        }
        for d in visited { configOfDirectory[d] = found }
        return found
    }

    /// The configuration file that governs `path`, without compiling anything (nil when none).
    public static func configFile(for path: String, discover: Bool = true) -> String? {
        guard discover else { return nil }
        var dir = (ConfigPaths.absolute(path) as NSString).deletingLastPathComponent
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: ConfigPaths.absolute(path), isDirectory: &isDir), isDir.boolValue {
            dir = ConfigPaths.absolute(path)
        }
        while true {
            for name in ProjectConfig.fileNames where isFile((dir as NSString).appendingPathComponent(name)) {
                return ConfigPaths.display((dir as NSString).appendingPathComponent(name))
            }
            if dir == "/" || dir.isEmpty { return nil }
            dir = (dir as NSString).deletingLastPathComponent
        }
    }

    private static func isFile(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue
    }

    private func compile(_ configPath: String?) throws(GateError) -> Profile {
        var config: ProjectConfig?
        if let configPath {
            do { config = try ProjectConfig.load(path: configPath) } catch { throw .config(error) }
        }
        let specs = !options.rules.isEmpty ? options.rules : (config?.rules?.map(\.value) ?? [])
        var ruleSet: RuleSet
        do {
            ruleSet = try RuleSetLoader.load(specs)
        } catch {
            // A pack named in the configuration that does not exist is the configuration's mistake: locate it there.
            if let config, options.rules.isEmpty, error.message.hasPrefix("no rule pack"),
               let spec = config.rules?.first(where: { $0.value == error.file }) {
                throw .config(ConfigError(file: config.path, line: spec.line, column: spec.column, message: error.message))
            }
            throw .rulePack(error)
        }
        if let config {
            let known = Set(ruleSet.ruleIDs)
            let knownList = ruleSet.ruleIDs.joined(separator: ", ")
            func check(_ rule: Located<String>, _ what: String) throws(GateError) {
                if !known.contains(rule.value) {
                    throw .config(ConfigError(file: config.path, line: rule.line, column: rule.column,
                                              message: "\(what): unknown rule '\(rule.value)'; known: \(knownList)"))
                }
            }
            for r in config.disable { try check(r, "disable") }
            for (r, _) in config.severity { try check(r, "severity") }
            for p in config.perPath { for r in p.rules { try check(r, "per_path") } }
            for s in config.suppressions { try check(s.rule, "suppressions") }
            let parameterNames = Set(ruleSet.parameterNames)
            for (name, _) in config.parameters where !parameterNames.contains(name.value) {
                let allowed = (ruleSet.parameterNames + [ProjectConfig.reportYearParameter]).joined(separator: ", ")
                throw .config(ConfigError(file: config.path, line: name.line, column: name.column,
                                          message: "parameters: unknown parameter '\(name.value)'; the loaded packs take: \(allowed)"))
            }
            do {
                ruleSet = try ruleSet.overridingSeverities(Dictionary(config.severity.map { ($0.rule.value, $0.severity) }) { $1 })
                ruleSet = try ruleSet.disabling(config.disable.map(\.value))
                ruleSet = try ruleSet.settingParameters(Dictionary(config.parameters.map { ($0.name.value, $0.value) }) { $1 })
            } catch {
                throw .config(ConfigError(file: config.path, message: error.description))  // unreachable: validated above
            }
        }
        let checker = ReportChecker(ruleSet: ruleSet, defaultYear: options.year ?? config?.reportYear)
        return Profile(config: config, ruleSet: ruleSet, checker: checker,
                       packSpecs: specs.isEmpty ? [RuleSetLoader.defaultPackID] : specs)
    }

    // MARK: - Per input

    /// Applies `body` to the checker of every profile (the per-report limits of the command line, see Limits.swift).
    public mutating func configureCheckers(_ body: (inout ReportChecker) -> Void) {
        for i in profiles.indices { body(&profiles[i].checker) }
    }

    /// The profile governing a path passed to `init` (any other path gets the first profile).
    public func profile(for path: String) -> Profile {
        if profiles.count == 1 { return profiles[0] }   // one configuration for every input: the usual batch
        return profiles[profileOfWrittenDirectory[Self.writtenDirectory(of: path)] ?? 0]
    }

    /// True when no configuration has `include` or `exclude`: `selects` is true for every path.
    public var selectsEverything: Bool {
        profiles.allSatisfy { $0.config.map { $0.include.isEmpty && $0.exclude.isEmpty } ?? true }
    }

    /// False when the path's configuration excludes it (`include`/`exclude`). Standard input is always selected.
    public func selects(_ path: String) -> Bool {
        guard path != "-", let config = profile(for: path).config else { return true }
        return config.selects(path)
    }

    public func failThreshold(for path: String) -> FailThreshold? { profile(for: path).config?.failOn }

    /// Checks a file with its configuration.
    /// `times`: adds each rule's evaluation time to it (for `check --profile`).
    public func check(path: String, times: UnsafeMutablePointer<[String: Double]>? = nil) -> ReportResult {
        apply(profile(for: path).checker.check(path: path, profile: times), configuredFor: path)
    }

    /// Checks standard input; `key` is the path it was prepared under (the `--stdin-filename` or "-").
    public func check(bytes: [UInt8], path: String, format: InputFormat, key: String) -> ReportResult {
        apply(profile(for: key).checker.check(bytes: bytes, path: path, format: format), configuredFor: key)
    }

    /// Turns a raw result into the gate's result (see the type's description).
    public func apply(_ result: ReportResult, configuredFor key: String) -> ReportResult {
        guard result.verdict != .error else { return result }
        var r = result
        if let config = profile(for: key).config {
            let disabled = config.disabledRules(for: key)
            if !disabled.isEmpty { r.findings.removeAll { disabled.contains($0.rule.id) } }
            let matching = config.suppressions(for: key)
            for s in matching where !s.isExpired(today: options.today) {
                for i in r.findings.indices where r.findings[i].status == .fail
                    && r.findings[i].suppression == nil && r.findings[i].rule.id == s.rule.value {
                    r.findings[i].suppression = Suppression(kind: .config, reason: s.reason,
                                                            source: "\(config.path):\(s.line)", expires: s.expires)
                }
            }
            for s in matching where s.isExpired(today: options.today) {
                r.findings.append(Self.expiredFinding(s, config: config, path: r.path))
            }
        }
        if let baseline = options.baseline {
            for i in r.findings.indices where r.findings[i].status == .fail && r.findings[i].suppression == nil
                && baseline.contains(r.findings[i]) {
                r.findings[i].suppression = Suppression(kind: .baseline, source: baseline.path)
            }
        }
        r.verdict = ReportResult.verdict(for: r.findings)
        return r
    }

    static func expiredFinding(_ s: ProjectConfig.SuppressionEntry, config: ProjectConfig, path: String) -> Finding {
        let message = "对规则 \(s.rule.value) 的豁免已于 \(s.expires ?? "") 过期（\(config.path):\(s.line)，理由：\(s.reason)）"
            + " — suppression of '\(s.rule.value)' expired on \(s.expires ?? "")"
        var rule = expiredSuppressionRule
        rule.basis = "\(config.path):\(s.line):\(s.column)"
        var f = Finding(rule: rule, status: .fail, severity: .warning, message: message)
        f.fingerprint = Fingerprint.make(rule: rule.id, path: path, anchor: "\(config.path):\(s.rule.value):\(s.glob)")
        return f
    }

    // MARK: - Whole run

    /// Every pack that any profile loaded, in first-use order.
    public var packInfos: [PackInfo] {
        var seen = Set<String>()
        return profiles.flatMap(\.ruleSet.packInfos).filter { seen.insert($0.id).inserted }
    }

    /// Every rule of any profile (first definition wins), plus `expired-suppression` when a loaded
    /// configuration has an expired suppression.
    public var rules: [RuleInfo] {
        var seen = Set<String>()
        var out = profiles.flatMap(\.ruleSet.rules).filter { seen.insert($0.id).inserted }
        if !expiredSuppressions.isEmpty { out.append(Self.expiredSuppressionRule) }
        return out
    }

    /// Expired suppressions of every loaded configuration: "path:line:col: suppression of 'rule' for 'glob' expired on …".
    public var expiredSuppressions: [String] {
        profiles.compactMap(\.config).flatMap { c in
            c.suppressions.filter { $0.isExpired(today: options.today) }.map {
                "\(c.path):\($0.line):\($0.column): suppression of '\($0.rule.value)' for '\($0.glob)' expired on \($0.expires ?? "")"
            }
        }
    }

    /// The configuration files in use, in first-use order.
    public var configFiles: [String] { profiles.compactMap(\.config?.path) }
}
