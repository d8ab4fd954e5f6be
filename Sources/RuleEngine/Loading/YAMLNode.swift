import Yams

/// A YAML node with its position, read with helpers that turn every shape mistake into a located error
/// ("must be a list", "unknown key 'x'; allowed: …"). Used for rule packs and configuration files. An empty
/// value (`key:` or `~`) reads as an empty mapping or list, never as a string.
public struct YAMLNode {
    public let node: Node
    public let file: String

    public init(node: Node, file: String) {
        self.node = node
        self.file = file
    }

    public var line: Int { node.mark?.line ?? 1 }
    public var column: Int { node.mark?.column ?? 1 }

    public func error(_ message: String) -> PackLoadError {
        PackLoadError(file: file, line: line, column: column, message: message)
    }

    public static func parse(_ text: String, file: String) throws(PackLoadError) -> YAMLNode? {
        do {
            // The basic resolver: every scalar stays a string (this reader interprets them itself), which spares the
            // regex-based tag resolution of every plain scalar (most of parsing a pack).
            // UTF-8 given, not `Parser.Encoding.default`: that reads the whole process environment on every parse.
            guard let node = try Yams.compose(yaml: text, .basic, .default, .utf8) else { return nil }
            return YAMLNode(node: node, file: file)
        } catch let error as YamlError {
            throw Self.located(error, file: file)
        } catch {
            throw PackLoadError(file: file, message: "invalid YAML: \(error)")
        }
    }

    private static func located(_ error: YamlError, file: String) -> PackLoadError {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return PackLoadError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return PackLoadError(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "duplicate key(s) \(duplicates.joined(separator: ", "))")
        default:
            return PackLoadError(file: file, message: "invalid YAML: \(error)")
        }
    }

    public var isMapping: Bool { if case .mapping = node { return true } else { return false } }
    public var isSequence: Bool { if case .sequence = node { return true } else { return false } }

    /// `key:` with no value, or `~` / `null`.
    public var isNull: Bool {
        if case let .scalar(s) = node { return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) }
        return false
    }

    public var scalarString: String? {
        if case let .scalar(s) = node { return s.string }
        return nil
    }

    public func string(_ what: String) throws(PackLoadError) -> String {
        guard let s = scalarString, !isNull else { throw error("\(what) must be a string") }
        return s
    }

    public func int(_ what: String) throws(PackLoadError) -> Int {
        guard let s = scalarString, let v = Int(s) else { throw error("\(what) must be an integer") }
        return v
    }

    public func bool(_ what: String) throws(PackLoadError) -> Bool {
        switch scalarString?.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("\(what) must be true or false")
        }
    }

    /// Mapping entries in document order, keys as strings; unknown keys rejected with the allowed list.
    public func mapping(_ what: String, allowed: [String]? = nil) throws(PackLoadError) -> [(key: String, keyNode: YAMLNode, value: YAMLNode)] {
        if isNull { return [] }
        guard case let .mapping(m) = node else { throw error("\(what) must be a mapping") }
        var out: [(String, YAMLNode, YAMLNode)] = []
        for (k, v) in m {
            let keyNode = YAMLNode(node: k, file: file)
            guard let key = keyNode.scalarString else { throw keyNode.error("keys in \(what) must be strings") }
            if let allowed, !allowed.contains(key) {
                throw keyNode.error("unknown key '\(key)' in \(what); allowed: \(allowed.joined(separator: ", "))")
            }
            out.append((key, keyNode, YAMLNode(node: v, file: file)))
        }
        return out
    }

    public func sequence(_ what: String) throws(PackLoadError) -> [YAMLNode] {
        if isNull { return [] }
        guard case let .sequence(s) = node else { throw error("\(what) must be a list") }
        return s.map { YAMLNode(node: $0, file: file) }
    }

    /// A string or a list of strings.
    public func strings(_ what: String) throws(PackLoadError) -> [String] {
        try stringNodes(what).map(\.value)
    }

    /// A string or a list of strings, each with the node it was written in (for located errors later).
    public func stringNodes(_ what: String) throws(PackLoadError) -> [(value: String, node: YAMLNode)] {
        if !isNull, let s = scalarString { return [(s, self)] }
        guard isNull || isSequence else { throw error("\(what) must be a string or a list of strings") }
        var out: [(value: String, node: YAMLNode)] = []
        for item in try sequence(what) { out.append((try item.string("each item of \(what)"), item)) }
        return out
    }
}

/// Looks keys up in a parsed mapping and reports missing required keys at the mapping's position.
struct YAMLFields {
    let owner: YAMLNode
    let what: String
    let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)]

    init(_ node: YAMLNode, _ what: String, allowed: [String]) throws(PackLoadError) {
        self.owner = node
        self.what = what
        self.entries = try node.mapping(what, allowed: allowed)
    }

    subscript(_ key: String) -> YAMLNode? { entries.first { $0.key == key }?.value }

    func required(_ key: String) throws(PackLoadError) -> YAMLNode {
        guard let v = self[key] else { throw owner.error("missing required key '\(key)' in \(what)") }
        return v
    }
}
