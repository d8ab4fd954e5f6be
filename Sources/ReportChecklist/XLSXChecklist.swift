import CXLSXWriter
import Foundation
import RuleEngine

/// An .xlsx workbook through libxlsxwriter: a summary worksheet first (filled checklists), then one worksheet per
/// report (or one "审核清单" sheet for a blank checklist). Each checklist sheet has a title row, a header-fields row
/// and the column headings, frozen; column widths and wrapped text; a drop-down (list validation) on 结论;
/// A4 landscape, one page wide, headings repeated on every printed page.
struct XLSXChecklist {
    let text: ChecklistText

    static func width(_ c: Column) -> Double {
        switch c {
        case .number: return 6
        case .requirement: return 24
        case .basis: return 28
        case .method: return 38
        case .autoResult: return 20
        case .autoEvidence: return 36
        case .verdict: return 13
        case .evidence: return 18
        case .reviewer: return 10
        case .date: return 11
        }
    }

    /// Display width of text in Excel column units (CJK and other wide characters take about two).
    static func units(_ s: Substring) -> Double {
        s.reduce(0.0) { sum, ch in
            guard let u = ch.unicodeScalars.first?.value else { return sum }
            let wide = (0x1100...0x115F).contains(u) || (0x2E80...0xA4CF).contains(u) || (0xAC00...0xD7A3).contains(u)
                || (0xF900...0xFAFF).contains(u) || (0xFE30...0xFE4F).contains(u) || (0xFF00...0xFF60).contains(u)
                || (0xFFE0...0xFFE6).contains(u) || u >= 0x1F300
            return sum + (wide ? 2.1 : 1.15)
        }
    }

    /// Wrapped lines a cell needs at a column width.
    static func lines(_ text: String, width: Double) -> Int {
        let usable = max(1, width - 1.5)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .reduce(0) { $0 + max(1, Int(ceil(units($1) / usable))) }
    }

    /// Row height (points) for cells of wrapped text. Excel and WPS grow unsized rows with wrapped text when they
    /// open a file but LibreOffice does not, so every row is sized explicitly from an estimate.
    static func height(_ cells: [(String, Double)]) -> Double {
        let n = cells.map { lines($0.0, width: $0.1) }.max() ?? 1
        return Double(max(1, n)) * 15 + 3
    }

    /// Owns the workbook and its formats while the file is built.
    private final class Book {
        let path: String
        let workbook: UnsafeMutablePointer<lxw_workbook>
        var closed = false
        let title, info, heading, group, cell, number, pass, fail, muted: UnsafeMutablePointer<lxw_format>

        /// Builds the workbook at `file`; messages name `path` (the file the user asked for).
        init(path: String, file: String) throws {
            guard let wb = workbook_new(file) else { throw ChecklistError("xlsx \(path): cannot create the workbook") }
            workbook = wb
            self.path = path
            func format(_ setup: (UnsafeMutablePointer<lxw_format>) -> Void) -> UnsafeMutablePointer<lxw_format> {
                let f = workbook_add_format(wb)!
                setup(f)
                return f
            }
            let top = UInt8(LXW_ALIGN_VERTICAL_TOP.rawValue)
            let thin = UInt8(LXW_BORDER_THIN.rawValue)
            title = format { format_set_bold($0); format_set_font_size($0, 14) }
            info = format { format_set_text_wrap($0); format_set_align($0, top) }
            heading = format {
                format_set_bold($0); format_set_text_wrap($0); format_set_border($0, thin)
                format_set_bg_color($0, 0xDFE6F0); format_set_align($0, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
            }
            group = format {
                format_set_bold($0); format_set_border($0, thin); format_set_bg_color($0, 0xEFEFEF)
                format_set_text_wrap($0); format_set_align($0, top)
            }
            cell = format { format_set_text_wrap($0); format_set_border($0, thin); format_set_align($0, top) }
            number = format {
                format_set_border($0, thin); format_set_align($0, top); format_set_align($0, UInt8(LXW_ALIGN_RIGHT.rawValue))
            }
            pass = format {
                format_set_text_wrap($0); format_set_border($0, thin); format_set_align($0, top)
                format_set_font_color($0, 0x1D5E20)
            }
            fail = format {
                format_set_text_wrap($0); format_set_border($0, thin); format_set_align($0, top)
                format_set_font_color($0, 0xA40000); format_set_bold($0)
            }
            muted = format {
                format_set_text_wrap($0); format_set_border($0, thin); format_set_align($0, top)
                format_set_font_color($0, 0x555555)
            }
        }

        deinit { if !closed { lxw_workbook_free(workbook) } }

        func check(_ error: lxw_error, _ what: String) throws {
            guard error != LXW_NO_ERROR else { return }
            throw ChecklistError("xlsx \(path): \(what): \(String(cString: lxw_strerror(error)))")
        }

        func sheet(_ name: String) throws -> UnsafeMutablePointer<lxw_worksheet> {
            try check(workbook_validate_sheet_name(workbook, name), "invalid worksheet name \(name)")
            guard let ws = workbook_add_worksheet(workbook, name) else {
                throw ChecklistError("xlsx \(path): cannot add worksheet \(name)")
            }
            return ws
        }

        func close() throws {
            closed = true
            try check(workbook_close(workbook), "cannot write the file")
        }
    }

