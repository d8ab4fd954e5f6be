import ReportDocument

/// One line of text as a reader found it, before structure is assigned: a text-file line, an HTML block or
/// `<br>`-separated line, a .docx paragraph, or a table row.
struct RawLine {
    /// A run of source text and where its first scalar is.
    struct Piece {
        var text: Substring
        var location: SourceLocation
    }

    /// What the reader knows about the line from markup.
    enum Hint: Equatable {
        case none
        /// `<h1>` or a .docx Title style.
        case title
        /// A heading style: .docx Heading 1–3, HTML h2–h6 (level as mapped by the reader).
        case heading(Int)
        /// A table row; pieces are the cells, joined with a tab.
        case tableRow
    }

    var pieces: [Piece]
    var hint: Hint = .none
    /// True for plain-text lines: PDF hard wraps may be joined (markup formats have explicit paragraphs).
    var wrappable: Bool = false
    /// A blank source line came before this line (text format only; used for wrap joining).
    var afterBlank: Bool = false

    init(_ text: Substring, _ location: SourceLocation, hint: Hint = .none) {
        pieces = [Piece(text: text, location: location)]
        self.hint = hint
    }

    init(pieces: [Piece], hint: Hint = .none) {
        self.pieces = pieces
        self.hint = hint
    }
}

/// Builds display text from source pieces: whitespace runs collapse to one space, leading/trailing whitespace is
/// removed, and each piece (and each spot where whitespace was collapsed) starts a new `TextSegment`, so locations
/// of any offset in the text are exact.
struct TextAssembler {
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var count = 0
    private(set) var segments: [TextSegment] = []
    private var pendingSpace = false
    private var needSegment = true

    /// Appends a source piece. `separator`: what to put between this piece and the text so far when both are
    /// non-empty ("" joins directly, " " forces a space, nil = a space only between two non-CJK characters).
    mutating func append(_ text: Substring, at location: SourceLocation, separator: String? = nil,
                         tabsAsSeparators: Bool = false) {
        var column = location.column
        var startedPiece = false
        for scalar in text.unicodeScalars {
            defer { column += 1 }
            if scalar == "\t" && tabsAsSeparators {
                if count > 0 { emit("\t", line: location.line, column: column, forceSegment: true) }
                pendingSpace = false
                continue
            }
            if Self.isWhitespace(scalar) {
                if count > 0 { pendingSpace = true }
                continue
            }
            if !startedPiece {
                startedPiece = true
                if count > 0, scalars.last != "\t" {
                    let sep: String
                    if pendingSpace { sep = " " } else if let separator { sep = separator }
                    else if let last = scalars.last, !TextFolding.isCJK(last), !TextFolding.isCJK(scalar) { sep = " " }
                    else { sep = "" }
                    if !sep.isEmpty {
                        scalars.append(contentsOf: sep.unicodeScalars)
                        count += sep.unicodeScalars.count
                    }
                }
                pendingSpace = false
                needSegment = true
            } else if pendingSpace {
                scalars.append(" ")
                count += 1
                pendingSpace = false
                needSegment = true
            }
            emit(scalar, line: location.line, column: column, forceSegment: needSegment)
            needSegment = false
        }
        // A newline inside a piece (HTML text spanning lines) is handled by the reader splitting pieces per line.
    }

    private mutating func emit(_ scalar: Unicode.Scalar, line: Int, column: Int, forceSegment: Bool) {
        if forceSegment {
            segments.append(TextSegment(textOffset: count, location: SourceLocation(line: line, column: column)))
        }
        scalars.append(scalar)
        count += 1
    }

    var text: String { String(String.UnicodeScalarView(scalars)) }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x20, 0x7F, 0xA0, 0x3000, 0x2002...0x200B, 0x202F, 0x205F, 0xFEFF: return true
        default: return false
        }
    }
}
