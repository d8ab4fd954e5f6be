import CLibXML2
import Foundation
import ZIPFoundation

/// A parsed XML element (libxml2 tree copied into Swift values).
struct XNode {
    var name: String
    var attributes: [String: String]
    var children: [XNode]
    var text: String

    subscript(_ attribute: String) -> String? { attributes[attribute] }

    func descendants(_ name: String) -> [XNode] {
        var out: [XNode] = []
        for child in children {
            if child.name == name { out.append(child) }
            out += child.descendants(name)
        }
        return out
    }

    func first(_ name: String) -> XNode? { descendants(name).first }

    /// All text below this node.
    var allText: String { text + children.map(\.allText).joined() }

    static func parse(_ data: Data) throws -> XNode {
        let doc = data.withUnsafeBytes { raw -> xmlDocPtr? in
            let base = raw.bindMemory(to: CChar.self).baseAddress
            return xmlReadMemory(base, Int32(raw.count), "sheet.xml", "UTF-8",
                                 Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue))
        }
        guard let doc else { throw XLSXReader.Failure("not well-formed XML") }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc) else { throw XLSXReader.Failure("no root element") }
        return convert(root)
    }

    private static func convert(_ node: xmlNodePtr) -> XNode {
        var attributes: [String: String] = [:]
        var attr = node.pointee.properties
        while let a = attr {
            let name = String(cString: a.pointee.name)
            if let value = xmlNodeGetContent(a.pointee.children.map { UnsafeMutablePointer($0) }) {
                attributes[name] = String(cString: value)
                cxml_free(value)
            } else {
                attributes[name] = ""
            }
            attr = a.pointee.next
        }
        var children: [XNode] = []
        var text = ""
        var child = node.pointee.children
        while let c = child {
            if c.pointee.type == XML_ELEMENT_NODE {
                children.append(convert(c))
            } else if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE, let content = c.pointee.content {
                text += String(cString: content)
            }
            child = c.pointee.next
        }
        return XNode(name: String(cString: node.pointee.name), attributes: attributes, children: children, text: text)
    }
}

/// Reads cells of an .xlsx written by libxlsxwriter: unzips, resolves shared strings and sheet names.
struct XLSXReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    let archive: Archive
    let sharedStrings: [String]
    /// Sheet names in workbook order and their part paths.
    let sheets: [(name: String, part: String)]

    init(url: URL) throws {
        archive = try Archive(url: url, accessMode: .read)
        let strings = try XNode.parse(Self.read(archive, "xl/sharedStrings.xml"))
        sharedStrings = strings.descendants("si").map { $0.descendants("t").map(\.text).joined() }
        let workbook = try XNode.parse(Self.read(archive, "xl/workbook.xml"))
        let rels = try XNode.parse(Self.read(archive, "xl/_rels/workbook.xml.rels"))
        var targets: [String: String] = [:]
        for r in rels.descendants("Relationship") { targets[r["Id"] ?? ""] = r["Target"] }
        sheets = workbook.descendants("sheet").map { s in
            (s["name"] ?? "", "xl/" + (targets[s["id"] ?? ""] ?? ""))
        }
    }

    static func read(_ archive: Archive, _ path: String) throws -> Data {
        guard let entry = archive[path] else { throw Failure("\(path) missing from the xlsx") }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return data
    }

    func sheetXML(_ name: String) throws -> XNode {
        guard let sheet = sheets.first(where: { $0.name == name }) else { throw Failure("no sheet \(name)") }
        return try XNode.parse(Self.read(archive, sheet.part))
    }

    /// Cell values by reference ("B4"): shared strings resolved, numbers as written.
    func cells(_ name: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for c in try sheetXML(name).descendants("c") {
            guard let ref = c["r"] else { continue }
            let v = c.first("v")?.text
            if c["t"] == "s", let v, let i = Int(v), sharedStrings.indices.contains(i) {
                out[ref] = sharedStrings[i]
            } else if c["t"] == "inlineStr" {
                out[ref] = c.first("is")?.allText
            } else if let v {
                out[ref] = v
            }
        }
        return out
    }
}
