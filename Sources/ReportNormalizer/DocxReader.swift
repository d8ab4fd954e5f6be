import CLibXML2
import Foundation
import ReportDocument
import ZIPFoundation

/// Word drafts (.docx): `word/document.xml` read from the zip with a cap on the decompressed size (zip bombs), parsed
/// with libxml2 safely (NONET only: no entity substitution, no DTD loading; a part with a DOCTYPE is rejected; only
/// text nodes are read, so even internal entities never expand).
///
/// Source positions: line = paragraph index (1-based, every `w:p` in document order, table cells included),
/// column = scalar offset in the paragraph + 1.
/// Structure: `w:p` → a line; `w:tab` → tab; `w:br`/`w:cr` → a new line in the same paragraph; `w:tbl` rows → table
/// rows (cells joined by a tab); `w:pStyle` → Title / Heading 1–4 (style ids resolved through `word/styles.xml`).
/// Tracked changes read as accepted (`w:del`, `w:moveFrom` skipped; `w:ins` kept); comments and field codes ignored.
enum DocxReader {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static func read(_ bytes: [UInt8], options: NormalizerOptions) -> Result<[RawLine], ReadFailure> {
        let archive: Archive
        do {
            archive = try Archive(data: Data(bytes), accessMode: .read)
        } catch {
            return .failure(ReadFailure("docx: not a valid zip archive"))
        }
        guard let entry = archive["word/document.xml"] else {
            return .failure(ReadFailure("docx: word/document.xml missing"))
        }
        let limit = options.maxDocxUncompressedBytes
        let document: [UInt8]
        switch extract(entry, from: archive, limit: limit) {
        case .success(let data): document = data
        case .failure(let failure): return .failure(failure)
        }
        var styles: [String: String] = [:]
        if let stylesEntry = archive["word/styles.xml"], case .success(let data) = extract(stylesEntry, from: archive,
                                                                                           limit: limit) {
            styles = (try? parse(data, part: "word/styles.xml") { StyleTable.read($0) }.get()) ?? [:]
        }
        return parse(document, part: "word/document.xml") { doc in
            var walker = DocxWalker(styles: styles, maxDepth: options.maxNestingDepth)
            walker.walk(xmlDocGetRootElement(doc), depth: 0)
            return walker.lines
        }
    }

    static func extract(_ entry: Entry, from archive: Archive, limit: Int) -> Result<[UInt8], ReadFailure> {
        let tooBig = ReadFailure("docx: decompressed size exceeds \(ByteLimit.describe(limit)) limit")
        if entry.uncompressedSize > UInt64(limit) { return .failure(tooBig) }
        struct LimitExceeded: Error {}
        var data: [UInt8] = []
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                if data.count + chunk.count > limit { throw LimitExceeded() }
                data.append(contentsOf: chunk)
            }
        } catch is LimitExceeded {
            return .failure(tooBig)
        } catch {
            return .failure(ReadFailure("docx: \(entry.path) is damaged (cannot decompress)"))
        }
        return .success(data)
    }

    /// Parses one XML part safely and hands the tree to `body`; the tree is freed afterwards.
    /// `allowDoctype` exists only so tests can check that the walk never expands entities even without the guard.
    static func parse<T>(_ bytes: [UInt8], part: String, allowDoctype: Bool = false,
                         _ body: (xmlDocPtr) -> T) -> Result<T, ReadFailure> {
        LibXML.setUpOnce()
        let options = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_COMPACT.rawValue)
        let encoding: String? = bytes.count >= 2 && (bytes[0] == 0xFF || bytes[0] == 0xFE) ? nil : "UTF-8"
        let doc: xmlDocPtr? = bytes.withUnsafeBufferPointer { buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                xmlReadMemory(p, Int32(clamping: buf.count), part, encoding, options)
            }
        }
        guard let doc else { return .failure(ReadFailure("docx: \(part) is not well-formed XML")) }
        defer { xmlFreeDoc(doc) }
        if doc.pointee.intSubset != nil, !allowDoctype {
            return .failure(ReadFailure("docx: \(part) has a DOCTYPE declaration (not allowed in Word documents)"))
        }
        return .success(body(doc))
    }
}

/// Style id → lowercased style name from `word/styles.xml` ("1" → "heading 1", "a3" → "title").
enum StyleTable {
    static func read(_ doc: xmlDocPtr) -> [String: String] {
        var table: [String: String] = [:]
        var node = xmlDocGetRootElement(doc)?.pointee.children
        while let n = node {
            if n.pointee.type == XML_ELEMENT_NODE, localName(n) == "style", let id = attribute(n, "styleId") {
                var child = n.pointee.children
                while let c = child {
                    if c.pointee.type == XML_ELEMENT_NODE, localName(c) == "name", let name = attribute(c, "val") {
                        table[id] = name.lowercased()
                    }
                    child = c.pointee.next
                }
            }
            node = n.pointee.next
        }
        return table
    }
}

