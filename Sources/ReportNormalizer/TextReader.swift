import ReportDocument

/// Plain text (.txt, text extracted from PDF or web pages): one raw line per non-blank source line.
/// CRLF, CR and LF all end a line. Joining of PDF hard wraps happens in `BlockBuilder` (lines are `wrappable`).
enum TextReader {
    static func lines(of text: String) -> [RawLine] {
        var result: [RawLine] = []
        var lineNumber = 1
        var sawBlank = false
        var start = text.unicodeScalars.startIndex
        let scalars = text.unicodeScalars
        var i = start
        func flush(_ end: String.UnicodeScalarView.Index) {
            let line = Substring(scalars[start..<end])
            if line.unicodeScalars.contains(where: { !TextAssembler.isWhitespace($0) }) {
                var raw = RawLine(line, SourceLocation(line: lineNumber, column: 1))
                raw.wrappable = true
                raw.afterBlank = sawBlank
                result.append(raw)
                sawBlank = false
            } else {
                sawBlank = true
            }
        }
        while i < scalars.endIndex {
            let s = scalars[i]
            if s == "\n" || s == "\r" {
                flush(i)
                var next = scalars.index(after: i)
                if s == "\r", next < scalars.endIndex, scalars[next] == "\n" { next = scalars.index(after: next) }
                lineNumber += 1
                start = next
                i = next
            } else {
                i = scalars.index(after: i)
            }
        }
        if start < scalars.endIndex { flush(scalars.endIndex) }
        return result
    }
}
