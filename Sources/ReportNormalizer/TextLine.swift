import ReportDocument

/// A line of display text with its source segments, as `BlockBuilder` works on it (joined, split, classified).
/// The text is held once, as a String; scalar-level tests decode its UTF-8 bytes in place.
struct TextLine {
    /// The display text (read many times per line by the classifiers).
    private(set) var text: String
    /// Number of Unicode scalars in `text`.
    private(set) var count: Int
    var segments: [TextSegment]
    var hint: RawLine.Hint
    var wrappable: Bool
    var afterBlank: Bool
    /// `HeadingDetector.detect(text)`, computed once per text (the classifiers ask several times per line).
    private(set) var heading: HeadingDetector.Match?

    init?(_ raw: RawLine) {
        hint = raw.hint
        wrappable = raw.wrappable
        afterBlank = raw.afterBlank
        // One piece without any whitespace (the common case): the display text is the piece itself, with one
        // segment at its start — what `TextAssembler` would build, without building it.
        if raw.pieces.count == 1, let n = Self.scalarCountIfNoWhitespace(raw.pieces[0].text) {
            text = String(raw.pieces[0].text)
            count = n
            segments = [TextSegment(textOffset: 0, location: raw.pieces[0].location)]
            heading = HeadingDetector.detect(text)
            return
        }
        var assembler = TextAssembler()
        // Table rows carry "\t" pieces between cells.
        let tabs = raw.hint == .tableRow
        for piece in raw.pieces {
            assembler.append(piece.text, at: piece.location, tabsAsSeparators: tabs)
        }
        guard !assembler.isEmpty else { return nil }
        var n = assembler.count
        if tabs, assembler.bytes.last == 0x09 {
            // A table row may end with empty cells: drop trailing tabs.
            var bytes = assembler.bytes
            while bytes.last == 0x09 { bytes.removeLast(); n -= 1 }
            text = String(knownValidUTF8: bytes)
            segments = assembler.segments.filter { $0.textOffset < n }
        } else {
            // A line that is exactly its one source piece (the common case): copy the Substring, which needs no
            // UTF-8 validation, instead of decoding the assembled bytes.
            text = assembler.verbatim && raw.pieces.count == 1 ? String(raw.pieces[0].text)
                : String(knownValidUTF8: assembler.bytes)
            segments = assembler.segments
        }
        count = n
        heading = HeadingDetector.detect(text)
    }

    /// The scalar count of a non-empty piece in which no scalar is `TextAssembler.isWhitespace`, else nil.
    /// Plain runs (never whitespace) are skipped whole; only the scalars between them are decoded and tested.
    static func scalarCountIfNoWhitespace(_ piece: Substring) -> Int? {
        piece.withBytes { p -> Int? in
            let n = p.count
            guard n > 0 else { return nil }
            var scalars = 0
            var i = 0
            while true {
                let (end, _, count) = UTF8Scalars.plainRun(p, from: i)
                scalars += count
                i = end
                if i >= n { return scalars }
                let (v, len) = UTF8Bytes.decode(p, i)
                if TextAssembler.isWhitespace(v) { return nil }
                scalars += 1
                i += len
            }
        }
    }

    /// The source location of a scalar offset.
    func location(of offset: Int) -> SourceLocation {
        var segment = segments[0]
        for candidate in segments.dropFirst() where candidate.textOffset <= offset { segment = candidate }
        return SourceLocation(line: segment.location.line,
                              column: segment.location.column + max(0, offset - segment.textOffset))
    }