    private struct Sheet {
        let book: Book
        let ws: UnsafeMutablePointer<lxw_worksheet>

        func write(_ row: Int, _ col: Int, _ s: String, _ format: UnsafeMutablePointer<lxw_format>?) throws {
            try book.check(worksheet_write_string(ws, lxw_row_t(row), lxw_col_t(col), s, format),
                           "cannot write cell \(row + 1),\(col + 1)")
        }

        func merge(_ row: Int, _ lastCol: Int, _ s: String, _ format: UnsafeMutablePointer<lxw_format>?) throws {
            if lastCol == 0 { return try write(row, 0, s, format) }
            try book.check(worksheet_merge_range(ws, lxw_row_t(row), 0, lxw_row_t(row), lxw_col_t(lastCol), s, format),
                           "cannot merge row \(row + 1)")
        }

        func height(_ row: Int, _ points: Double) throws {
            try book.check(worksheet_set_row(ws, lxw_row_t(row), points, nil), "cannot size row \(row + 1)")
        }

        func widths(_ widths: [Double]) throws {
            for (i, w) in widths.enumerated() {
                try book.check(worksheet_set_column(ws, lxw_col_t(i), lxw_col_t(i), w, nil), "cannot size column \(i + 1)")
            }
        }

        /// A4 landscape, one page wide, rows 0...headingRow repeated, frozen below the headings.
        func layout(headingRow: Int) throws {
            worksheet_freeze_panes(ws, lxw_row_t(headingRow + 1), 0)
            try book.check(worksheet_repeat_rows(ws, lxw_row_t(headingRow), lxw_row_t(headingRow)), "cannot repeat rows")
            try page()
        }

        /// A4 landscape, one page wide, page numbers in the footer.
        func page() throws {
            worksheet_set_landscape(ws)
            worksheet_set_paper(ws, 9)
            worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.6)
            worksheet_fit_to_pages(ws, 1, 0)
            try book.check(worksheet_set_footer(ws, "&C&P / &N"), "cannot set the footer")
        }
    }

    /// Writes the workbook next to `path` under a temporary name and renames it into place, so an existing file is
    /// replaced only by a complete workbook.
    func write(to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(UUID().uuidString.prefix(8)).xlsx").path
        do {
            try build(path: path, file: temp)
            if rename(temp, path) != 0 {
                throw ChecklistError("xlsx \(path): cannot write the file: \(String(cString: strerror(errno)))")
            }
        } catch {
            unlink(temp)
            throw error
        }
    }

    private func build(path: String, file: String) throws {
        let book = try Book(path: path, file: file)
        let c = text.checklist
        if c.isFilled {
            try summary(book)
            var used: Set<String> = [text.labels.summary.lowercased()]
            for report in c.reports {
                let name = Self.sheetName(text.reportName(report), fallback: "\(text.labels.report)\(report.number)",
                                          used: &used)
                try checklistSheet(book, name: name, report: report)
            }
        } else {
            try checklistSheet(book, name: text.labels.checklistSheet, report: nil)
        }
        try book.close()
    }

    private func summary(_ book: Book) throws {
        let l = text.labels
        let sheet = Sheet(book: book, ws: try book.sheet(l.summary))
        let headings = text.summaryHeadings
        let last = headings.count - 1
        let widths: [Double] = [6, 22, 26, 7, 12, 12, 7, 7, 7, 60]
        try sheet.widths(widths)
        try sheet.merge(0, last, l.documentTitle + " — " + l.summary, book.title)
        try sheet.height(0, 22)
        try sheet.merge(1, last, [text.packLine, text.generatedLine].joined(separator: l.zh ? "　" : "   "), book.info)
        for (i, h) in headings.enumerated() { try sheet.write(2, i, h, book.heading) }
        try sheet.height(2, Self.height(Array(zip(headings, widths))))
        for (r, report) in c.reports.enumerated() {
            let row = 3 + r
            try sheet.height(row, Self.height(Array(zip(text.summaryRow(report), widths))))
            for (i, value) in text.summaryRow(report).enumerated() {
                var format = book.cell
                if [0, 6, 7, 8].contains(i) { format = book.number }
                if i == 5 { format = report.result.verdict == .pass ? book.pass : book.fail }
                if [0, 3, 6, 7, 8].contains(i), let n = Double(value) {
                    try book.check(worksheet_write_number(sheet.ws, lxw_row_t(row), lxw_col_t(i), n, format),
                                   "cannot write cell \(row + 1),\(i + 1)")
                } else {
                    try sheet.write(row, i, value, format)
                }
            }
        }
        try sheet.layout(headingRow: 2)
    }

    private var c: Checklist { text.checklist }

