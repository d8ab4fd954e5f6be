import ReportDocument
import CTextSearch
#if canImport(Glibc)
import Glibc
#endif

enum StaticBytes {
    static let displayNone = Array("display:none".utf8)
    static let visibilityHidden = Array("visibility:hidden".utf8)
}

/// Class/id names of site chrome: navigation, breadcrumbs, footers, sidebars, share bars.
enum HTMLClassNames {
    static let containing = ["nav", "menu", "breadcrumb", "crumb", "footer", "sidebar", "share", "copyright",
                             "banner", "toolbar", "friendlink", "yqlj", "pagination", "topbar", "login"]
    static let exact: Set<String> = ["header", "head", "top", "side", "foot", "bottom", "position", "location",
                                     "dqwz", "links", "related", "xgxx", "tools", "tool", "print", "weizhi", "wz",
                                     "site-header", "site-footer", "bread", "gjl", "search", "searchbox"]

    static func isChrome(classes: String?, id: String?) -> Bool {
        for value in [classes, id] {
            guard let value else { continue }
            for token in value.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
                let t = String(token)
                if exact.contains(t) { return true }
                if containing.contains(where: { t.contains($0) }) { return true }
            }
        }
        return false
    }

    /// `exact` as bytes, grouped by length.
    static let exactByLength: [[[UInt8]]] = {
        var groups = [[[UInt8]]](repeating: [], count: (exact.map(\.utf8.count).max() ?? 0) + 1)
        for e in exact { groups[e.utf8.count].append(Array(e.utf8)) }
        return groups
    }()
    static let containingSet = NeedleSet(containing)

    @inline(__always)
    static func isASCII(_ p: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let p else { return true }
        for b in p where b >= 0x80 { return false }
        return true
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }

    /// The class/id tokens of an ASCII value as `lowercased().split(whereSeparator: " ", "\t", "\n")` gives them
    /// ("\r\n" is one Character, not a separator), not yet lowercased.
    @inline(__always)
    static func forEachToken(_ p: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let n = p.count
        var start = 0
        var i = 0
        while i <= n {
            let isSeparator = i == n || p[i] == 0x20 || p[i] == 0x09 || (p[i] == 0x0A && (i == 0 || p[i - 1] != 0x0D))
            if isSeparator {
                if i > start { body(UnsafeBufferPointer(rebasing: p[start..<i])) }
                start = i + 1
            }
            i += 1
        }
    }

    /// An ASCII token, lowercased, equals a (lowercased) name: by bytes for an ASCII name, else as Strings.
    static func equalsLowercased(_ token: UnsafeBufferPointer<UInt8>, _ nameBytes: [UInt8]?, _ name: String) -> Bool {
        guard let nameBytes else { return String(decoding: token, as: UTF8.self).lowercased() == name }
        guard token.count == nameBytes.count else { return false }
        for k in 0..<token.count where lower(token[k]) != nameBytes[k] { return false }
        return true
    }

    /// `isChrome(classes:id:)` for ASCII values.
    static func isChrome(classBytes: UnsafeBufferPointer<UInt8>?, idBytes: UnsafeBufferPointer<UInt8>?) -> Bool {
        var chrome = false
        for value in [classBytes, idBytes] {
            guard let value, !chrome else { continue }
            forEachToken(value) { token in
                guard !chrome else { return }
                chrome = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: token.count) { out -> Bool in
                    for k in 0..<token.count { out[k] = lower(token[k]) }
                    return isChromeToken(UnsafeBufferPointer(out))
                }
            }
        }
        return chrome
    }

    private static func isChromeToken(_ t: UnsafeBufferPointer<UInt8>) -> Bool {
        if t.count < exactByLength.count {
            for e in exactByLength[t.count] where e.elementsEqual(t) { return true }
        }
        return containingSet.firstMatch(in: t) != nil
    }

    /// `hidesElement(style:)` on a C string, on bytes: ASCII lowercased, spaces dropped, other bytes kept. A match
    /// with ASCII (or nothing) on both sides is a match of the String test; a match next to a non-ASCII byte, or a
    /// style with "İ" (whose lowercase contains an ASCII letter), takes the String test.
    static func hidesElement(style: UnsafePointer<UInt8>) -> Bool {
        let n = strlen(style)
        let p = UnsafeBufferPointer(start: style, count: n)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n + 1) { out -> Bool in
            var o = 0
            var i = 0
            while i < n {
                let b = p[i]
                if b == 0xC4, i + 1 < n, p[i + 1] == 0xB0 { return hidesElement(style: String(cString: style)) }
                if b != 0x20 {
                    out[o] = lower(b)
                    o += 1
                }
                i += 1
            }
            let compact = UnsafeBufferPointer(rebasing: out[0..<o])
            for needle in [StaticBytes.displayNone, StaticBytes.visibilityHidden] {
                let found = needle.withUnsafeBufferPointer { q -> Bool? in
                    // true: a clean match; false: none; nil: the first match touches non-ASCII (String test).
                    guard let cbase = compact.baseAddress, o >= q.count,
                          let hit = rl_memmem(cbase, o, q.baseAddress, q.count) else { return false }
                    let s = cbase.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    let e = s + q.count
                    if (s > 0 && compact[s - 1] >= 0x80) || (e < o && compact[e] >= 0x80) { return nil }
                    return true
                }
                guard let found else { return hidesElement(style: String(cString: style)) }
                if found { return true }
            }
            return false
        }
    }

    static func hidesElement(style: String) -> Bool {
        let compact = style.lowercased().filter { $0 != " " }
        return compact.contains("display:none") || compact.contains("visibility:hidden")
    }
}

