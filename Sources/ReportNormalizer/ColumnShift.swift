import CTextSearch

/// Gives back the columns of a page that `HTMLMarkupTrimmer` cut: where characters were cut (a byte offset in the
/// cut page) and how many. libxml2 counts a column in characters from the line's start; a position's own column adds
/// the characters cut between that start and the position.
struct ColumnShift {
    private struct Cut {
        var offset: Int32
        var shift: Int32
    }

    private var cuts: [Cut] = []
    /// The cut page, while libxml2 parses it (`HTMLReader` keeps it alive).
    var page: UnsafePointer<UInt8>? = nil
    // Lookups come in page order (the parser only moves forward): a cursor instead of a search.
    private var next = 0
    /// `cuts[next].offset`, or Int.max past the last cut.
    private var nextOffset = Int.max
    private var cursorLine = 0
    private var lastOffset = 0
    private var shiftOnLine = 0

    var isEmpty: Bool { cuts.isEmpty }

    mutating func append(at offset: Int, shift: Int) {
        if cuts.isEmpty { nextOffset = offset }
        cuts.append(Cut(offset: Int32(truncatingIfNeeded: offset), shift: Int32(truncatingIfNeeded: shift)))
    }

    /// The page's own column for the parser's position: `line` and `column` as libxml2 counts them in the cut page,
    /// `offset` the position's byte offset there. Calls must not go backwards in the page.
    @inline(__always)
    mutating func original(line: Int, column: Int, offset: Int) -> Int {
        if line != cursorLine { startLine(line, offset: offset) }
        lastOffset = offset
        if offset >= nextOffset { passCuts(upTo: offset) }
        return column + shiftOnLine
    }

    private mutating func passCuts(upTo offset: Int) {
        while next < cuts.count, Int(cuts[next].offset) <= offset {
            shiftOnLine += Int(cuts[next].shift)
            next += 1
        }
        nextOffset = next < cuts.count ? Int(cuts[next].offset) : Int.max
    }

    /// The parser has moved to another line: cuts before its first byte shift nothing any more.
    private mutating func startLine(_ line: Int, offset: Int) {
        var lineStart = 0
        if let page {
            let from = lastOffset <= offset ? lastOffset : 0
            if from < offset, let hit = rl_memrchr(page + from, 0x0A, offset - from) {
                lineStart = page.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            } else if from > 0, let hit = rl_memrchr(page, 0x0A, from) {
                lineStart = page.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
        while next < cuts.count, Int(cuts[next].offset) < lineStart { next += 1 }
        nextOffset = next < cuts.count ? Int(cuts[next].offset) : Int.max
        cursorLine = line
        shiftOnLine = 0
    }
}
