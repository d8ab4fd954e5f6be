import ReportDocument

/// Where in a report a text condition looks.
public enum Scope: Sendable, Equatable, CustomStringConvertible {
    /// Every block.
    case document
    /// Body paragraphs before the first heading (after title, header and salutation lines).
    case opening
    /// Title lines.
    case title
    /// Heading blocks only.
    case headings
    /// Everything but headings, title, header and signature lines.
    case body
    /// The blocks of the sections a named selector matched (headings and subsections included).
    case section(String)

    static let reserved = ["document", "opening", "title", "headings", "body"]

    init(name: String) {
        switch name {
        case "document": self = .document
        case "opening": self = .opening
        case "title": self = .title
        case "headings": self = .headings
        case "body": self = .body
        default: self = .section(name)
        }
    }

    public var description: String {
        switch self {
        case .document: return "document"
        case .opening: return "opening"
        case .title: return "title"
        case .headings: return "headings"
        case .body: return "body"
        case .section(let name): return name
        }
    }
}