/// Chooses the report's lines after the SAX pass: the best-ranked CMS content container that holds text, else the
/// densest block (descending while one child holds most of the non-link text). Title (`<h1>`) and publication lines
/// just before the content are kept even when outside it.
enum HTMLContentSelector {
    static func select(_ state: HTMLSAXState) -> [RawLine] {
        let lines = state.lines
        guard !lines.isEmpty else { return [] }
        if let chosen = bestContainer(state) {
            let inside = lines.indices.filter { isInside(lines[$0].container, chosen, state) }
            if let first = inside.first {
                var result: [RawLine] = []
                for i in max(0, first - 15)..<first where isPreamble(lines[i]) { result.append(lines[i].raw) }
                result.append(contentsOf: inside.map { lines[$0].raw })
                result.append(contentsOf: postamble(lines, after: inside.last!))
                return result
            }
        }
        return densest(state)
    }

    static func isInside(_ container: Int32, _ chosen: Int, _ state: HTMLSAXState) -> Bool {
        var c = container
        while c >= 0 {
            if c == chosen { return true }
            c = state.containers[Int(c)].parent
        }
        return false
    }

    /// An `<h1>` or title-like line, or a publication line, shown above the content.
    static func isPreamble(_ line: HTMLSAXState.Line) -> Bool {
        guard let text = TextLine(line.raw) else { return false }
        if line.isH1 || line.raw.hint == .title { return LineShapes.isTitleLine(text) }
        if case .heading = line.raw.hint { return LineShapes.isTitleLine(text) }
        return LineShapes.isHeaderLine(text.text) || LineShapes.isTitleLine(text)
    }

    static func bestContainer(_ state: HTMLSAXState) -> Int? {
        var chars = [Int](repeating: 0, count: state.containers.count)
        for line in state.lines where line.container >= 0 {
            var c = line.container
            while c >= 0 {
                chars[Int(c)] += line.chars - line.linkChars
                c = state.containers[Int(c)].parent
            }
        }
        var best: Int? = nil
        for (i, container) in state.containers.enumerated() where chars[i] >= 20 {
            if let b = best {
                let current = state.containers[b]
                if container.rank < current.rank || (container.rank == current.rank && chars[i] > chars[b]) {
                    best = i
                }
            } else {
                best = i
            }
        }
        return best
    }

    static func densest(_ state: HTMLSAXState) -> [RawLine] {
        let n = state.blockParents.count
        guard n > 0 else { return state.lines.map(\.raw) }
        var score = [Int](repeating: 0, count: n)
        var children = [[Int32]](repeating: [], count: n)
        for line in state.lines where line.blockElement >= 0 {
            score[Int(line.blockElement)] += max(0, line.chars - line.linkChars)
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let p = state.blockParents[i]
            if p >= 0 {
                score[Int(p)] += score[i]
                children[Int(p)].append(Int32(i))
            }
        }
        let roots = (0..<n).filter { state.blockParents[$0] < 0 }
        guard var node = roots.max(by: { score[$0] < score[$1] }) else { return state.lines.map(\.raw) }
        while let child = children[node].max(by: { score[Int($0)] < score[Int($1)] }),
              score[Int(child)] * 10 >= score[node] * 7 {
            node = Int(child)
        }
        var inside = [Bool](repeating: false, count: n)
        inside[node] = true
        for i in (node + 1)..<max(node + 1, n) {
            let p = state.blockParents[i]
            if p >= 0 && inside[Int(p)] { inside[i] = true }
        }
        var result: [RawLine] = []
        var started = false
        var preamble: [RawLine] = []
        var lastInside = -1
        for (index, line) in state.lines.enumerated() {
            let isIn = line.blockElement >= 0 && inside[Int(line.blockElement)]
            if isIn {
                lastInside = index
                if !started { result.append(contentsOf: preamble.suffix(15)); started = true }
                // Pure link lists inside the content block are navigation.
                if line.chars >= 4, line.linkChars * 10 >= line.chars * 9, line.raw.hint != .title { continue }
                result.append(line.raw)
            } else if !started, isPreamble(line) {
                preamble.append(line.raw)
            }
        }
        if lastInside >= 0 { result.append(contentsOf: postamble(state.lines, after: lastInside)) }
        return result
    }

    /// Signature lines (agency name, date) right after the content, when the page put them in another block.
    static func postamble(_ lines: [HTMLSAXState.Line], after last: Int) -> [RawLine] {
        var result: [RawLine] = []
        var i = last + 1
        while i < lines.count, i <= last + 3, let text = TextLine(lines[i].raw)?.text,
              LineShapes.isAgencyName(text) || LineShapes.isDateLine(text) {
            result.append(lines[i].raw)
            i += 1
        }
        return result
    }
}
