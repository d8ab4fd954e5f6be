/// A position in the original input file. Lines and columns are 1-based; columns count Unicode scalars
/// (code points), which is what editors, SARIF (`columnKind: unicodeCodePoints`) and people expect for CJK text.
public struct SourceLocation: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int = 1) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}
