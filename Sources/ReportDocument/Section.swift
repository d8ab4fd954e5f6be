/// A heading and everything under it until the next heading of the same or a higher level.
public struct Section: Sendable, Hashable, Codable {
    /// Index of this section in `Document.sections` (document order).
    public var index: Int
    public var level: Int
    /// Index of the heading block in `Document.blocks`.
    public var headingBlock: Int
    /// Blocks of the section, heading included: `headingBlock ..< end`.
    public var blocks: Range<Int>
    /// Index of the enclosing section, nil for a top-level section.
    public var parent: Int?

    public init(index: Int, level: Int, headingBlock: Int, blocks: Range<Int>, parent: Int?) {
        self.index = index
        self.level = level
        self.headingBlock = headingBlock
        self.blocks = blocks
        self.parent = parent
    }
}
