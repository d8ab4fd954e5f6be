import Foundation

/// Renders a checklist in one format and language.
public enum ChecklistWriter {
    /// Writes `checklist` to `path`, or returns it as text when `path` is nil. `xlsx` requires a path (it is a zip
    /// file written by libxlsxwriter); the text formats are UTF-8 (CSV with a BOM). Returns nil when a file was
    /// written.
    @discardableResult
    public static func write(_ checklist: Checklist, format: ChecklistFormat, language: ChecklistLanguage,
                             to path: String?) throws -> String? {
        let text = ChecklistText(checklist, language)
        if format == .xlsx {
            guard let path, !path.isEmpty, path != "-" else {
                throw ChecklistError("the xlsx format needs an output file (--output FILE.xlsx)")
            }
            try XLSXChecklist(text: text).write(to: path)
            return nil
        }
        let rendered = render(text, format)
        guard let path else { return rendered }
        do {
            try Data(rendered.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw ChecklistError("\(path): cannot write the checklist: \(error.localizedDescription)")
        }
        return nil
    }

    /// The text of a markdown, html or csv checklist (nil for xlsx, which is binary).
    public static func render(_ checklist: Checklist, format: ChecklistFormat, language: ChecklistLanguage) -> String? {
        format == .xlsx ? nil : render(ChecklistText(checklist, language), format)
    }

    static func render(_ text: ChecklistText, _ format: ChecklistFormat) -> String {
        switch format {
        case .markdown: return MarkdownChecklist(text: text).render()
        case .html: return HTMLChecklist(text: text).render()
        case .csv: return CSVChecklist(text: text).render()
        case .xlsx: return ""
        }
    }
}