    private func checklistSheet(_ book: Book, name: String, report: Checklist.Report?) throws {
        let l = text.labels
        let sheet = Sheet(book: book, ws: try book.sheet(name))
        let columns = text.columns
        let last = columns.count - 1
        try sheet.widths(columns.map(Self.width))
        let totalWidth = columns.map(Self.width).reduce(0, +)

        let titleText: String
        let infoText: String
        let separator = l.zh ? "　" : "   "
        if let report {
            titleText = l.documentTitle + " — " + l.reportHeading(report.number, text.reportName(report))
            infoText = text.header(report).map { l.field($0.0, $0.1) }.joined(separator: separator)
        } else {
            titleText = l.documentTitle
            infoText = [text.packLine, text.generatedLine, l.field(l.agency, "　　　　　　　　"), l.field(l.year, "　　　　")]
                .joined(separator: separator)
        }
        try sheet.merge(0, last, titleText, book.title)
        try sheet.height(0, 22)
        try sheet.merge(1, last, infoText, book.info)
        try sheet.height(1, Self.height([(infoText, totalWidth)]))

        if let report, report.isUnreadable {
            try sheet.merge(2, last, l.unreadable + "\n" + text.unreadableReason(report), book.fail)
            try sheet.height(2, 36)
            try sheet.page()
            return
        }

        let headings = columns.map { $0 == .verdict ? l.withChoices(l.heading($0), lineBreak: true) : l.heading($0) }
        for (i, heading) in headings.enumerated() { try sheet.write(2, i, heading, book.heading) }
        try sheet.height(2, Self.height(Array(zip(headings, columns.map(Self.width)))))
        var row = 3
        let verdictColumn = columns.firstIndex(of: .verdict)!
        for group in c.groups {
            try sheet.merge(row, last, text.groupTitle(group), book.group)
            try sheet.height(row, Self.height([(text.groupTitle(group), totalWidth)]))
            row += 1
            for item in group.items {
                let finding = report?.finding(for: item.rule)
                try sheet.height(row, Self.height(Array(zip(text.cells(item, report), columns.map(Self.width)))))
                for (i, (column, value)) in zip(columns, text.cells(item, report)).enumerated() {
                    switch column {
                    case .number:
                        try book.check(worksheet_write_number(sheet.ws, lxw_row_t(row), lxw_col_t(i),
                                                              Double(item.number), book.number),
                                       "cannot write cell \(row + 1),\(i + 1)")
                    case .autoResult:
                        let format: UnsafeMutablePointer<lxw_format>
                        switch finding?.status {
                        case .pass?: format = book.pass
                        case .fail?: format = book.fail
                        default: format = book.muted
                        }
                        try sheet.write(row, i, value, format)
                    case .verdict, .evidence, .reviewer, .date:
                        try book.check(worksheet_write_blank(sheet.ws, lxw_row_t(row), lxw_col_t(i), book.cell),
                                       "cannot write cell \(row + 1),\(i + 1)")
                    default:
                        try sheet.write(row, i, value, book.cell)
                    }
                }
                row += 1
            }
        }
        if row > 3 {
            try validation(sheet, firstRow: 3, lastRow: row - 1, column: verdictColumn)
        }
        try sheet.layout(headingRow: 2)
    }

    private func validation(_ sheet: Sheet, firstRow: Int, lastRow: Int, column: Int) throws {
        let l = text.labels
        let items = l.choices.map { strdup($0) }
        defer { items.forEach { free($0) } }
        var list: [UnsafePointer<CChar>?] = items.map { UnsafePointer($0) }
        list.append(nil)
        let title = l.heading(.verdict)
        let message = l.zh ? "请选择：" + l.choices.joined(separator: "、") : "Choose: " + l.choices.joined(separator: ", ")
        let error = list.withUnsafeMutableBufferPointer { buffer in
            cxlsx_list_validation(sheet.ws, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(lastRow),
                                  lxw_col_t(column), buffer.baseAddress, title, message)
        }
        try sheet.book.check(error, "cannot add the drop-down on \(title)")
    }

    /// A worksheet name Excel accepts: no []:*?/\, not starting or ending with an apostrophe, at most 31 UTF-16
    /// units, unique (case-insensitively) among `used`.
    static func sheetName(_ raw: String, fallback: String, used: inout Set<String>) -> String {
        var base = (raw as NSString).deletingPathExtension
        base = String(base.map { "[]:*?/\\".contains($0) || $0.isNewline ? "_" : $0 })
        base = base.trimmingCharacters(in: CharacterSet(charactersIn: "' ").union(.whitespacesAndNewlines))
        if base.isEmpty || base.lowercased() == "history" { base = fallback }
        func cut(_ s: String, _ limit: Int) -> String {
            var out = "", units = 0
            for ch in s {
                let n = ch.utf16.count
                if units + n > limit { break }
                out.append(ch)
                units += n
            }
            return out.trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        }
        var name = cut(base, 31)
        var n = 2
        while used.contains(name.lowercased()) || name.isEmpty {
            let suffix = " (\(n))"
            name = cut(base, 31 - suffix.utf16.count) + suffix
            n += 1
        }
        used.insert(name.lowercased())
        return name
    }
}
