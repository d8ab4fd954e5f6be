import RuleEngine

/// A configuration problem, located at file:line:col (".../.reportlint.yml:3:1: unknown key 'rule'; allowed: ...").
public typealias ConfigError = LocatedError

/// Configuration files are read with the rule engine's located YAML reader.
typealias ConfigNode = YAMLNode

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

extension YAMLNode {
    /// A string or a list of strings, each with its position (configuration values are checked against the
    /// loaded packs after parsing, and their errors must still point at the right line).
    func locatedStrings(_ what: String) throws(ConfigError) -> [Located<String>] {
        try stringNodes(what).map { Located($0.value, $0.node) }
    }
}
