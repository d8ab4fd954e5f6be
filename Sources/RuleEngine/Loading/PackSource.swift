import Foundation

/// The YAML files of one pack, from the built-in set or from disk.
struct PackSource {
    /// Display name for messages: a path such as "Rules/rule-of-law-annual/pack.yml".
    var manifest: (path: String, text: String)
    /// Rule files (rules/*.yml), in file-name order.
    var ruleFiles: [(path: String, text: String)]
    /// Directory used to resolve relative `extends`, nil for built-in packs.
    var directory: String?
    /// "builtin:<id>" or the standardized path, to detect cycles.
    var identity: String

    /// Compiled into the binary (its regexes are checked by a test, not at every start).
    var isBuiltin = false

    static let manifestNames = ["pack.yml", "pack.yaml"]

    /// A built-in pack id, a pack directory, or a single YAML file.
    static func resolve(_ spec: String, relativeTo base: String?) throws(PackLoadError) -> PackSource {
        let fm = FileManager.default
        var candidate = spec
        if let base, !spec.hasPrefix("/") { candidate = (base as NSString).appendingPathComponent(spec) }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: candidate, isDirectory: &isDir) {
            return isDir.boolValue ? try directory(candidate) : try file(candidate)
        }
        if let builtin = BuiltinPackSources.packs.first(where: { $0.id == spec }) {
            let manifest = builtin.files.first { f in manifestNames.contains { f.path == "\(spec)/\($0)" } }
            guard let manifest else {
                throw PackLoadError(file: "Rules/\(spec)", message: "built-in pack has no pack.yml")
            }
            let rules = builtin.files.filter { $0.path != manifest.path }
            return PackSource(manifest: ("Rules/" + manifest.path, manifest.text),
                              ruleFiles: rules.map { ("Rules/" + $0.path, $0.text) }, directory: nil,
                              identity: "builtin:\(spec)", isBuiltin: true)
        }
        let builtins = BuiltinPackSources.packs.map(\.id).joined(separator: ", ")
        throw PackLoadError(file: spec, message: "no rule pack '\(spec)': not a file, a directory or a built-in pack (built-in: \(builtins))")
    }

    private static func read(_ path: String) throws(PackLoadError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PackLoadError(file: path, message: "cannot read file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PackLoadError(file: path, message: "rule files must be UTF-8")
        }
        return text
    }

    private static func directory(_ dir: String) throws(PackLoadError) -> PackSource {
        let fm = FileManager.default
        guard let name = manifestNames.first(where: { fm.fileExists(atPath: (dir as NSString).appendingPathComponent($0)) }) else {
            throw PackLoadError(file: dir, message: "not a rule pack: no pack.yml in the directory")
        }
        let manifestPath = (dir as NSString).appendingPathComponent(name)
        var rules: [(String, String)] = []
        let rulesDir = (dir as NSString).appendingPathComponent("rules")
        if let names = try? fm.contentsOfDirectory(atPath: rulesDir) {
            for n in names.sorted() where n.hasSuffix(".yml") || n.hasSuffix(".yaml") {
                let p = (rulesDir as NSString).appendingPathComponent(n)
                rules.append((p, try read(p)))
            }
        }
        return PackSource(manifest: (manifestPath, try read(manifestPath)), ruleFiles: rules, directory: dir,
                          identity: (dir as NSString).standardizingPath)
    }

    private static func file(_ path: String) throws(PackLoadError) -> PackSource {
        PackSource(manifest: (path, try read(path)), ruleFiles: [],
                   directory: (path as NSString).deletingLastPathComponent,
                   identity: (path as NSString).standardizingPath)
    }
}
