/// A calendar date without time zone (reports are dated by day).
public struct ReportDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses "2026-01-29" (ISO form, as written in JSON output and rule parameters).
    public init?(iso: String) {
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (a: ReportDate, b: ReportDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    /// ISO 8601 calendar date, e.g. "2026-01-01".
    public var description: String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(year)-\(pad(month))-\(pad(day))"
    }
}

/// One metadata value and where it was found, so a finding can point at it.
public struct MetadataField<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var value: Value
    /// Where in the input the value was read; nil for values that have no line (e.g. a manifest entry).
    public var location: SourceLocation?
    /// How it was found, e.g. "meta:ArticleTitle", "h1", "title-line", "signature", "publication-line",
    /// "opening-paragraph", "header-line", "manifest".
    public var source: String
    /// The original text the value was read from (for evidence).
    public var text: String?

    public init(value: Value, location: SourceLocation? = nil, source: String, text: String? = nil) {
        self.value = value
        self.location = location
        self.source = source
        self.text = text
    }
}

/// What a reader sees about a report besides its body: title, issuing agency, report year, date.
public struct Metadata: Sendable, Hashable, Codable {
    /// A title naming the report (standalone title line near the top, or ArticleTitle / h1 / <title>).
    public var title: MetadataField<String>?
    /// The issuing agency (ContentSource, title prefix, header line, signature).
    public var agency: MetadataField<String>?
    /// The year the report covers (from the title, else the opening paragraph).
    public var year: MetadataField<Int>?
    /// The date the report was signed or published (signature, PubDate, 发布时间, 成文日期).
    public var date: MetadataField<ReportDate>?

    public init(title: MetadataField<String>? = nil, agency: MetadataField<String>? = nil,
                year: MetadataField<Int>? = nil, date: MetadataField<ReportDate>? = nil) {
        self.title = title
        self.agency = agency
        self.year = year
        self.date = date
    }
}
