import Foundation
import ReportDocument

/// The JSON view of a `Document` for `reportlint normalize --format json` (shape in docs/normalized-document.md).
public enum DocumentJSON {
    public struct Field<V: Codable & Sendable>: Codable, Sendable {
        public var value: V
        public var line: Int?
        public var column: Int?
        public var source: String
        public var text: String?
    }

    public struct Meta: Codable, Sendable {
        public var title: Field<String>?
        public var agency: Field<String>?
        public var year: Field<Int>?
        public var date: Field<String>?
    }

    public struct HeadingView: Codable, Sendable {
        public var level: Int
        public var style: String
        public var number: String
        public var title: String
        public var runIn: Bool
    }

    public struct BlockView: Codable, Sendable {
        public var kind: String
        public var text: String
        public var folded: String
        public var line: Int
        public var column: Int
        public var endLine: Int?
        public var heading: HeadingView?
    }

    public struct SectionView: Codable, Sendable {
        public var index: Int
        public var level: Int
        public var number: String
        public var heading: String
        public var line: Int
        /// Block indices `[start, end)`, heading block included.
        public var blocks: [Int]
        public var parent: Int?
    }

    public struct View: Codable, Sendable {
        public var path: String
        public var format: String
        public var encoding: String
        public var metadata: Meta
        public var blocks: [BlockView]
        public var sections: [SectionView]
    }

    static func field<V>(_ f: MetadataField<V>?, _ map: (V) -> V) -> Field<V>? {
        guard let f else { return nil }
        return Field(value: map(f.value), line: f.location?.line, column: f.location?.column, source: f.source,
                     text: f.text)
    }

    public static func view(_ doc: Document) -> View {
        let m = doc.metadata
        let date = m.date.map {
            Field(value: $0.value.description, line: $0.location?.line, column: $0.location?.column,
                  source: $0.source, text: $0.text)
        }
        let meta = Meta(title: field(m.title) { $0 }, agency: field(m.agency) { $0 }, year: field(m.year) { $0 },
                        date: date)
        let blocks = doc.blocks.map { b in
            BlockView(kind: b.kind.rawValue, text: b.text, folded: b.folded, line: b.location.line,
                      column: b.location.column,
                      endLine: b.segments.last!.location.line != b.location.line ? b.segments.last!.location.line : nil,
                      heading: b.heading.map {
                          HeadingView(level: $0.level, style: $0.style.rawValue, number: $0.number, title: $0.title,
                                      runIn: $0.runIn)
                      })
        }
        let sections = doc.sections.map { s in
            let h = doc.heading(of: s)
            return SectionView(index: s.index, level: s.level, number: h.number, heading: h.title,
                               line: doc.blocks[s.headingBlock].location.line,
                               blocks: [s.blocks.lowerBound, s.blocks.upperBound], parent: s.parent)
        }
        return View(path: doc.path, format: doc.format.rawValue, encoding: doc.encoding, metadata: meta,
                    blocks: blocks, sections: sections)
    }

    public static func render(_ doc: Document) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(view(doc)) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The plain-text view: title first, then the body; headings marked with one "#" per level.
public enum DocumentText {
    public static func render(_ doc: Document) -> String {
        var out = ""
        let m = doc.metadata
        out += "title: \(m.title?.value ?? "(none)")\n"
        out += "agency: \(m.agency?.value ?? "(none)")\n"
        out += "year: \(m.year.map { String($0.value) } ?? "(none)")\n"
        out += "date: \(m.date?.value.description ?? "(none)")\n\n"
        for block in doc.blocks {
            switch block.kind {
            case .heading:
                let level = block.heading?.level ?? 1
                out += String(repeating: "#", count: level) + " " + block.text + "\n"
            case .title: out += "[title] " + block.text + "\n"
            case .header: out += "[header] " + block.text + "\n"
            case .salutation: out += block.text + "\n"
            case .signature: out += "[signature] " + block.text + "\n"
            case .tableRow: out += "| " + block.text.replacingOccurrences(of: "\t", with: " | ") + " |\n"
            case .paragraph: out += block.text + "\n"
            }
        }
        return out
    }
}
