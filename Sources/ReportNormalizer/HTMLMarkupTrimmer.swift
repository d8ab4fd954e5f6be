import CTextSearch
#if canImport(Glibc)
import Glibc
#endif

/// Cuts what the HTML reader never looks at out of a page before libxml2 tokenizes it: the attributes other than
/// class, id and style (all of `<meta>`'s are kept), and the content of `<script>` and `<style>` (its line breaks
/// kept). On the portal pages of the bench corpus that is a third of the bytes — mostly link targets and image
/// sources, which libxml2 reads one character at a time, a function call each.
///
/// The cut page parses into the same elements, text and lines as the page itself; only columns move, and
/// `ColumnShift` gives them back. The scan follows libxml2 2.9's HTML push parser where that matters (start and end
/// tags, attributes, comments, DOCTYPE, processing instructions, script and style content) and stops cutting — the
/// rest of the page goes to libxml2 as it is — at anything it does not follow exactly.
enum HTMLMarkupTrimmer {
    struct Trimmed {
        var bytes: [UInt8]
        var columns: ColumnShift
    }

    /// The cut page, or nil when there is nothing to cut.
    static func trim(_ page: [UInt8]) -> Trimmed? {
        page.withUnsafeBufferPointer { p -> Trimmed? in
            guard let base = p.baseAddress, p.count > 2 else { return nil }
            // A NUL ends libxml2's loops in places this scan does not follow.
            if memchr(base, 0, p.count) != nil { return nil }
            var columns = ColumnShift()
            var cutAny = false
            let bytes = [UInt8](unsafeUninitializedCapacity: p.count) { out, count in
                var scan = Scan(input: base, count: p.count, output: out.baseAddress!)
                scan.run()
                cutAny = scan.copied > 0
                scan.finish()
                count = scan.written
                columns = scan.columns
            }
            return cutAny ? Trimmed(bytes: bytes, columns: columns) : nil
        }
    }

