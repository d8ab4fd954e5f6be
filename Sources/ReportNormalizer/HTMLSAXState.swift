import CLibXML2
#if canImport(Glibc)
import Glibc
#endif
import ReportDocument

/// The state of one streaming pass over an HTML page (see `HTMLReader`). One instance per parse: no sharing.
final class HTMLSAXState {
    /// A recorded line and where it sits in the page.
    struct Line {
        var raw: RawLine
        /// Innermost matched content container (index into `containers`), -1 for none.
        var container: Int32
        /// Innermost block element (index into `blockParents`), for the text-density fallback.
        var blockElement: Int32
        var chars: Int
        var linkChars: Int
        var isH1: Bool
    }

    struct Frame {
        var tag: HTMLTag
        var container: Int32
        var blockElement: Int32
    }

    struct Row {
        var cells: [[RawLine.Piece]] = []
        var layout = false
        var depth: Int
    }

    let options: NormalizerOptions
    /// `options.contentSelectors`, parsed when the options were set (not per page).
    let selectors: [ContentSelector]
    // One instance per parse, used on one thread: the stored properties skip dynamic exclusivity checks (they were
    // a few percent of the HTML pass: every callback mutates them).
    @exclusivity(unchecked) var ctxt: htmlParserCtxtPtr?

    @exclusivity(unchecked) var stack: [Frame] = []
    /// > 0 while inside a skipped element (stack depth where skipping started).
    @exclusivity(unchecked) var skipDepth = 0
    @exclusivity(unchecked) var tooDeep = false
    /// Set when the per-report time budget ran out during the pass (checked every 4096 elements).
    var outOfTime = false
    var elementCount = 0
    @exclusivity(unchecked) var lines: [Line] = []
    /// For each matched container: selector rank and parent container.
    @exclusivity(unchecked) var containers: [(rank: Int, parent: Int32)] = []
    /// Parent of each block element (for density), -1 at the root.
    @exclusivity(unchecked) var blockParents: [Int32] = []
    @exclusivity(unchecked) var metadata = PageMetadata()

    // Current line.
    @exclusivity(unchecked) var pieces: [RawLine.Piece] = []
    @exclusivity(unchecked) var pendingChars = 0
    @exclusivity(unchecked) var pendingLinkChars = 0
    @exclusivity(unchecked) var linkDepth = 0
    @exclusivity(unchecked) var rows: [Row] = []
    @exclusivity(unchecked) var titleText: String? = nil
    @exclusivity(unchecked) var titleLine = 0
    @exclusivity(unchecked) var lastLine = 1
    @exclusivity(unchecked) var lastColumn = 1

    static let space: Substring = " "

    init(options: NormalizerOptions) {
        self.options = options
        selectors = options.parsedSelectors
        stack.reserveCapacity(64)
    }

    /// When the parser reads a page `HTMLMarkupTrimmer` cut: maps its columns back to the page's.
    @exclusivity(unchecked) var columnShift = ColumnShift()
    private var shiftsColumns: Bool { !columnShift.isEmpty }
    /// The byte offset of `lastLine`/`lastColumn` in the cut page (only when `shiftsColumns`).
    @exclusivity(unchecked) var lastOffset = 0

    private func currentLine() -> Int {
        guard let input = ctxt?.pointee.input else { return lastLine }
        return Int(input.pointee.line)
    }

    /// Records the parser's position as libxml2 counts it; `markedColumn` gives the page's own column, when needed.
    private func markPosition() {
        guard let input = ctxt?.pointee.input else { return }
        lastLine = Int(input.pointee.line)
        lastColumn = Int(input.pointee.col)
        if shiftsColumns {
            // libxml2's own idiom for the byte offset (its node_info positions).
            lastOffset = Int(input.pointee.consumed)
            if let base = input.pointee.base, let cur = input.pointee.cur { lastOffset += base.distance(to: cur) }
        }
    }

    private func markedColumn() -> Int {
        guard shiftsColumns else { return lastColumn }
        return columnShift.original(line: lastLine, column: lastColumn, offset: lastOffset)
    }

    // MARK: Elements

