import Foundation
import ReportDocument

/// What an HTML page says about itself outside the body text: `<meta name=… content=…>` and `<title>`.
struct PageMetadata {
    struct Value {
        var text: String
        var line: Int
    }

    /// Lowercased meta name → first value ("articletitle", "pubdate", "contentsource", …).
    var metas: [String: Value] = [:]
    var titleTag: Value?
}

/// Title, agency, report year and date, each with where it was found. Only what a reader of the report sees counts:
/// title lines, header/publication lines, the opening paragraph, the signature, and the page's meta tags — never body
/// sentences, file properties or mtimes.
enum MetadataExtractor {
    static func extract(blocks: [Block], page: PageMetadata) -> Metadata {
        var metadata = Metadata()
        metadata.title = title(blocks, page)
        metadata.agency = agency(blocks, page, title: metadata.title)
        metadata.year = year(blocks, title: metadata.title)
        metadata.date = date(blocks, page)
        return metadata
    }

    static func field<V>(_ value: V, _ block: Block, _ source: String) -> MetadataField<V> {
        MetadataField(value: value, location: block.location, source: source, text: block.text)
    }

    // MARK: Title

    static func title(_ blocks: [Block], _ page: PageMetadata) -> MetadataField<String>? {
        if let meta = page.metas["articletitle"], !meta.text.isEmpty {
            return MetadataField(value: meta.text, location: SourceLocation(line: meta.line), source: "meta:ArticleTitle",
                                 text: meta.text)
        }
        if let block = blocks.first(where: { $0.kind == .title }) {
            return field(block.text, block, "title-line")
        }
        if let tag = page.titleTag {
            let title = stripSiteSuffix(tag.text)
            if !title.isEmpty {
                return MetadataField(value: title, location: SourceLocation(line: tag.line), source: "html-title",
                                     text: tag.text)
            }
        }
        return nil
    }

    /// "江源区…报告 - 白山市江源区人民政府" → "江源区…报告".
    static func stripSiteSuffix(_ title: String) -> String {
        var best = title.trimmingWhitespace()
        for separator in [" - ", " — ", " – ", "－", "_", "|", "｜", " -", "- "] {
            if let range = best.byteRange(of: separator) {
                let head = best[..<range.lowerBound].trimmingWhitespace()
                if head.unicodeScalars.count >= 4 { best = head }
            }
        }
        return best
    }

    // MARK: Agency

    static let agencyKeys = ["发文机关", "发布机构", "发文单位", "发布单位"]

    static func agency(_ blocks: [Block], _ page: PageMetadata,
                       title: MetadataField<String>?) -> MetadataField<String>? {
        if let meta = page.metas["contentsource"], !meta.text.isEmpty, meta.text.unicodeScalars.count <= 40 {
            return MetadataField(value: meta.text, location: SourceLocation(line: meta.line),
                                 source: "meta:ContentSource", text: meta.text)
        }
        // Index loops: test the kind before copying a block (a Block copy retains five buffers).
        for i in blocks.indices where blocks[i].kind == .header {
            if let value = value(after: agencyKeys, in: blocks[i].text), LineShapes.isAgencyName(value) {
                return field(value, blocks[i], "header-line")
            }
        }
        if let title, let prefix = LineShapes.agencyPrefix(ofTitle: title.value) {
            return MetadataField(value: prefix, location: title.location, source: "title-prefix", text: title.text)
        }
        for i in blocks.indices where blocks[i].kind == .header || blocks[i].kind == .title {
            if LineShapes.isAgencyName(blocks[i].text) { return field(blocks[i].text, blocks[i], "header-line") }
        }
        for i in blocks.indices.reversed() where blocks[i].kind == .signature {
            if LineShapes.isAgencyName(blocks[i].text) { return field(blocks[i].text, blocks[i], "signature") }
        }
        for i in blocks.indices where blocks[i].kind == .header {
            if let value = value(after: ["来源"], in: blocks[i].text), LineShapes.isAgencyName(value) {
                return field(value, blocks[i], "publication-line")
            }
        }
        return nil
    }

    /// The value after "KEY:" / "KEY：" / "KEY\t" in a header line, up to the next whitespace.
    static func value(after keys: [String], in text: String) -> String? {
        for key in keys {
            guard let range = text.byteRange(of: key) else { continue }
            var rest = text[range.upperBound...].drop { $0 == ":" || $0 == "：" || $0 == " " || $0 == "\t" }
            if let end = rest.firstIndex(where: { $0 == " " || $0 == "\t" }) { rest = rest[..<end] }
            if !rest.isEmpty { return String(rest) }
        }
        return nil
    }

    // MARK: Year

    static func year(_ blocks: [Block], title: MetadataField<String>?) -> MetadataField<Int>? {
        if let title, let y = DateParser.years(in: TextFolding.folded(title.value)).first(where: { !$0.partOfDate }) {
            return MetadataField(value: y.year, location: title.location, source: "title", text: title.text)
        }
        let firstHeading = blocks.firstIndex { $0.kind == .heading } ?? blocks.endIndex
        for block in blocks[..<firstHeading] where block.kind == .paragraph {
            if let y = DateParser.years(in: block.folded).first(where: { !$0.partOfDate }) {
                let offset = block.textOffset(ofFoldedOffset: y.range.lowerBound)
                return MetadataField(value: y.year, location: block.location(ofTextOffset: offset),
                                     source: "opening-paragraph", text: block.text)
            }
            break  // only the first paragraph of the opening
        }
        return nil
    }

    // MARK: Date

    static let publicationKeys = ["发布时间", "发布日期", "成文日期", "印发日期", "日期", "时间"]

    static func date(_ blocks: [Block], _ page: PageMetadata) -> MetadataField<ReportDate>? {
        for i in blocks.indices.reversed() where blocks[i].kind == .signature {
            if let d = DateParser.firstDate(in: blocks[i].folded) { return field(d.date, blocks[i], "signature") }
        }
        for name in ["pubdate", "firstpublishedtime", "publishdate"] {
            if let meta = page.metas[name], let d = DateParser.firstDate(in: TextFolding.folded(meta.text)) {
                return MetadataField(value: d.date, location: SourceLocation(line: meta.line),
                                     source: "meta:\(name == "pubdate" ? "PubDate" : name)", text: meta.text)
            }
        }
        for key in publicationKeys {
            for i in blocks.indices where blocks[i].kind == .header && blocks[i].text.containsBytes(key) {
                let block = blocks[i]
                let folded = block.folded
                guard let keyRange = folded.byteRange(of: TextFolding.folded(key)) else { continue }
                let after = String(folded[keyRange.upperBound...])
                if let d = DateParser.firstDate(in: after) { return field(d.date, block, "publication-line") }
            }
        }
        return nil
    }
}
