import ReportOutput
import RuleEngine

/// A printable, self-contained HTML document: inline CSS, no scripts, no external assets (a CSP forbids them),
/// A4 landscape pages, the summary and each report on its own page. Every piece of text is escaped.
struct HTMLChecklist {
    let text: ChecklistText

    static let css = """
        @page { size: A4 landscape; margin: 12mm 10mm 14mm 10mm; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; color: #111; font-size: 9pt; line-height: 1.35;
          font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; }
        h1 { font-size: 15pt; margin: 0 0 2mm; }
        h2 { font-size: 12.5pt; margin: 0 0 2mm; }
        p.sub { margin: 0 0 3mm; color: #444; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 0.6mm 4mm; margin: 0 0 3mm; }
        dl.meta dt { font-weight: bold; color: #333; }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        dl.meta dd:empty { border-bottom: 0.6pt solid #111; margin-right: 20mm; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        thead { display: table-header-group; }
        th, td { border: 0.6pt solid #555; padding: 0.9mm 1.3mm; vertical-align: top; text-align: left;
          overflow-wrap: anywhere; word-break: break-word; }
        thead th { background: #dfe6f0; font-weight: bold; }
        tr, tbody { break-inside: avoid; page-break-inside: avoid; }
        tr.group th { background: #efefef; font-weight: bold; }
        td.num { text-align: right; }
        td.fail { color: #a40000; font-weight: bold; }
        td.fail .msg, td.na .msg { font-weight: normal; }
        td.pass { color: #1d5e20; }
        td.na, td.unchecked { color: #555; }
        td.choices { color: #666; font-size: 8.5pt; }
        td.manual { height: 9mm; }
        .unreadable { border: 1pt solid #a40000; padding: 3mm; color: #a40000; }
        .sign { margin-top: 4mm; display: flex; gap: 20mm; break-inside: avoid; page-break-inside: avoid; }
        .sign span { display: inline-block; min-width: 45mm; border-bottom: 0.6pt solid #111; }
        section.page { break-after: page; page-break-after: always; }
        section.page:last-child { break-after: auto; page-break-after: auto; }
        @media screen { body { max-width: 285mm; margin: 8mm auto; } section.page { margin-bottom: 12mm; } }
        """

    /// Relative column widths (percent) for blank and filled tables.
    static func width(_ c: Column, filled: Bool) -> Int {
        switch c {
        case .number: return 4
        case .requirement: return filled ? 12 : 16
        case .basis: return filled ? 15 : 18
        case .method: return filled ? 15 : 24
        case .autoResult: return 11
        case .autoEvidence: return 16
        case .verdict: return filled ? 8 : 10
        case .evidence: return filled ? 9 : 14
        case .reviewer: return 5
        case .date: return 5
        }
    }

    func render() -> String {
        let l = text.labels
        let c = text.checklist
        var out = """
            <!DOCTYPE html>
            <html lang="\(l.zh ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'">
            <meta name="referrer" content="no-referrer">
            <title>\(h(l.documentTitle))</title>
            <style>
            \(Self.css)
            </style>
            </head>
            <body>

            """
        if !c.isFilled {
            out += "<section class=\"page blank\">\n"
            out += "<h1>\(h(l.documentTitle))</h1>\n<p class=\"sub\">\(h(l.blankSubtitle))</p>\n"
            out += meta([(l.packs, packs), (l.generated, c.generated), (l.agency, ""), (l.year, "")])
            out += table(report: nil)
            out += signature()
            out += "</section>\n"
        } else {
            out += summary()
            for report in c.reports { out += page(report) }
        }
        out += "</body>\n</html>\n"
        return out
    }

    private var packs: String {
        let list = text.checklist.packs.map { "\($0.id) \($0.version)" }.joined(separator: text.labels.listSeparator)
        return list.isEmpty ? text.labels.missing : Clean.text(list)
    }

