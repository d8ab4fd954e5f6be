import Yams

/// A configuration problem, located at file:line:col ("…/.reportlint.yml:3:1: unknown key 'rule'; allowed: …").
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int = 1, column: Int = 1, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A YAML node of a configuration file with its position; every shape mistake becomes a located `ConfigError`.
/// (The same approach as the rule engine's internal `YAMLNode`.)
struct ConfigNode {
    let node: Node
    let file: String

    var line: Int { node.mark?.line ?? 1 }
    var column: Int { node.mark?.column ?? 1 }

    func error(_ message: String) -> ConfigError {
        ConfigError(file: file, line: line, column: column, message: message)
    }

    static func parse(_ text: String, file: String) throws(ConfigError) -> ConfigNode? {
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return ConfigNode(node: node, file: file)
        } catch let error as YamlError {
            switch error {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                throw ConfigError(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)")
            case let .duplicatedKeysInMapping(duplicates, context):
                throw ConfigError(file: file, line: context.mark.line, column: context.mark.column,
                                  message: "duplicate key(s) \(duplicates.joined(separator: ", "))")
            default:
                throw ConfigError(file: file, message: "invalid YAML: \(error)")
            }
        } catch {
            throw ConfigError(file: file, message: "invalid YAML: \(error)")
        }
    }

    var scalarString: String? {
        if case let .scalar(s) = node { return s.string }
        return nil
    }

    var isNull: Bool {
        if case let .scalar(s) = node { return s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string) }
        return false
    }

    func string(_ what: String) throws(ConfigError) -> String {
        guard let s = scalarString, !isNull else { throw error("\(what) must be a string") }
        return s
    }

    func int(_ what: String) throws(ConfigError) -> Int {
        guard let s = scalarString, let v = Int(s) else { throw error("\(what) must be an integer") }
        return v
    }

    func mapping(_ what: String, allowed: [String]? = nil) throws(ConfigError) -> [(key: String, keyNode: ConfigNode, value: ConfigNode)] {
        if isNull { return [] }
        guard case let .mapping(m) = node else { throw error("\(what) must be a mapping") }
        var out: [(String, ConfigNode, ConfigNode)] = []
        for (k, v) in m {
            let keyNode = ConfigNode(node: k, file: file)
            guard let key = keyNode.scalarString else { throw keyNode.error("keys in \(what) must be strings") }
            if let allowed, !allowed.contains(key) {
                throw keyNode.error("unknown key '\(key)' in \(what); allowed: \(allowed.joined(separator: ", "))")
            }
            out.append((key, keyNode, ConfigNode(node: v, file: file)))
        }
        return out
    }

    func sequence(_ what: String) throws(ConfigError) -> [ConfigNode] {
        if isNull { return [] }
        guard case let .sequence(s) = node else { throw error("\(what) must be a list") }
        return s.map { ConfigNode(node: $0, file: file) }
    }

    /// A string or a list of strings, each with its node (for located errors).
    func strings(_ what: String) throws(ConfigError) -> [Located<String>] {
        if !isNull, let s = scalarString { return [Located(s, self)] }
        guard isNull || { if case .sequence = node { return true } else { return false } }() else {
            throw error("\(what) must be a string or a list of strings")
        }
        var out: [Located<String>] = []
        for item in try sequence(what) { out.append(Located(try item.string("each item of \(what)"), item)) }
        return out
    }
}

/// A configuration value with the position it was written at.
public struct Located<Value: Sendable>: Sendable {
    public var value: Value
    public var line: Int
    public var column: Int

    public init(_ value: Value, line: Int = 1, column: Int = 1) {
        self.value = value
        self.line = line
        self.column = column
    }

    init(_ value: Value, _ node: ConfigNode) {
        self.init(value, line: node.line, column: node.column)
    }
}

extension Located: Equatable where Value: Equatable {}
