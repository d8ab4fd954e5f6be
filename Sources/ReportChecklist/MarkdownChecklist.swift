/// GitHub-flavoured markdown: a table per group. Cell text is escaped so report content cannot become markup
/// (HTML tags, links, emphasis, table pipes).
struct MarkdownChecklist {
    let text: ChecklistText

    func render() -> String {
        let l = text.labels
        var out = "# \(md(l.documentTitle))\n\n"
        out += md(text.checklist.isFilled ? l.filledSubtitle : l.blankSubtitle) + "\n\n"
        out += "- \(md(text.packLine))\n- \(md(text.generatedLine))\n\n"
        if !text.checklist.isFilled {
            out += table(report: nil, level: "##")
            return out
        }
        out += "## \(md(l.summary))\n\n"
        out += row(text.summaryHeadings) + separator(count: text.summaryHeadings.count, numericFirst: true)
        for report in text.checklist.reports { out += row(text.summaryRow(report)) }
        for report in text.checklist.reports {
            out += "\n## \(md(l.reportHeading(report.number, text.reportName(report))))\n\n"
            for (name, value) in text.header(report) { out += "- \(md(l.field(name, value)))\n" }
            out += "\n"
            if report.isUnreadable {
                out += "**\(md(l.unreadable))** \(md(text.unreadableReason(report)))\n"
            } else {
                out += table(report: report, level: "###")
            }
        }
        return out
    }

    private func table(report: Checklist.Report?, level: String) -> String {
        let headings = text.columns.map { column in
            column == .verdict ? text.labels.withChoices(text.labels.heading(column)) : text.labels.heading(column)
        }
        var out = ""
        for (index, group) in text.checklist.groups.enumerated() {
            if index > 0 { out += "\n" }
            out += "\(level) \(md(text.groupTitle(group)))\n\n"
            out += row(headings) + separator(count: headings.count, numericFirst: true)
            for item in group.items { out += row(text.cells(item, report)) }
        }
        return out
    }

    private func row(_ cells: [String]) -> String {
        "| " + cells.map { cell($0) }.joined(separator: " | ") + " |\n"
    }

    private func separator(count: Int, numericFirst: Bool) -> String {
        "|" + (0..<count).map { $0 == 0 && numericFirst ? "---:" : "---" }.joined(separator: "|") + "|\n"
    }

    /// A table cell: escaped, line breaks as <br> (the only markup we add).
    private func cell(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { md(String($0)) }.joined(separator: "<br>")
    }

    /// Escapes inline markdown: HTML-significant characters become entities, punctuation that starts markup
    /// gets a backslash. The result renders as the literal text.
    func md(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\\", "`", "*", "_", "[", "]", "|", "~": out += "\\\(ch)"
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