    func start(_ name: UnsafePointer<xmlChar>, _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        defer { markPosition() }
        if tooDeep || outOfTime { return }
        elementCount &+= 1
        if elementCount & 0xFFF == 0, Deadline.expired {
            outOfTime = true
            if let ctxt { xmlStopParser(ctxt) }
            return
        }
        let tag = HTMLTag.of(name)
        let parent = stack.last
        var frame = Frame(tag: tag, container: parent?.container ?? -1, blockElement: parent?.blockElement ?? -1)
        if stack.count >= options.maxNestingDepth {
            tooDeep = true
            if let ctxt { xmlStopParser(ctxt) }
            return
        }
        if tag == .meta {
            recordMeta(atts)
        } else if tag == .title {
            titleText = ""
            titleLine = currentLine()
        }
        if skipDepth > 0 {
            stack.append(frame)
            return
        }
        var skip = tag == .skip || tag == .head
        // Attribute values stay C strings (valid during this callback); Strings are made only for non-ASCII values.
        var classes: UnsafePointer<xmlChar>? = nil, id: UnsafePointer<xmlChar>? = nil
        var style: UnsafePointer<xmlChar>? = nil
        if let atts, tag != .meta {
            var i = 0
            while let attName = atts[i] {
                let value = atts[i + 1]
                if let value {
                    if strcmp(attName, "class") == 0 { classes = value }
                    else if strcmp(attName, "id") == 0 { id = value }
                    else if strcmp(attName, "style") == 0 { style = value }
                }
                i += 2
            }
        }
        if let style, HTMLClassNames.hidesElement(style: style) { skip = true }
        if classes != nil || id != nil {
            let classBytes = classes.map { UnsafeBufferPointer(start: $0, count: strlen($0)) }
            let idBytes = id.map { UnsafeBufferPointer(start: $0, count: strlen($0)) }
            if HTMLClassNames.isASCII(classBytes), HTMLClassNames.isASCII(idBytes) {
                if let rank = matchSelector(classBytes: classBytes, idBytes: idBytes) {
                    containers.append((rank, frame.container))
                    frame.container = Int32(containers.count - 1)
                } else if HTMLClassNames.isChrome(classBytes: classBytes, idBytes: idBytes) {
                    skip = true
                }
            } else {
                let classes = classes.map { String(cString: $0) }, id = id.map { String(cString: $0) }
                if let rank = matchSelector(classes: classes, id: id) {
                    containers.append((rank, frame.container))
                    frame.container = Int32(containers.count - 1)
                } else if HTMLClassNames.isChrome(classes: classes, id: id) {
                    skip = true
                }
            }
        }
        if tag == .title { skip = false }
        if skip {
            stack.append(frame)
            skipDepth = stack.count
            return
        }
        if tag.isBlock || tag == .br {
            breakLine(inCellBlock: tag != .cell && tag != .tr)
        }
        switch tag {
        case .tr:
            rows.append(Row(depth: stack.count + 1))
        case .a:
            linkDepth += 1
        default:
            break
        }
        if tag.isBlock && tag != .br {
            blockParents.append(frame.blockElement)
            frame.blockElement = Int32(blockParents.count - 1)
        }
        stack.append(frame)
    }

    func end() {
        defer { markPosition() }
        guard let frame = stack.popLast() else { return }
        if skipDepth > 0 {
            if stack.count < skipDepth { skipDepth = 0 }
            if frame.tag == .title, let t = titleText {
                metadata.titleTag = PageMetadata.Value(text: t, line: titleLine)
                titleText = nil
            }
            return
        }
        if frame.tag == .title, let t = titleText {
            metadata.titleTag = PageMetadata.Value(text: t, line: titleLine)
            titleText = nil
            return
        }
        switch frame.tag {
        case .a:
            linkDepth = max(0, linkDepth - 1)
        case .cell:
            if var row = rows.last, !row.layout, row.depth == stack.count {
                row.cells.append(pieces)
                rows[rows.count - 1] = row
                resetLine()
            } else {
                flush(frame, hint: .none)
            }
        case .tr:
            flush(frame, hint: .none)
            if let row = rows.popLast(), !row.layout { emitRow(row, frame) }
        case .h1: flush(frame, hint: .title, isH1: true)
        case .h2: flush(frame, hint: .heading(1))
        case .h3: flush(frame, hint: .heading(2))
        case .h4: flush(frame, hint: .heading(3))
        case .h5, .h6: flush(frame, hint: .heading(4))
        default:
            if frame.tag.isBlock { flush(frame, hint: .none) }
        }
    }

    // MARK: Text