    /// The part `range` of this line (leading/trailing spaces trimmed), nil when empty. `detectHeading: false` for
    /// a part that only becomes a block: its `heading` is then left nil instead of detected.
    func slice(_ range: Range<Int>, detectHeading: Bool = true) -> TextLine? {
        var lower = range.lowerBound, upper = min(range.upperBound, count)
        guard lower < upper else { return nil }
        let bounds: (Int, Int)? = text.withBytes { p in
            // A run-in heading is sliced at the start and to the end: those bounds need no scan.
            var lo = lower == 0 ? 0 : UTF8Bytes.byteOffset(ofScalar: lower, in: p)
            var hi = upper == count ? p.count : UTF8Bytes.byteOffset(ofScalar: upper, in: p)
            // Spaces are one byte and one scalar.
            while lo < hi, p[lo] == 0x20 { lo += 1; lower += 1 }
            while hi > lo, p[hi - 1] == 0x20 { hi -= 1; upper -= 1 }
            guard lo < hi else { return nil }
            return (lo, hi)
        }
        guard let (lo, hi) = bounds else { return nil }
        // A Substring copy at scalar boundaries: no UTF-8 revalidation.
        let utf8 = text.utf8
        let piece = String(text[utf8.index(utf8.startIndex, offsetBy: lo)..<utf8.index(utf8.startIndex, offsetBy: hi)])
        var copy = self
        copy.text = piece
        copy.count = upper - lower
        copy.heading = detectHeading ? HeadingDetector.detect(piece) : nil
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
        if let last = lastScalar, let first = other.firstScalar, !UTF8Bytes.isCJK(last),
           !UTF8Bytes.isCJK(first) {
            text.append(" ")
            offset += 1
        }
        text.append(other.text)
        count = offset + other.count
        heading = HeadingDetector.detect(text)
        for s in other.segments { segments.append(TextSegment(textOffset: s.textOffset + offset, location: s.location)) }
    }

    func makeBlock(_ kind: Block.Kind, heading: Heading? = nil) -> Block {
        let text = self.text
        let folding = TextFolding.fold(text)
        return Block(kind: kind, text: text, folded: folding.text, foldMap: folding.map, segments: segments,
                     heading: heading)
    }

    // MARK: - Shape tests

    var firstScalar: UInt32? {
        text.withBytes { p in p.isEmpty ? nil : UTF8Bytes.decode(p, 0).value }
    }

    var lastScalar: UInt32? {
        text.withBytes { p in p.isEmpty ? nil : UTF8Bytes.decodeBackward(p, p.count).value }
    }

    @inline(__always)
    private static func isCloser(_ v: UInt32) -> Bool {
        switch v {
        case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x3011, 0x22, 0x27, 0x300B: return true  // ”’」』）)】"'》
        default: return false
        }
    }

    /// The last scalar, ignoring closing quotes and brackets.
    var lastMeaningfulValue: UInt32? {
        text.withBytes { p in
            var end = p.count
            while end > 0 {
                let (v, start) = UTF8Bytes.decodeBackward(p, end)
                if !Self.isCloser(v) { return v }
                end = start
            }
            return nil
        }
    }

    var lastMeaningful: Unicode.Scalar? { lastMeaningfulValue.flatMap(Unicode.Scalar.init) }

    /// Ends like a finished sentence or clause list (。！？；：… and their ASCII forms).
    var endsSentence: Bool {
        guard let last = lastMeaningfulValue else { return true }
        switch last {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0xFF1A, 0x3A, 0x21, 0x3F, 0x3B, 0x2026, 0x2E: return true  // 。！？；：:!?;….
        default: return false
        }
    }

    func contains(_ needle: String) -> Bool { text.containsBytes(needle) }

    /// Contains one of 。！？；：:!?;
    var hasSentencePunctuation: Bool {
        text.withBytes { p in
            let n = p.count
            var i = 0
            while i < n {
                let b = p[i]
                switch b {
                case 0x3A, 0x21, 0x3F, 0x3B: return true
                case 0xE3:  // 。 E3 80 82
                    if i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0x82 { return true }
                case 0xEF:  // ！ EF BC 81, ？ EF BC 9F, ； EF BC 9B, ： EF BC 9A
                    if i + 2 < n, p[i + 1] == 0xBC {
                        let c = p[i + 2]
                        if c == 0x81 || c == 0x9F || c == 0x9B || c == 0x9A { return true }
                    }
                default: break
                }
                i += 1
            }
            return false
        }
    }
}