    /// Byte classes, as libxml2's HTML parser sees them.
    // Written once, before any reader, and never again.
    nonisolated(unsafe) private static let classes: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        t.initialize(repeating: 0, count: 256)
        for b in UInt8(ascii: "a")...UInt8(ascii: "z") { t[Int(b)] = letter | nameStart | nameChar }
        for b in UInt8(ascii: "A")...UInt8(ascii: "Z") { t[Int(b)] = letter | nameStart | nameChar }
        for b in UInt8(ascii: "0")...UInt8(ascii: "9") { t[Int(b)] = nameChar }
        for b in [UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: ".")] { t[Int(b)] = nameStart | nameChar }
        t[Int(UInt8(ascii: "-"))] = nameChar
        for b in [UInt8(0x20), 0x09, 0x0A, 0x0D] { t[Int(b)] = blank }
        return UnsafePointer(t)
    }()
    private static let letter: UInt8 = 1, nameStart: UInt8 = 2, nameChar: UInt8 = 4, blank: UInt8 = 8

    private struct Scan {
        let p: UnsafePointer<UInt8>
        let n: Int
        let out: UnsafeMutablePointer<UInt8>
        let classes = HTMLMarkupTrimmer.classes
        var written = 0
        /// Input before this offset is in `out` or was cut.
        var copied = 0
        var columns = ColumnShift()
        /// Inside `<title>`: the reader keeps all text there, script content included.
        var inTitle = false

        init(input: UnsafePointer<UInt8>, count: Int, output: UnsafeMutablePointer<UInt8>) {
            p = input
            n = count
            out = output
        }

        @inline(__always) func has(_ i: Int, _ cls: UInt8) -> Bool { classes[Int(p[i])] & cls != 0 }

        // MARK: The page

        mutating func run() {
            var i = 0
            while let lt = find(0x3C, from: i) {  // "<"
                i = lt
                guard i + 2 < n else { return }
                let next = p[i + 1]
                if has(i + 1, HTMLMarkupTrimmer.letter) {
                    guard let after = startTag(at: i) else { return }
                    i = after
                } else if next == 0x2F {  // "</"
                    guard has(i + 2, HTMLMarkupTrimmer.nameStart) else { i += 2; continue }  // not an end tag: text
                    // libxml2 skips an end tag to its first ">" (a name never holds one).
                    if inTitle, matchesLowercased(i + 2, "title"), i + 7 < n, !has(i + 7, HTMLMarkupTrimmer.nameChar) {
                        inTitle = false
                    }
                    guard let gt = find(0x3E, from: i + 2) else { return }
                    i = gt + 1
                } else if next == 0x21 {  // "<!"
                    guard let after = declaration(at: i) else { return }
                    i = after
                } else if next == 0x3F {  // "<?": a processing instruction, to the first ">"
                    guard has(i + 2, HTMLMarkupTrimmer.letter) || p[i + 2] == 0x5F || p[i + 2] == 0x3A,
                          let gt = find(0x3E, from: i + 2) else { return }
                    i = gt + 1
                } else {
                    i += 1  // a "<" of the text
                }
            }
        }

        /// A comment (to "-->") or a DOCTYPE (to its ">"); anything else after "<!" stops the scan.
        private func declaration(at i: Int) -> Int? {
            if i + 3 < n, p[i + 2] == 0x2D, p[i + 3] == 0x2D {
                // libxml2 ends a comment at the first "-->" whose dashes follow "<!--", or at "--!>".
                guard let end = find("-->", from: i + 4) else { return nil }
                // Only up to this comment's end: a search to the end of the page for every comment would make a page
                // of many comments quadratic.
                if find("--!>", from: i + 4, to: end + 3) != nil { return nil }
                return end + 3
            }
            guard matchesLowercased(i + 2, "doctype"), let gt = find(0x3E, from: i + 2) else { return nil }
            // libxml2 reads quoted literals in a DOCTYPE: accept only paired quotes of one kind before the first ">",
            // so that this ">" cannot be inside one.
            var double = 0, single = 0
            for k in (i + 1)..<gt {
                switch p[k] {
                case 0x22: double += 1
                case 0x27: single += 1
                case 0x3C: return nil
                default: break
                }
            }
            guard (double % 2 == 0 && single == 0) || (single % 2 == 0 && double == 0) else { return nil }
            return gt + 1
        }

        /// A start tag at `i` ("<" and a letter): cuts its attributes and, for script and style, its content.
        /// Returns where the scan goes on, or nil to stop cutting.
        private mutating func startTag(at i: Int) -> Int? {
            let nameStart = i + 1
            let nameEnd = nameEnd(from: nameStart)
            // libxml2 reads at most 100 characters of a name and takes the rest for an attribute.
            if nameEnd - nameStart >= 100 { return nil }
            let keepsAll = isName(nameStart, nameEnd, "meta")
            var j = nameEnd
            while true {
                while j < n, has(j, HTMLMarkupTrimmer.blank) { j += 1 }
                guard j < n else { return nil }
                if p[j] == 0x3E { j += 1; break }  // ">"
                if p[j] == 0x2F, j + 1 < n, p[j + 1] == 0x3E { return j + 2 }  // "/>": no content
                // An attribute: a name, then "=" and a value, or nothing. A name libxml2 rejects stops the scan.
                guard has(j, HTMLMarkupTrimmer.nameStart) else { return nil }
                let attStart = j
                let attNameEnd = self.nameEnd(from: j)
                if attNameEnd - attStart >= 100 { return nil }
                var k = attNameEnd
                while k < n, has(k, HTMLMarkupTrimmer.blank) { k += 1 }
                guard k < n, p[k] == 0x3D else { j = attNameEnd; continue }  // no value
                k += 1
                while k < n, has(k, HTMLMarkupTrimmer.blank) { k += 1 }
                guard k < n else { return nil }
                let quote = p[k]
                if quote == 0x22 || quote == 0x27 {
                    guard let close = find(quote, from: k + 1) else { return nil }
                    j = close + 1
                    // A line break in the attribute keeps it (cutting it would renumber the lines after it).
                    if !keepsAll, !isReadAttribute(attStart, attNameEnd),
                       let chars = scalarCountWithoutLineBreak(from: attStart, to: j) {
                        cut(from: attStart, to: j, chars: chars)
                    }
                } else {
                    // Unquoted: up to a blank or ">" (kept).
                    while k < n, !has(k, HTMLMarkupTrimmer.blank), p[k] != 0x3E { k += 1 }
                    j = k
                }
            }
            let nameLength = nameEnd - nameStart
            if nameLength == 5, isName(nameStart, nameEnd, "title") { inTitle = true }
            let isScript = nameLength == 6 && isName(nameStart, nameEnd, "script")
            guard isScript || (nameLength == 5 && isName(nameStart, nameEnd, "style")) else { return j }
            // libxml2 takes everything up to "</" and the element's name (any case, as a prefix) as its content.
            let name: StaticString = isScript ? "script" : "style"
            var k = j
            while let lt = find(0x3C, from: k) {
                if lt + 1 < n, p[lt + 1] == 0x2F, matchesLowercased(lt + 2, name) {
                    if !inTitle, lt > j { cutKeepingLineBreaks(from: j, to: lt) }
                    return lt
                }
                k = lt + 1
            }
            return nil
        }

        /// class, id and style: the attributes `HTMLSAXState` reads.
        @inline(__always) private func isReadAttribute(_ start: Int, _ end: Int) -> Bool {
            switch end - start {
            case 2: return isName(start, end, "id")
            case 5: return isName(start, end, "class") || isName(start, end, "style")
            default: return false
            }
        }

        // MARK: Cutting

        /// Cuts `[from, to)`: `chars` characters and no line break.
        private mutating func cut(from: Int, to: Int, chars: Int) {
            copyInput(upTo: from)
            columns.append(at: written, shift: chars)
            copied = to
        }

        /// Cuts `[from, to)` except its line breaks, so that every line keeps its number.
        private mutating func cutKeepingLineBreaks(from: Int, to: Int) {
            guard let lastBreak = findLast(0x0A, from: from, to: to) else {
                cut(from: from, to: to, chars: scalarCount(from: from, to: to))
                return
            }
            copyInput(upTo: from)
            var i = from
            while let hit = find(0x0A, from: i, to: to) {
                out[written] = 0x0A
                written += 1
                i = hit + 1
            }
            // Only the last line's cut shifts columns: the others' lines end with the cut.
            let chars = scalarCount(from: lastBreak + 1, to: to)
            if chars > 0 { columns.append(at: written, shift: chars) }
            copied = to
        }

        mutating func finish() {
            copyInput(upTo: n)
        }

        private mutating func copyInput(upTo end: Int) {
            if end > copied {
                (out + written).update(from: p + copied, count: end - copied)
                written += end - copied
            }
            copied = end
        }

        // MARK: Bytes

        /// Characters in `p[from..<to]` (valid UTF-8).
        private func scalarCount(from: Int, to: Int) -> Int {
            UTF8Bytes.scalarCount(UnsafeBufferPointer(start: p, count: n), from: from, to: to)
        }

        /// `scalarCount`, or nil when `p[from..<to]` holds a line break: both in one pass.
        private func scalarCountWithoutLineBreak(from: Int, to: Int) -> Int? {
            let raw = UnsafeRawPointer(p)
            var continuation = 0
            var breaks: UInt64 = 0
            var i = from
            while i + 8 <= to {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                continuation += UTF8Bytes.continuationBytes(w)
                // A zero byte of w ^ "\n\n…" is a line break (exact: no carries across bytes).
                let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
                breaks |= ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
                i += 8
            }
            if i < to, to - from >= 8 {
                // The last 1–7 bytes: the word ending at `to`, without the bytes counted already.
                let w = raw.loadUnaligned(fromByteOffset: to - 8, as: UInt64.self)
                let fresh: UInt64 = ~0 << (8 * UInt64(8 - (to - i)))  // little-endian: later bytes are higher
                continuation += UTF8Bytes.continuationBytes(w, mask: fresh)
                let x = w ^ 0x0A0A_0A0A_0A0A_0A0A
                breaks |= ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080 & fresh
                i = to
            }
            if breaks != 0 { return nil }
            while i < to {
                let b = p[i]
                if b == 0x0A { return nil }
                if b & 0xC0 == 0x80 { continuation += 1 }
                i += 1
            }
            return to - from - continuation
        }

        private func nameEnd(from i: Int) -> Int {
            var j = i
            while j < n, has(j, HTMLMarkupTrimmer.nameChar) { j += 1 }
            return j
        }

        /// `p[start..<end]` is `name` (lowercase ASCII), in any case.
        @inline(__always) private func isName(_ start: Int, _ end: Int, _ name: StaticString) -> Bool {
            end - start == name.utf8CodeUnitCount && matchesLowercased(start, name)
        }

        /// The bytes at `i` are `text` (lowercase ASCII letters), in any case.
        @inline(__always) private func matchesLowercased(_ i: Int, _ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard i + count <= n else { return false }
            let t = text.utf8Start
            for k in 0..<count where p[i + k] | 0x20 != t[k] { return false }
            return true
        }

        private func find(_ byte: UInt8, from: Int) -> Int? { find(byte, from: from, to: n) }

        private func find(_ byte: UInt8, from: Int, to: Int) -> Int? {
            guard from < to, let hit = memchr(p + from, Int32(byte), to - from) else { return nil }
            return p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }

        private func findLast(_ byte: UInt8, from: Int, to: Int) -> Int? {
            guard from < to, let hit = rl_memrchr(p + from, Int32(byte), to - from) else { return nil }
            return p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }

        private func find(_ text: StaticString, from: Int, to end: Int? = nil) -> Int? {
            let end = end ?? n
            guard from < end, let hit = rl_memmem(p + from, end - from, text.utf8Start, text.utf8CodeUnitCount) else {
                return nil
            }
            return p.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        }
    }
}