@inline(__always)
func localName(_ node: xmlNodePtr) -> String {
    String(cString: node.pointee.name)
}

func attribute(_ node: xmlNodePtr, _ name: String) -> String? {
    guard let value = xmlGetProp(node, name) else { return nil }
    defer { cxml_free(value) }
    return String(cString: value)
}

/// Walks the document tree collecting paragraphs and table rows.
struct DocxWalker {
    let styles: [String: String]
    let maxDepth: Int
    var lines: [RawLine] = []
    var paragraphIndex = 0

    init(styles: [String: String], maxDepth: Int) {
        self.styles = styles
        self.maxDepth = maxDepth
    }

    mutating func walk(_ node: xmlNodePtr?, depth: Int) {
        guard let node, depth < maxDepth else { return }
        var child: xmlNodePtr? = node
        while let n = child {
            defer { child = n.pointee.next }
            guard n.pointee.type == XML_ELEMENT_NODE else { continue }
            switch localName(n) {
            case "p":
                paragraphIndex += 1
                let (texts, style) = paragraphText(n)
                let hint = hint(for: style)
                var column = 1
                for text in texts {
                    let count = text.unicodeScalars.count
                    if !text.isEmpty {
                        lines.append(RawLine(Substring(text), SourceLocation(line: paragraphIndex, column: column),
                                             hint: hint))
                    }
                    column += count + 1
                }
            case "tbl":
                table(n, depth: depth)
            case "del", "moveFrom", "Fallback", "instrText", "delText", "sectPr":
                continue
            default:
                walk(n.pointee.children, depth: depth + 1)
            }
        }
    }

    mutating func table(_ tbl: xmlNodePtr, depth: Int) {
        var row = tbl.pointee.children
        while let r = row {
            defer { row = r.pointee.next }
            guard r.pointee.type == XML_ELEMENT_NODE, localName(r) == "tr" else { continue }
            var pieces: [RawLine.Piece] = []
            var cell = r.pointee.children
            var cellCount = 0
            while let c = cell {
                defer { cell = c.pointee.next }
                guard c.pointee.type == XML_ELEMENT_NODE, localName(c) == "tc" else { continue }
                var inner = DocxWalker(styles: styles, maxDepth: maxDepth - depth)
                inner.paragraphIndex = paragraphIndex
                inner.walk(c.pointee.children, depth: 1)
                paragraphIndex = inner.paragraphIndex
                if cellCount > 0 {
                    pieces.append(RawLine.Piece(text: "\t", location: pieces.last?.location
                                                ?? SourceLocation(line: paragraphIndex)))
                }
                for line in inner.lines { pieces.append(contentsOf: line.pieces) }
                cellCount += 1
            }
            if !pieces.isEmpty { lines.append(RawLine(pieces: pieces, hint: cellCount > 1 ? .tableRow : .none)) }
        }
    }

    /// The texts of a paragraph (split at `w:br`) and its style id.
    func paragraphText(_ p: xmlNodePtr) -> ([String], String?) {
        var texts: [String] = [""]
        var style: String? = nil
        func visit(_ node: xmlNodePtr?, _ depth: Int) {
            var child = node
            while let n = child {
                defer { child = n.pointee.next }
                if n.pointee.type == XML_TEXT_NODE || n.pointee.type == XML_CDATA_SECTION_NODE { continue }
                guard n.pointee.type == XML_ELEMENT_NODE, depth < 64 else { continue }
                switch localName(n) {
                case "t":
                    var t = n.pointee.children
                    while let textNode = t {
                        if textNode.pointee.type == XML_TEXT_NODE, let content = textNode.pointee.content {
                            texts[texts.count - 1] += String(cString: content)
                        }
                        t = textNode.pointee.next
                    }
                case "tab": texts[texts.count - 1] += "\t"
                case "br", "cr": texts.append("")
                case "pStyle": style = attribute(n, "val")
                case "del", "moveFrom", "delText", "instrText", "Fallback", "commentReference", "footnoteReference":
                    continue
                default: visit(n.pointee.children, depth + 1)
                }
            }
        }
        visit(p.pointee.children, 0)
        return (texts, style)
    }

    func hint(for styleId: String?) -> RawLine.Hint {
        guard let styleId else { return .none }
        let name = (styles[styleId] ?? styleId).lowercased().replacingOccurrences(of: " ", with: "")
        if name == "title" { return .title }
        if name.hasPrefix("heading"), let level = Int(name.dropFirst("heading".count)), (1...4).contains(level) {
            return .heading(level)
        }
        return .none
    }
}
