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

    /// `utf8`: the page as valid UTF-8 (`TextDecoder.decodeBytes`). `trim`: parse the page as `HTMLMarkupTrimmer`
    /// cuts it (the same result, faster); false only to compare the two in tests.
    static func read(utf8 page: [UInt8], options: NormalizerOptions, trim: Bool = true) -> Result<Output, ReadFailure> {
        LibXML.setUpOnce()
        let state = HTMLSAXState(options: options)
        var text = page
        if trim, let trimmed = HTMLMarkupTrimmer.trim(page) {
            text = trimmed.bytes
            state.columnShift = trimmed.columns
        }
        var sax = htmlSAXHandler()
        sax.startElement = htmlStartElement
        sax.endElement = htmlEndElement
        sax.characters = htmlCharacters
        sax.ignorableWhitespace = htmlCharacters
        sax.cdataBlock = htmlCharacters
        let ok: Bool = withExtendedLifetime(state) {
            let user = Unmanaged.passUnretained(state).toOpaque()
            guard let ctxt = htmlCreatePushParserCtxt(&sax, user, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
                return false
            }
            defer { htmlFreeParserCtxt(ctxt) }
            htmlCtxtUseOptions(ctxt, parseOptions)
            state.ctxt = ctxt
            text.withUnsafeBufferPointer { buf in
                guard let base = buf.baseAddress else { return }
                state.columnShift.page = base
                defer { state.columnShift.page = nil }
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
        if state.outOfTime, let deadline = Deadline.current {
            return .failure(ReadFailure("\(deadline) exceeded while parsing HTML"))
        }
        state.finish()
        let lines = HTMLContentSelector.select(state)
        return .success(Output(lines: lines, metadata: state.metadata))
    }
}

// C callbacks: the context pointer is the HTMLSAXState (user data of the push parser), kept alive by `read` for the
// whole parse, so the callbacks borrow it without a retain/release pair per event.
private func htmlStartElement(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
                              _ atts: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
    guard let ctx, let name else { return }
    Unmanaged<HTMLSAXState>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.start(name, atts) }
}

private func htmlEndElement(_ ctx: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    guard let ctx else { return }
    Unmanaged<HTMLSAXState>.fromOpaque(ctx)._withUnsafeGuaranteedRef { $0.end() }
}

private func htmlCharacters(_ ctx: UnsafeMutableRawPointer?, _ ch: UnsafePointer<xmlChar>?, _ len: Int32) {
    guard let ctx, let ch, len > 0 else { return }
    Unmanaged<HTMLSAXState>.fromOpaque(ctx)._withUnsafeGuaranteedRef {
        $0.characters(UnsafeBufferPointer(start: ch, count: Int(len)))
    }
}

/// Element names the reader cares about, interned from the tag bytes without allocating.
enum HTMLTag: UInt8 {
    case other, block, br, skip, head, title, meta, tr, cell, table, a, h1, h2, h3, h4, h5, h6, li

    /// The reference table; `lookup` is its switch form (checked against it in debug builds).
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
        let tag = lookup(k)
        assert(tag == (table_[k] ?? .other), "HTMLTag.lookup out of step with table_")
        return tag
    }

    /// `table_[key]` as a switch on the packed name (no hashing); longer names are .other before any lookup, but
    /// their 8-byte prefixes stay keys as in `table_`.
    @inline(__always)
    static func lookup(_ k: UInt64) -> HTMLTag {
        switch k {
        case 0x61646472657373, 0x61727469636C65, 0x626F6479, 0x63617074696F6E, 0x63656E746572, 0x6464, 0x64657461696C73, 0x646976, 0x646C, 0x6474, 0x6669656C64736574, 0x666967757265, 0x6872, 0x68746D6C, 0x696D67, 0x6C6567656E64, 0x6D61696E, 0x6F6C, 0x70, 0x707265, 0x73656374696F6E, 0x73756D6D617279, 0x74626F6479, 0x74666F6F74, 0x7468656164, 0x756C, 0x626C6F636B71756F, 0x6669676361707469: return .block  // address article body caption center dd details div dl dt fieldset figure hr html img legend main ol p pre section summary tbody tfoot thead ul, and the 8-byte keys of blockquote figcaption
        case 0x6173696465, 0x617564696F, 0x627574746F6E, 0x63616E766173, 0x656D626564, 0x666F6F746572, 0x666F726D, 0x6672616D65, 0x6672616D65736574, 0x686561646572, 0x696672616D65, 0x696E707574, 0x6C696E6B, 0x6D6170, 0x6D617468, 0x6E6176, 0x6E6F736372697074, 0x6F626A656374, 0x6F7074696F6E, 0x736372697074, 0x73656C656374, 0x7374796C65, 0x737667, 0x74656D706C617465, 0x7465787461726561, 0x766964656F: return .skip  // aside audio button canvas embed footer form frame frameset header iframe input link map math nav noscript object option script select style svg template textarea video
        case 0x6272: return .br  // br
        case 0x68656164: return .head  // head
        case 0x7469746C65: return .title  // title
        case 0x6D657461: return .meta  // meta
        case 0x7472: return .tr  // tr
        case 0x7464, 0x7468: return .cell  // td th
        case 0x7461626C65: return .table  // table
        case 0x61: return .a  // a
        case 0x6831: return .h1  // h1
        case 0x6832: return .h2  // h2
        case 0x6833: return .h3  // h3
        case 0x6834: return .h4  // h4
        case 0x6835: return .h5  // h5
        case 0x6836: return .h6  // h6
        case 0x6C69: return .li  // li
        default: return .other
        }
    }

    var isBlock: Bool {
        switch self {
        case .block, .tr, .cell, .table, .h1, .h2, .h3, .h4, .h5, .h6, .li: return true
        default: return false
        }
    }
}
