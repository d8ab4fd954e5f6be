import ReportDocument

/// Plain text (.txt, text extracted from PDF or web pages): one raw line per non-blank source line.
/// CRLF, CR and LF all end a line. Joining of PDF hard wraps happens in `BlockBuilder` (lines are `wrappable`).
enum TextReader {
    static func lines(of text: String) -> [RawLine] {
        var result: [RawLine] = []
        // Line breaks are ASCII bytes: scan the UTF-8 and cut Substrings at byte offsets (scalar boundaries).
        let ranges: [(Int, Int, Int, Bool)] = text.withBytes { p in
            var ranges: [(start: Int, end: Int, line: Int, afterBlank: Bool)] = []
            ranges.reserveCapacity(p.count / 40 + 4)
            var lineNumber = 1
            var sawBlank = false
            var start = 0
            var i = 0
            let n = p.count
            func flush(_ end: Int) {
                if hasContent(p, start, end) {
                    ranges.append((start, end, lineNumber, sawBlank))
                    sawBlank = false
                } else {
                    sawBlank = true
                }
            }
            while i < n {
                i = nextLineBreak(p, from: i)
                if i >= n { break }
                let b = p[i]
                flush(i)
                var next = i + 1
                if b == 0x0D, next < n, p[next] == 0x0A { next += 1 }
                lineNumber += 1
                start = next
                i = next
            }
            if start < n { flush(n) }
            return ranges.map { ($0.start, $0.end, $0.line, $0.afterBlank) }
        }
        result.reserveCapacity(ranges.count)
        let utf8 = text.utf8
        let base = utf8.startIndex
        for (start, end, line, afterBlank) in ranges {
            let lo = utf8.index(base, offsetBy: start)
            let hi = utf8.index(base, offsetBy: end)
            var raw = RawLine(text[lo..<hi], SourceLocation(line: line, column: 1))
            raw.wrappable = true
            raw.afterBlank = afterBlank
            result.append(raw)
        }
        return result
    }

    /// The offset of the first CR or LF at or after `from`, or `p.count`: eight bytes per test (a word has a CR or
    /// LF byte exactly when `w ^ 0x0A…` or `w ^ 0x0D…` has a zero byte).
    @inline(__always)
    private static func nextLineBreak(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        let n = p.count
        var i = from
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            @inline(__always) func hasZeroByte(_ x: UInt64) -> Bool {
                (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
            }
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if hasZeroByte(w ^ 0x0A0A_0A0A_0A0A_0A0A) || hasZeroByte(w ^ 0x0D0D_0D0D_0D0D_0D0D) { break }
                i += 8
            }
        }
        while i < n, p[i] != 0x0A, p[i] != 0x0D { i += 1 }
        return i
    }

    /// Some scalar in `p[start..<end]` is not whitespace.
    @inline(__always)
    private static func hasContent(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var i = start
        while i < end {
            let b = p[i]
            if b < 0x80 {
                if b > 0x20 && b != 0x7F { return true }
                i += 1
            } else {
                let (v, len) = UTF8Bytes.decode(p, i)
                if !TextAssembler.isWhitespace(v) { return true }
                i += len
            }
        }
        return false
    }
}
