/// How official Chinese documents number their headings.
public enum HeadingStyle: String, Sendable, Hashable, Codable {
    /// `一、` — level 1
    case chineseComma
    /// `（一）` / `(一)` — level 2
    case chineseParen
    /// `1.` / `1、` / `1．` — level 3
    case arabicDot
    /// `（1）` / `(1)` — level 4
    case arabicParen
    /// `第一部分` — level 1
    case part
    /// A .docx Heading 1–3 style or an HTML h2–h6 without numbering.
    case styled
}

/// A heading: its level, its number as written, and its text without the number.
public struct Heading: Sendable, Hashable, Codable {
    public var level: Int
    public var style: HeadingStyle
    /// The number as written without punctuation: "一", "二", "1", "第一部分".
    public var number: String
    /// The heading text without its number (for a run-in heading: up to and excluding the first 。).
    public var title: String
    /// True when the heading was the first sentence of a paragraph ("（二）强化……意识。根据……").
    public var runIn: Bool

    public init(level: Int, style: HeadingStyle, number: String, title: String, runIn: Bool = false) {
        self.level = level
        self.style = style
        self.number = number
        self.title = title
        self.runIn = runIn
    }
}

/// Where a piece of a block's display text starts in the source. A block joined from several source lines
/// (a paragraph hard-wrapped by PDF extraction) has one segment per line.
public struct TextSegment: Sendable, Hashable, Codable {
    /// Offset in `Block.text`, in Unicode scalars.
    public var textOffset: Int
    public var location: SourceLocation

    public init(textOffset: Int, location: SourceLocation) {
        self.textOffset = textOffset
        self.location = location
    }
}

/// One unit of the report's text: a title line, heading, paragraph, table row or signature line.
public struct Block: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A title line (possibly one of two: agency line, then "关于2023年度…的报告").
        case title
        /// A header line above the body: publication line (发布时间/来源), agency line, metadata table row.
        case header
        /// A salutation such as "市委、市政府:".
        case salutation
        case heading
        case paragraph
        /// A table row, cells joined with a tab.
        case tableRow
        /// The signature (落款): agency and/or date lines at the end.
        case signature
    }

    public var kind: Kind
    /// The text as a reader sees it: original characters, whitespace collapsed, page-break splits joined.
    public var text: String
    /// The text folded for matching (see `TextFolding`).
    public var folded: String
    /// For `Kind.heading`.
    public var heading: Heading?
    /// Source positions of the pieces of `text`; never empty.
    public var segments: [TextSegment]
    /// Scalar offset in `text` for each scalar of `folded`, plus one final entry for the end; nil when folding
    /// kept every scalar in place (the common case, so no array is allocated).
    public var foldMap: [Int32]?

    public init(kind: Kind, text: String, location: SourceLocation, heading: Heading? = nil) {
        let folding = TextFolding.fold(text)
        self.init(kind: kind, text: text, folded: folding.text, foldMap: folding.map,
                  segments: [TextSegment(textOffset: 0, location: location)], heading: heading)
    }

    public init(kind: Kind, text: String, folded: String, foldMap: [Int32]?, segments: [TextSegment],
                heading: Heading? = nil) {
        precondition(!segments.isEmpty, "a block needs at least one source segment")
        self.kind = kind
        self.text = text
        self.folded = folded
        self.foldMap = foldMap
        self.segments = segments
        self.heading = heading
    }

    /// Where the block starts in the source.
    public var location: SourceLocation { segments[0].location }

    /// The display-text scalar offset of a scalar offset in `folded`.
    public func textOffset(ofFoldedOffset offset: Int) -> Int {
        guard let map = foldMap else { return offset }
        return Int(map[min(max(offset, 0), map.count - 1)])
    }

    /// The source location of a scalar offset in `text`.
    public func location(ofTextOffset offset: Int) -> SourceLocation {
        var segment = segments[0]
        for candidate in segments.dropFirst() where candidate.textOffset <= offset {
            segment = candidate
        }
        return SourceLocation(line: segment.location.line,
                              column: segment.location.column + max(0, offset - segment.textOffset))
    }

    /// The source location of a scalar offset in `folded` (where a match was found).
    public func location(ofFoldedOffset offset: Int) -> SourceLocation {
        location(ofTextOffset: textOffset(ofFoldedOffset: offset))
    }
}