    private func summary() -> String {
        let l = text.labels
        var out = "<section class=\"page summary\">\n"
        out += "<h1>\(h(l.documentTitle))</h1>\n<p class=\"sub\">\(h(l.filledSubtitle))</p>\n"
        out += "<h2>\(h(l.summary))</h2>\n"
        out += meta([(l.packs, packs), (l.generated, text.checklist.generated)])
        let widths = [4, 14, 16, 6, 9, 8, 5, 5, 5, 28]
        out += "<table class=\"summary\">\n<colgroup>"
        out += widths.map { "<col style=\"width:\($0)%\">" }.joined()
        out += "</colgroup>\n<thead><tr>"
        out += text.summaryHeadings.map { "<th>\(h($0))</th>" }.joined()
        out += "</tr></thead>\n<tbody>\n"
        for report in text.checklist.reports {
            let cells = text.summaryRow(report)
            out += "<tr>"
            for (i, cell) in cells.enumerated() {
                var cls = [0, 6, 7, 8].contains(i) ? "num" : ""
                if i == 5 { cls = report.result.verdict == .pass ? "pass" : "fail" }
                out += cls.isEmpty ? "<td>\(h(cell))</td>" : "<td class=\"\(cls)\">\(h(cell))</td>"
            }
            out += "</tr>\n"
        }
        out += "</tbody>\n</table>\n</section>\n"
        return out
    }

    private func page(_ report: Checklist.Report) -> String {
        let l = text.labels
        var out = "<section class=\"page report\">\n"
        out += "<h1>\(h(l.documentTitle))</h1>\n"
        out += "<h2>\(h(l.reportHeading(report.number, text.reportName(report))))</h2>\n"
        out += meta(text.header(report))
        if report.isUnreadable {
            out += "<div class=\"unreadable\"><p><strong>\(h(l.unreadable))</strong></p><p>\(h(text.unreadableReason(report)))</p></div>\n"
        } else {
            out += table(report: report)
            out += signature()
        }
        out += "</section>\n"
        return out
    }

    private func meta(_ fields: [(String, String)]) -> String {
        "<dl class=\"meta\">" + fields.map { "<dt>\(h($0.0))</dt><dd>\(h($0.1))</dd>" }.joined() + "</dl>\n"
    }

    private func signature() -> String {
        let l = text.labels
        return "<div class=\"sign\"><div>\(h(l.signature))\(h(l.colon))<span></span></div>"
            + "<div>\(h(l.signDate))\(h(l.colon))<span></span></div></div>\n"
    }

    private func table(report: Checklist.Report?) -> String {
        let columns = text.columns
        let filled = report != nil
        var out = "<table class=\"checklist\">\n<colgroup>"
        out += columns.map { "<col style=\"width:\(Self.width($0, filled: filled))%\">" }.joined()
        out += "</colgroup>\n<thead><tr>"
        out += columns.map { "<th>\(h(text.labels.heading($0)))</th>" }.joined()
        out += "</tr></thead>\n"
        // One tbody per group, kept on one page when it fits, so a group heading is never left alone at a page foot.
        for group in text.checklist.groups {
            out += "<tbody>\n<tr class=\"group\"><th colspan=\"\(columns.count)\">\(h(text.groupTitle(group)))</th></tr>\n"
            for item in group.items {
                let finding = report?.finding(for: item.rule)
                let cells = text.cells(item, report)
                out += "<tr>"
                for (column, cell) in zip(columns, cells) {
                    switch column {
                    case .number: out += "<td class=\"num\">\(h(cell))</td>"
                    case .autoResult: out += autoResultCell(cell, finding)
                    case .verdict:
                        let boxes = text.labels.choices.map { "□" + $0 }.joined(separator: "<br>")
                        out += "<td class=\"choices manual\">\(boxes)</td>"
                    case .evidence, .reviewer, .date: out += "<td class=\"manual\"></td>"
                    default: out += "<td>\(multiline(cell))</td>"
                    }
                }
                out += "</tr>\n"
            }
            out += "</tbody>\n"
        }
        out += "</table>\n"
        return out
    }

    /// First line is the status (styled), the rest the engine's message.
    private func autoResultCell(_ cell: String, _ finding: Finding?) -> String {
        let cls: String
        switch finding?.status {
        case .pass?: cls = "pass"
        case .fail?: cls = "fail"
        case .notApplicable?: cls = "na"
        case nil: cls = "unchecked"
        }
        let parts = cell.split(separator: "\n", maxSplits: 1).map(String.init)
        var out = "<td class=\"\(cls)\">\(h(parts.first ?? ""))"
        if parts.count > 1 { out += "<br><span class=\"msg\">\(multiline(parts[1]))</span>" }
        return out + "</td>"
    }

    private func multiline(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { h(String($0)) }.joined(separator: "<br>")
    }

    /// Escapes text for element content and quoted attribute values (the shared HTML escaping of the outputs).
    func h(_ s: String) -> String { HTMLEscape.text(s) }
}

