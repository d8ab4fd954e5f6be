import CLibXML2
import ReportDocument

/// HTML pages: one streaming SAX pass over libxml2's HTML push parser (no tree). The input is already decoded to
/// UTF-8 by `TextDecoder`; libxml2 gets the explicit encoding UTF-8 and `HTML_PARSE_IGNORE_ENC`, so a page's
/// `<meta charset>` can never switch it to a wrong decoder.
///
/// During the pass `HTMLSAXState` records each text line with its enclosing CMS content container (class/id from
/// `NormalizerOptions.contentSelectors`) and its innermost block element; afterwards `HTMLContentSelector` keeps
/// the best container's lines, or the densest block's lines when no container matched.
enum HTMLReader {
    struct Output {
        var lines: [RawLine]
        var metadata: PageMetadata
    }

    static let parseOptions = Int32(bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
        | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue
        | HTML_PARSE_IGNORE_ENC.rawValue)

    static func read(utf8 text: String, options: NormalizerOptions) -> Result<Output, ReadFailure> {
        LibXML.setUpOnce()
        let state = HTMLSAXState(options: options)
        var sax = htmlSAXHandler()
        sax.startElement = htmlStartElement
        sax.endElement = htmlEndElement
        sax.characters = htmlCharacters
        sax.ignorableWhitespace = htmlCharacters
        sax.cdataBlock = htmlCharacters
        var text = text
        let ok: Bool = withExtendedLifetime(state) {
            let user = Unmanaged.passUnretained(state).toOpaque()
            guard let ctxt = htmlCreatePushParserCtxt(&sax, user, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
                return false
            }
            defer { htmlFreeParserCtxt(ctxt) }
            htmlCtxtUseOptions(ctxt, parseOptions)
            state.ctxt = ctxt
            text.withUTF8 { buf in
                guard let base = buf.baseAddress else { return }
                base.withMemoryRebound(to: CChar.self, capacity: buf.count) { p in
                    _ = htmlParseChunk(ctxt, p, Int32(buf.count), 1)
                }
            }
            state.ctxt = nil
            return true
        }
        guard ok else { return .failure(ReadFailure("html: cannot create parser")) }
        if state.tooDeep {
            return .failure(ReadFailure("html: elements nested deeper than \(options.maxNestingDepth) levels"))
        }
        state.finish()
        let lines = HTMLContentSelector.select(state)
        return .success(Output(lines: lines, metadata: state.metadata))
    }
}

// C callbacks: the context pointer is the HTMLSAXState (user data of the push parser).
private func htmlStartElement(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
                              _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    guard let ctx, let name else { return }
    Unmanaged<HTMLSAXState>.fromOpaque(ctx).takeUnretainedValue().start(name, atts)
}

private func htmlEndElement(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    guard let ctx else { return }
    Unmanaged<HTMLSAXState>.fromOpaque(ctx).takeUnretainedValue().end()
}

private func htmlCharacters(_ ctx: UnsafeMutableRawPointer?, _ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
    guard let ctx, let ch, len > 0 else { return }
    Unmanaged<HTMLSAXState>.fromOpaque(ctx).takeUnretainedValue()
        .characters(UnsafeBufferPointer(start: ch, count: Int(len)))
}

/// Element names the reader cares about, interned from the tag bytes without allocating.
enum HTMLTag: UInt8 {
    case other, block, br, skip, head, title, meta, tr, cell, table, a, h1, h2, h3, h4, h5, h6, li

    static let table_: [UInt64: HTMLTag] = {
        var t: [UInt64: HTMLTag] = [:]
        let blocks = ["p", "div", "ul", "ol", "dl", "dd", "dt", "section", "article", "blockquote", "pre", "center",
                      "address", "hr", "caption", "main", "figure", "figcaption", "tbody", "thead", "tfoot", "body",
                      "html", "fieldset", "legend", "details", "summary", "img"]
        let skips = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select", "button",
                     "iframe", "template", "svg", "object", "embed", "textarea", "input", "option", "map", "audio",
                     "video", "canvas", "math", "frameset", "frame", "link"]
        for b in blocks { t[key(b)] = .block }
        for s in skips { t[key(s)] = .skip }
        t[key("br")] = .br; t[key("head")] = .head; t[key("title")] = .title; t[key("meta")] = .meta
        t[key("tr")] = .tr; t[key("td")] = .cell; t[key("th")] = .cell; t[key("table")] = .table; t[key("a")] = .a
        t[key("h1")] = .h1; t[key("h2")] = .h2; t[key("h3")] = .h3; t[key("h4")] = .h4; t[key("h5")] = .h5
        t[key("h6")] = .h6; t[key("li")] = .li
        return t
    }()

    static func key(_ s: String) -> UInt64 {
        var k: UInt64 = 0
        for b in s.utf8.prefix(8) { k = k << 8 | UInt64(b) }
        return k
    }

    static func of(_ name: UnsafePointer<xmlChar>) -> HTMLTag {
        var k: UInt64 = 0
        var i = 0
        while name[i] != 0 {
            if i == 8 { return .other }
            var b = name[i]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            k = k << 8 | UInt64(b)
            i += 1
        }
        return table_[k] ?? .other
    }

    var isBlock: Bool {
        switch self {
        case .block, .tr, .cell, .table, .h1, .h2, .h3, .h4, .h5, .h6, .li: return true
        default: return false
        }
    }
}
