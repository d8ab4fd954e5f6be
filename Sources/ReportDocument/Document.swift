/// The canonical form of one report, whatever its input format: metadata, blocks in reading order with their
/// source positions, and the heading structure. Plain values only, so it crosses threads freely.
public struct Document: Sendable, Hashable, Codable {
    /// The path as given on the command line (or the stdin filename).
    public var path: String
    public var format: InputFormat
    /// The detected encoding, e.g. "UTF-8", "GB18030", "UTF-16LE".
    public var encoding: String
    public var metadata: Metadata
    public var blocks: [Block]
    /// All sections in document order; nesting via `Section.parent`.
    public var sections: [Section]

    public init(path: String, format: InputFormat, encoding: String, metadata: Metadata = Metadata(),
                blocks: [Block], sections: [Section]? = nil) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.metadata = metadata
        self.blocks = blocks
        self.sections = sections ?? SectionBuilder.sections(for: blocks)
    }

    /// The heading of a section.
    public func heading(of section: Section) -> Heading {
        blocks[section.headingBlock].heading!
    }

    /// The opening paragraph(s): body paragraphs before the first heading (after title, header and salutation
    /// lines). Empty when the document starts with a heading.
    public var openingBlocks: Range<Int> {
        let firstHeading = blocks.firstIndex { $0.kind == .heading } ?? blocks.endIndex
        let firstParagraph = blocks[..<firstHeading].firstIndex { $0.kind == .paragraph } ?? firstHeading
        return firstParagraph..<firstHeading
    }
}

/// Nests heading blocks into sections by level.
public enum SectionBuilder {
    public static func sections(for blocks: [Block]) -> [Section] {
        var sections: [Section] = []
        var open: [Int] = []  // indices into `sections`, innermost last
        for (i, block) in blocks.enumerated() {
            guard block.kind == .heading, let heading = block.heading else { continue }
            while let last = open.last, sections[last].level >= heading.level {
                sections[last].blocks = sections[last].blocks.lowerBound..<i
                open.removeLast()
            }
            sections.append(Section(index: sections.count, level: heading.level, headingBlock: i,
                                    blocks: i..<blocks.count, parent: open.last))
            open.append(sections.count - 1)
        }
        return sections
    }
}
