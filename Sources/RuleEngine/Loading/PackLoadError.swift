/// A problem in a YAML file the tool reads (a rule pack, a configuration), located at file:line:col and naming
/// the offending key and what is allowed there.
public struct LocatedError: Error, Sendable, CustomStringConvertible, Equatable {
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

    /// "Rules/x/pack.yml:12:5: unknown key 'severty' in rule 'causes'; allowed: id, title, …"
    public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// A rule-pack loading error.
public typealias PackLoadError = LocatedError
