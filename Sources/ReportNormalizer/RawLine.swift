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
/// of any offset in the text are exact. Works on UTF-8 bytes: the text is built as bytes and made a String once.
struct TextAssembler {
    /// The display text so far, as UTF-8.
    private(set) var bytes: [UInt8] = []
    /// Scalars in `bytes`.
    private(set) var count = 0
    private(set) var segments: [TextSegment] = []
    private var pendingSpace = false
    private var needSegment = true
    /// The last scalar appended (meaningful when `count > 0`).
    private var last: UInt32 = 0
    /// True while `bytes` is exactly the first piece's bytes so far (nothing skipped, collapsed or inserted).
    private(set) var verbatim = true
    private var pieces = 0

    /// Appends a source piece. `separator`: what to put between this piece and the text so far when both are
    /// non-empty ("" joins directly, " " forces a space, nil = a space only between two non-CJK characters).
    mutating func append(_ text: Substring, at location: SourceLocation, separator: String? = nil,
                         tabsAsSeparators: Bool = false) {
        text.withBytes { append(bytes: $0, at: location, separator: separator, tabsAsSeparators: tabsAsSeparators) }
    }

    private mutating func append(bytes p: UnsafeBufferPointer<UInt8>, at location: SourceLocation, separator: String?,
                                 tabsAsSeparators: Bool) {
        let line = location.line
        var column = location.column
        var startedPiece = false
        pieces += 1
        if pieces > 1 { verbatim = false }
        bytes.reserveCapacity(bytes.count + p.count + 1)
        var i = 0
        let n = p.count
        while i < n {
            // Fast run inside a piece with no pending space: printable ASCII, CJK ideographs U+3400–U+9FFF and CJK
            // punctuation other than U+3000 are neither whitespace nor tabs; copy them as one byte run.
            if startedPiece && !pendingSpace {
                let (j, lastStart, scalars) = UTF8Scalars.plainRun(p, from: i)
                if j > i {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<j]))
                    count += scalars
                    column += scalars
                    last = UTF8Scalars.decode(p, lastStart).value
                    i = j
                    if i >= n { break }
                }
            }
            let b0 = p[i]
            let v: UInt32
            let len: Int
            if b0 < 0x80 { v = UInt32(b0); len = 1 } else { (v, len) = UTF8Bytes.decode(p, i) }
            defer {
                column += 1
                i += len
            }
            if v == 0x09 && tabsAsSeparators {
                verbatim = false
                if count > 0 { emit(p, i, 1, value: 0x09, line: line, column: column, forceSegment: true) }
                pendingSpace = false
                continue
            }
            if Self.isWhitespace(v) {
                verbatim = false
                if count > 0 { pendingSpace = true }
                continue
            }
            if !startedPiece {
                startedPiece = true
                if count > 0, last != 0x09 {
                    if pendingSpace {
                        appendSpace()
                    } else if let separator {
                        if !separator.isEmpty {
                            verbatim = false
                            bytes.append(contentsOf: separator.utf8)
                            count += separator.unicodeScalars.count
                            last = separator.unicodeScalars.last!.value
                        }
                    } else if !UTF8Bytes.isCJK(last), !UTF8Bytes.isCJK(v) {
                        appendSpace()
                    }
                }
                pendingSpace = false
                needSegment = true
            } else if pendingSpace {
                appendSpace()
                pendingSpace = false
                needSegment = true
            }
            emit(p, i, len, value: v, line: line, column: column, forceSegment: needSegment)
            needSegment = false
        }
        // A newline inside a piece (HTML text spanning lines) is handled by the reader splitting pieces per line.
    }

    @inline(__always)
    private mutating func appendSpace() {
        verbatim = false
        bytes.append(0x20)
        count += 1
        last = 0x20
    }

    @inline(__always)
    private mutating func emit(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ len: Int, value: UInt32, line: Int,
                               column: Int, forceSegment: Bool) {
        if forceSegment {
            segments.append(TextSegment(textOffset: count, location: SourceLocation(line: line, column: column)))
        }
        bytes.append(p[i])
        if len > 1 {
            bytes.append(p[i + 1])
            if len > 2 {
                bytes.append(p[i + 2])
                if len > 3 { bytes.append(p[i + 3]) }
            }
        }
        count += 1
        last = value
    }

    /// Valid UTF-8: pieces of valid text and ASCII separators.
    var text: String { String(knownValidUTF8: bytes) }
    var isEmpty: Bool { count == 0 }

    @inline(__always)
    static func isWhitespace(_ s: Unicode.Scalar) -> Bool { isWhitespace(s.value) }

    @inline(__always)
    static func isWhitespace(_ v: UInt32) -> Bool {
        if v <= 0x20 { return true }
        if v < 0x7F { return false }
        switch v {
        case 0x7F, 0xA0, 0x3000, 0x2002...0x200B, 0x202F, 0x205F, 0xFEFF: return true
        default: return false
        }
    }
}
