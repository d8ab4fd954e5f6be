import CLibXML2
import ReportDocument

/// The canonical XML view of a `Document`, built with libxml2's tree API (element and attribute names are documented
/// in docs/normalized-document.md). Blocks before the first heading sit directly under `<report>`; each heading opens
/// a `<section>` that nests by level; the signature closes all sections.
public enum CanonicalXML {
    public static func render(_ doc: Document) -> String {
        LibXML.setUpOnce()
        guard let xdoc = xmlNewDoc("1.0") else { return "" }
        defer { xmlFreeDoc(xdoc) }
        let root = xmlNewNode(nil, "report")
        xmlDocSetRootElement(xdoc, root)
        xmlNewProp(root, "path", doc.path)
        xmlNewProp(root, "format", doc.format.rawValue)
        xmlNewProp(root, "encoding", doc.encoding)

        let meta = xmlNewChild(root, nil, "meta", nil)
        func addField<V>(_ name: String, _ field: MetadataField<V>?, _ value: (V) -> String) {
            guard let field else { return }
            let node = xmlNewTextChild(meta, nil, name, value(field.value))
            if let location = field.location { setLocation(node, location) }
            xmlNewProp(node, "source", field.source)
            if let text = field.text, text != value(field.value) { xmlNewProp(node, "text", text) }
        }
        addField("title", doc.metadata.title) { $0 }
        addField("agency", doc.metadata.agency) { $0 }
        addField("year", doc.metadata.year) { String($0) }
        addField("date", doc.metadata.date) { $0.description }

        var stack: [(node: xmlNodePtr?, level: Int)] = [(root, 0)]
        for block in doc.blocks {
            switch block.kind {
            case .heading:
                let heading = block.heading ?? Heading(level: 1, style: .styled, number: "", title: block.text)
                while let top = stack.last, top.level >= heading.level, stack.count > 1 { stack.removeLast() }
                let section = xmlNewChild(stack.last!.node, nil, "section", nil)
                xmlNewProp(section, "level", String(heading.level))
                xmlNewProp(section, "number", heading.number)
                xmlNewProp(section, "style", heading.style.rawValue)
                xmlNewProp(section, "heading", heading.title)
                if heading.runIn { xmlNewProp(section, "run-in", "true") }
                setLocation(section, block.location)
                xmlNewProp(section, "text", block.text)
                stack.append((section, heading.level))
            case .tableRow:
                let row = xmlNewChild(stack.last!.node, nil, "row", nil)
                setLocation(row, block.location)
                for cell in block.text.split(separator: "\t", omittingEmptySubsequences: false) {
                    xmlNewTextChild(row, nil, "cell", String(cell))
                }
            case .signature:
                stack.removeLast(stack.count - 1)
                addBlock(root, "signature", block)
            case .title: addBlock(stack.last!.node, "title-line", block)
            case .header: addBlock(stack.last!.node, "header", block)
            case .salutation: addBlock(stack.last!.node, "salutation", block)
            case .paragraph: addBlock(stack.last!.node, "p", block)
            }
        }

        var buffer: UnsafeMutablePointer<xmlChar>? = nil
        var size: Int32 = 0
        xmlDocDumpFormatMemoryEnc(xdoc, &buffer, &size, "UTF-8", 1)
        guard let buffer else { return "" }
        defer { cxml_free(buffer) }
        return String(decoding: UnsafeBufferPointer(start: buffer, count: Int(size)), as: UTF8.self)
    }

    private static func addBlock(_ parent: xmlNodePtr?, _ name: String, _ block: Block) {
        let node = xmlNewTextChild(parent, nil, name, block.text)
        setLocation(node, block.location)
        if let last = block.segments.last, last.location.line != block.location.line {
            xmlNewProp(node, "end-line", String(last.location.line))
        }
    }

    private static func setLocation(_ node: xmlNodePtr?, _ location: SourceLocation) {
        xmlNewProp(node, "line", String(location.line))
        xmlNewProp(node, "column", String(location.column))
    }
}
