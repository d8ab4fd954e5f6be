import ReportDocument

/// A line of display text with its source segments, as `BlockBuilder` works on it (joined, split, classified).
struct TextLine {
    var scalars: [Unicode.Scalar]
    var segments: [TextSegment]
    var hint: RawLine.Hint
    var wrappable: Bool
    var afterBlank: Bool

    var text: String { String(String.UnicodeScalarView(scalars)) }
    var count: Int { scalars.count }

    init?(_ raw: RawLine) {
        var assembler = TextAssembler()
        // Table rows carry "\t" pieces between cells.
        for piece in raw.pieces {
            assembler.append(piece.text, at: piece.location, tabsAsSeparators: raw.hint == .tableRow)
        }
        guard !assembler.isEmpty else { return nil }
        var scalars = Array(assembler.scalars)
        // A table row may end with empty cells: drop trailing tabs.
        while scalars.last == "\t" { scalars.removeLast() }
        let n = scalars.count
        self.scalars = scalars
        segments = assembler.segments.filter { $0.textOffset < n }
        hint = raw.hint
        wrappable = raw.wrappable
        afterBlank = raw.afterBlank
    }

    /// The source location of a scalar offset.
    func location(of offset: Int) -> SourceLocation {
        var segment = segments[0]
        for candidate in segments.dropFirst() where candidate.textOffset <= offset { segment = candidate }
        return SourceLocation(line: segment.location.line,
                              column: segment.location.column + max(0, offset - segment.textOffset))
    }

    /// The part `range` of this line (leading/trailing spaces trimmed), nil when empty.
    func slice(_ range: Range<Int>) -> TextLine? {
        var lower = range.lowerBound, upper = min(range.upperBound, count)
        while lower < upper, scalars[lower] == " " { lower += 1 }
        while upper > lower, scalars[upper - 1] == " " { upper -= 1 }
        guard lower < upper else { return nil }
        var copy = self
        copy.scalars = Array(scalars[lower..<upper])
        var segs = [TextSegment(textOffset: 0, location: location(of: lower))]
        for s in segments where s.textOffset > lower && s.textOffset < upper {
            segs.append(TextSegment(textOffset: s.textOffset - lower, location: s.location))
        }
        copy.segments = segs
        return copy
    }

    /// Appends `other` (a continuation line), with no separator between CJK text and a space otherwise.
    mutating func join(_ other: TextLine) {
        var offset = count
        if let last = scalars.last, let first = other.scalars.first, !TextFolding.isCJK(last),
           !TextFolding.isCJK(first) {
            scalars.append(" ")
            offset += 1
        }
        scalars.append(contentsOf: other.scalars)
        for s in other.segments { segments.append(TextSegment(textOffset: s.textOffset + offset, location: s.location)) }
    }

    func makeBlock(_ kind: Block.Kind, heading: Heading? = nil) -> Block {
        let text = self.text
        let folding = TextFolding.fold(text)
        return Block(kind: kind, text: text, folded: folding.text, foldMap: folding.map, segments: segments,
                     heading: heading)
    }

    // MARK: - Shape tests

    /// The last scalar, ignoring closing quotes and brackets.
    var lastMeaningful: Unicode.Scalar? {
        var i = count - 1
        while i >= 0, ["”", "’", "」", "』", "）", ")", "】", "\"", "'", "》"].contains(scalars[i]) { i -= 1 }
        return i >= 0 ? scalars[i] : nil
    }

    /// Ends like a finished sentence or clause list (。！？；：… and their ASCII forms).
    var endsSentence: Bool {
        guard let last = lastMeaningful else { return true }
        return ["。", "！", "？", "；", "：", ":", "!", "?", ";", "…", "."].contains(last)
    }

    func contains(_ needle: String) -> Bool { text.contains(needle) }

    var hasSentencePunctuation: Bool {
        scalars.contains { ["。", "！", "？", "；", "：", ":", "!", "?", ";"].contains($0) }
    }
}