    func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if titleText != nil {
            // In place: `t + …` would copy the whole title per chunk (quadratic on a huge <title>).
            titleText!.append(String(knownValidUTF8: bytes))
            return
        }
        if skipDepth > 0 || tooDeep { return }
        let line = lastLine
        defer { markPosition() }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if !pieces.isEmpty { pieces.append(RawLine.Piece(text: Self.space, location: SourceLocation(line: line))) }
            return
        }
        let column = markedColumn()
        // libxml2 hands back whole characters of its input, which `HTMLReader` gave it as valid UTF-8, or characters
        // it encoded itself from references it checked (no surrogates, nothing past U+10FFFF): valid UTF-8.
        let text = String(knownValidUTF8: bytes)
        var lineNo = line
        var col = column
        var chars = 0
        // Pieces split at each "\n" Character, on the bytes: a "\n" is its own grapheme cluster except in "\r\n",
        // which `split(separator: "\n")` never splits.
        let utf8 = text.utf8
        let base = utf8.startIndex
        text.withBytes { p in
            guard let pbase = p.baseAddress else { return }
            let n = p.count
            var start = 0
            var from = 0
            while true {
                // The next "\n" that is not the second half of "\r\n" (memchr), or the end.
                var i = n
                var searchFrom = from
                while searchFrom < n, let hit = memchr(pbase + searchFrom, 0x0A, n - searchFrom) {
                    let at = pbase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if at == 0 || p[at - 1] != 0x0D { i = at; break }
                    searchFrom = at + 1
                }
                if i > start {
                    let part = text[utf8.index(base, offsetBy: start)..<utf8.index(base, offsetBy: i)]
                    pieces.append(RawLine.Piece(text: part, location: SourceLocation(line: lineNo, column: col)))
                    chars += UTF8Bytes.scalarCount(p, from: start, to: i)
                }
                lineNo += 1
                col = 1
                if i >= n { break }
                start = i + 1
                from = start
            }
        }
        pendingChars += chars
        if linkDepth > 0 { pendingLinkChars += chars }
    }

    // MARK: Lines

    private func resetLine() {
        pieces.removeAll(keepingCapacity: true)
        pendingChars = 0
        pendingLinkChars = 0
    }

    /// A block boundary or `<br>`. Inside a table cell of a data row, a block element turns the row into layout.
    private func breakLine(inCellBlock: Bool) {
        if inCellBlock, var row = rows.last, !row.layout, stack.count >= row.depth {
            row.layout = true
            for cell in row.cells where !cell.isEmpty {
                append(RawLine(pieces: cell), stack.last!, chars: 1, linkChars: 0, isH1: false)
            }
            row.cells = []
            rows[rows.count - 1] = row
        }
        if let frame = stack.last { flush(frame, hint: .none) }
    }

    private func flush(_ frame: Frame, hint: RawLine.Hint, isH1: Bool = false) {
        guard !pieces.isEmpty else { return }
        if pendingChars > 0 {
            append(RawLine(pieces: pieces, hint: hint), frame, chars: pendingChars, linkChars: pendingLinkChars,
                   isH1: isH1)
        }
        resetLine()
    }

    private func emitRow(_ row: Row, _ frame: Frame) {
        let nonEmpty = row.cells.filter { !$0.isEmpty }
        if nonEmpty.isEmpty { return }
        if nonEmpty.count == 1 {
            append(RawLine(pieces: nonEmpty[0]), frame, chars: 1, linkChars: 0, isH1: false)
            return
        }
        var all: [RawLine.Piece] = []
        for (i, cell) in row.cells.enumerated() {
            if i > 0, let location = cell.first?.location ?? all.last?.location {
                all.append(RawLine.Piece(text: "\t", location: location))
            }
            all.append(contentsOf: cell)
        }
        append(RawLine(pieces: all, hint: .tableRow), frame, chars: all.count, linkChars: 0, isH1: false)
    }

    private func append(_ raw: RawLine, _ frame: Frame, chars: Int, linkChars: Int, isH1: Bool) {
        lines.append(Line(raw: raw, container: frame.container, blockElement: frame.blockElement, chars: chars,
                          linkChars: linkChars, isH1: isH1))
    }

    func finish() {
        flush(stack.last ?? Frame(tag: .block, container: -1, blockElement: -1), hint: .none)
    }

    // MARK: Attributes

    /// `matchSelector` for ASCII class/id values, on bytes: tokens lowercased in place, compared with the
    /// selectors' bytes (non-ASCII selector names are compared as Strings, as before).
    private func matchSelector(classBytes: UnsafeBufferPointer<UInt8>?, idBytes: UnsafeBufferPointer<UInt8>?) -> Int? {
        for (rank, selector) in selectors.enumerated() {
            if selector.isClass {
                guard let classBytes else { continue }
                var found = false
                HTMLClassNames.forEachToken(classBytes) { token in
                    if !found, HTMLClassNames.equalsLowercased(token, selector.bytes, selector.name) { found = true }
                }
                if found { return rank }
            } else if let idBytes, HTMLClassNames.equalsLowercased(idBytes, selector.bytes, selector.name) {
                return rank
            }
        }
        return nil
    }

    private func matchSelector(classes: String?, id: String?) -> Int? {
        let classTokens = classes?.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
        let idLower = id?.lowercased()
        for (rank, selector) in selectors.enumerated() {
            if selector.isClass {
                if let classTokens, classTokens.contains(where: { $0 == selector.name }) { return rank }
            } else if idLower == selector.name {
                return rank
            }
        }
        return nil
    }

    private func recordMeta(_ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard let atts else { return }
        var name: String? = nil, content: String? = nil
        var i = 0
        while let attName = atts[i] {
            if let value = atts[i + 1] {
                if strcasecmp(attName, "name") == 0 { name = String(cString: value) }
                else if strcasecmp(attName, "content") == 0 { content = String(cString: value) }
            }
            i += 2
        }
        guard let name, let content else { return }
        let key = name.lowercased()
        let text = content.trimmingSpaces()
        if metadata.metas[key] == nil, !text.isEmpty {
            metadata.metas[key] = PageMetadata.Value(text: text, line: currentLine())
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.unicodeScalars.first, TextAssembler.isWhitespace(f) { s = Substring(s.unicodeScalars.dropFirst()) }
        while let l = s.unicodeScalars.last, TextAssembler.isWhitespace(l) { s = Substring(s.unicodeScalars.dropLast()) }
        return String(s)
    }
}
