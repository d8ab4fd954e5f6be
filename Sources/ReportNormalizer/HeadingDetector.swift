import ReportDocument

/// Recognises headings by official Chinese numbering at the start of a line:
/// level 1 `一、` and `第一部分`, level 2 `（一）`/`(一)`, level 3 `1.`/`1、`/`1．`, level 4 `（1）`/`(1)`.
///
/// A line is a heading when its text after the number is title-like:
/// - with a `。`: the first sentence is the heading (a run-in heading when text follows it);
/// - without: the whole line, when it is short and does not end like a clause (`，`, `、`, `；`).
/// "Title-like" means at most 60 scalars for level 1 (40 below) and at most two clause separators (，,；;),
/// so a numbered list item that runs over several clauses ("1、加强对…审查，提高…水平，严格执行…，定") is a paragraph.
/// "一是……", dates ("2023年…") and decimals ("1.5万元") never match a number pattern.
enum HeadingDetector {
    struct Match: Equatable {
        var level: Int
        var style: HeadingStyle
        var number: String
        var title: String
        /// Scalar offset in the line where the heading ends (after its `。` for a run-in heading; the line length
        /// for a standalone one).
        var end: Int
        var runIn: Bool
    }

    static let chineseDigits: Set<Unicode.Scalar> = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
                                                      "百", "零", "〇"]

    /// Membership in `chineseDigits` without hashing.
    @inline(__always)
    static func isChineseDigit(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x96F6, 0x3007:
            return true
        default:
            return false
        }
    }

    @inline(__always)
    static func ascii(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(s.value - 0xFEE0)!
        default: return s
        }
    }

    /// An ASCII digit, in either width.
    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x30...0x39).contains(v) || (0xFF10...0xFF19).contains(v)
    }

    /// The numbering at the start of `scalars`: (level, style, number, offset after the marker).
    /// Can a heading number start with this scalar: 第, Chinese digits, brackets, Arabic digits (either width).
    @inline(__always)
    static func mayStartMarker(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return s == "第" || isChineseDigit(s) || v == 0x28 || v == 0xFF08 || (0x30...0x39).contains(v)
            || (0xFF10...0xFF19).contains(v) || v == 0x3014 || v == 0x3010 || v == 0x20 || v == 0x3000
    }

    typealias Scalars = UnsafeBufferPointer<Unicode.Scalar>

    static func marker(_ s: Scalars) -> Marker? {
        guard let first = s.first else { return nil }
        let f = ascii(first)
        // 第一部分
        if first == "第" {
            var i = 1
            while i < s.count, isChineseDigit(s[i]) { i += 1 }
            if i > 1, i + 1 < s.count, s[i] == "部", s[i + 1] == "分" {
                return (1, .part, UTF8Bytes.string(s[0..<(i + 2)]), skipSeparators(s, i + 2))
            }
            return nil
        }
        // 一、
        if isChineseDigit(first) {
            var i = 0
            while i < s.count, isChineseDigit(s[i]), i < 4 { i += 1 }
            if i < s.count, s[i] == "、" || ascii(s[i]) == "." || s[i] == "．" {
                return (1, .chineseComma, UTF8Bytes.string(s[0..<i]), i + 1)
            }
            return nil
        }
        // （一） / （1）
        if f == "(" {
            var i = 1
            while i < s.count, s[i] == " " { i += 1 }
            let digitsStart = i
            if i < s.count, isChineseDigit(s[i]) {
                while i < s.count, isChineseDigit(s[i]), i - digitsStart < 4 { i += 1 }
                let number = UTF8Bytes.string(s[digitsStart..<i])
                while i < s.count, s[i] == " " { i += 1 }
                if i < s.count, ascii(s[i]) == ")" { return (2, .chineseParen, number, skipSeparators(s, i + 1)) }
                return nil
            }
            var number = ""
            while i < s.count, isDigit(s[i]), i - digitsStart < 2 { number.unicodeScalars.append(ascii(s[i])); i += 1 }
            if !number.isEmpty {
                while i < s.count, s[i] == " " { i += 1 }
                if i < s.count, ascii(s[i]) == ")" { return (4, .arabicParen, number, skipSeparators(s, i + 1)) }
            }
            return nil
        }
        // 1. / 1、 / 1．
        if isDigit(first) {
            var i = 0
            var number = ""
            while i < s.count, isDigit(s[i]) {
                number.unicodeScalars.append(ascii(s[i]))
                i += 1
                if i > 2 { return nil }
            }
            guard i < s.count else { return nil }
            let sep = s[i]
            guard sep == "、" || ascii(sep) == "." || sep == "．" else { return nil }
            // "1.5万元": a digit right after the dot is a decimal, not a heading.
            if i + 1 < s.count, isDigit(s[i + 1]) { return nil }
            return (3, .arabicDot, number, i + 1)
        }
        return nil
    }

    private static func skipSeparators(_ s: Scalars, _ from: Int) -> Int {
        var i = from
        while i < s.count, s[i] == "、" || s[i] == " " || ascii(s[i]) == "." || ascii(s[i]) == ":" { i += 1 }
        return i
    }

    /// A heading at the start of a display-text line (whitespace already collapsed), or nil.
    static func detect(_ text: String) -> Match? {
        text.withBytes { detect(bytes: $0) }
    }

    /// `shortCap`: how many scalars to decode before the first 160 (see below); tests pass 0 to compare with the
    /// plain reading of 160.
    static func detect(bytes p: UnsafeBufferPointer<UInt8>, shortCap: Int = 80) -> Match? {
        // Most lines are body text: reject on the first scalar before decoding anything more.
        guard !p.isEmpty, let first = Unicode.Scalar(UTF8Bytes.decode(p, 0).value), mayStartMarker(first) else {
            return nil
        }
        // Only the beginning matters; never scan a huge line.
        return withUnsafeTemporaryAllocation(of: Unicode.Scalar.self, capacity: 160) { buf -> Match? in
            var k = 0
            var i = 0
            func decode(upTo cap: Int) {
                while i < p.count, k < cap {
                    let (v, len) = UTF8Bytes.decode(p, i)
                    buf[k] = Unicode.Scalar(v).unsafelyUnwrapped
                    k += 1
                    i += len
                }
            }
            // First a short prefix: most candidates ("2025年…", "一是…") have no numbering, which `marker` tells
            // from the first few scalars. Only after 第 or a bracket can it read further (digit and separator runs).
            decode(upTo: 16)
            let mayReadFurther = first == "第" || first == "(" || first == "（"
            // The marker as on the first 160 scalars, when these 16 already tell.
            var exact: Marker? = nil
            if i == p.count || !mayReadFurther {
                exact = marker(Scalars(start: buf.baseAddress, count: k))
                if exact == nil { return nil }
            }
            // A long line: the first `shortCap` scalars decide when its marker ends (plus spaces) by `shortCap` - 61.
            // `marker` reads no scalar past its end, and the title search needs at most 60 scalars and one more: a
            // stop further on makes the title too long, as the line's length does when there is none.
            decode(upTo: min(shortCap, 160))
            if i < p.count, let m = exact ?? marker(Scalars(start: buf.baseAddress, count: k)) {
                var start = m.3
                while start < k, buf[start] == " " { start += 1 }
                if start <= k - 61 {
                    // Only "longer than k" matters then (a run-in heading, or no heading): no count of the rest.
                    return detect(Scalars(start: buf.baseAddress, count: k), total: k + 1, marker: m)
                }
            }
            decode(upTo: 160)
            let s = Scalars(start: buf.baseAddress, count: k)
            let total = k < 160 ? k : k + UTF8Bytes.scalarCount(p, from: i)
            guard let m = exact ?? marker(s) else { return nil }
            return detect(s, total: total, marker: m)
        }
    }

    typealias Marker = (Int, HeadingStyle, String, Int)

    private static func detect(_ s: Scalars, total: Int, marker: Marker) -> Match? {
        let (level, style, number, after) = marker
        var start = after
        while start < s.count, s[start] == " " { start += 1 }
        guard start < s.count else { return nil }
        let limit = level == 1 ? 60 : 40
        if let stop = s[start...].firstIndex(where: { $0 == "。" || $0 == "！" || $0 == "？" }) {
            let title = s[start..<stop]
            guard isTitleLike(title, limit: limit) else { return nil }
            let end = stop + 1
            return Match(level: level, style: style, number: number, title: trimmedTitle(title), end: end,
                         runIn: end < total)
        }
        guard total <= start + limit + 1 else { return nil }
        let title = s[start...]
        guard isTitleLike(title, limit: limit) else { return nil }
        if let last = title.last, ["，", ",", "、", "；", ";"].contains(ascii(last)) || last == "，" { return nil }
        return Match(level: level, style: style, number: number, title: trimmedTitle(title), end: total,
                     runIn: false)
    }

    static func isTitleLike<C: Collection>(_ title: C, limit: Int) -> Bool where C.Element == Unicode.Scalar {
        if title.isEmpty || title.count > limit { return false }
        var separators = 0
        for s in title where s == "，" || s == "," || s == "；" || s == ";" {
            separators += 1
            if s == "；" || s == ";" { return false }
        }
        return separators <= 2
    }

    static func trimmedTitle<C: BidirectionalCollection>(_ title: C) -> String where C.Element == Unicode.Scalar {
        var end = title.endIndex
        while end > title.startIndex {
            let last = title[title.index(before: end)]
            guard last == " " || last == "：" || last == ":" || last == "。" else { break }
            end = title.index(before: end)
        }
        return UTF8Bytes.string(title[title.startIndex..<end])
    }

    /// `trimmedTitle` of a whole line.
    static func trimmedTitle(_ text: String) -> String {
        trimmedTitle(text.unicodeScalars)
    }
}
