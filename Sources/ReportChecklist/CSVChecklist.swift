/// CSV (RFC 4180, CRLF line ends, UTF-8 with a BOM so Excel and WPS detect the encoding). One flat table:
/// a blank checklist has one row per rule; a filled one has one row per report and rule, an unreadable report one
/// row saying why.
struct CSVChecklist {
    let text: ChecklistText

    func render() -> String {
        let l = text.labels
        var out = "\u{FEFF}"
        let columns = text.columns
        var headings = [l.checklistGroupHeading] + columns.map { l.heading($0) }
        if text.checklist.isFilled {
            headings = [l.report, l.agency, l.year] + headings
        }
        out += record(headings)
        if !text.checklist.isFilled {
            for group in text.checklist.groups {
                for item in group.items { out += record([text.groupTitle(group)] + text.cells(item, nil)) }
            }
            return out
        }
        for report in text.checklist.reports {
            let prefix = [Clean.oneLine(report.result.path, limit: 300), text.agency(report), text.year(report)]
            if report.isUnreadable {
                var cells = Array(repeating: "", count: columns.count + 1)
                if let i = columns.firstIndex(of: .autoResult) {
                    cells[i + 1] = l.verdict(.error) + "\n" + text.unreadableReason(report)
                }
                out += record(prefix + cells)
                continue
            }
            for group in text.checklist.groups {
                for item in group.items { out += record(prefix + [text.groupTitle(group)] + text.cells(item, report)) }
            }
        }
        return out
    }

    private func record(_ fields: [String]) -> String {
        fields.map(Self.field).joined(separator: ",") + "\r\n"
    }

    /// RFC 4180 quoting; a field that a spreadsheet would take for a formula (= + - @ at the start) is prefixed
    /// with an apostrophe, since report text is untrusted (CSV injection).
    static func field(_ raw: String) -> String {
        var s = raw.replacingOccurrences(of: "\n", with: "\r\n")
        if let first = s.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { s = "'" + s }
        let needsQuotes = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r\n" || $0 == "\n" || $0 == "\r" })
        guard needsQuotes else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
