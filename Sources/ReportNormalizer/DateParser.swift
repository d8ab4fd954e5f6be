import ReportDocument

/// Years and dates in report text: "2026年1月1日", "2026-01-29", "2026/1/29", "二〇二六年一月一日", "2025年度",
/// "二〇二五年度". Works on folded text (full-width digits are ASCII, no spaces between digits and CJK).
enum DateParser {
    struct DateMatch {
        var date: ReportDate
        /// Scalar range in the folded text.
        var range: Range<Int>
        var text: String
    }

    struct YearMatch {
        var year: Int
        var range: Range<Int>
        /// The year is the start of a full date ("2026年1月1日"): not a report year.
        var partOfDate: Bool
    }

    static func digit(_ s: Unicode.Scalar) -> Int? {
        s.value >= 0x30 && s.value <= 0x39 ? Int(s.value - 0x30) : nil
    }

    static func chineseDigit(_ s: Unicode.Scalar) -> Int? {
        switch s {
        case "〇", "零", "○", "O": return 0
        case "一": return 1
        case "二": return 2
        case "三": return 3
        case "四": return 4
        case "五": return 5
        case "六": return 6
        case "七": return 7
        case "八": return 8
        case "九": return 9
        default: return nil
        }
    }

    /// A year at `i`: 4 Arabic or 4 Chinese digits followed by 年. Returns (year, index after 年).
    static func year(at i: Int, _ s: [Unicode.Scalar]) -> (Int, Int)? {
        guard i + 4 < s.count else { return nil }
        if let d0 = digit(s[i]) {
            if i > 0, digit(s[i - 1]) != nil { return nil }
            var value = d0
            for k in 1..<4 { guard let d = digit(s[i + k]) else { return nil }; value = value * 10 + d }
            return s[i + 4] == "年" ? (value, i + 5) : nil
        }
        if chineseDigit(s[i]) != nil {
            if i > 0, chineseDigit(s[i - 1]) != nil { return nil }
            var value = 0
            for k in 0..<4 { guard let d = chineseDigit(s[i + k]) else { return nil }; value = value * 10 + d }
            return s[i + 4] == "年" ? (value, i + 5) : nil
        }
        return nil
    }

    /// A small number at `i` (Arabic 1–2 digits or Chinese 一…三十一) followed by `unit`. Returns (n, index after unit).
    static func small(at i: Int, _ s: [Unicode.Scalar], unit: Unicode.Scalar) -> (Int, Int)? {
        var j = i
        var value = 0
        if j < s.count, digit(s[j]) != nil {
            while j < s.count, let d = digit(s[j]), j - i < 2 { value = value * 10 + d; j += 1 }
        } else {
            // Chinese: 一 … 九, 十, 十一 … 十九, 二十 … 三十一
            var tens = 0, units = 0, sawTen = false
            while j < s.count, j - i < 3 {
                if s[j] == "十" { sawTen = true; tens = units == 0 ? 1 : units; units = 0; j += 1; continue }
                guard let d = chineseDigit(s[j]), d > 0 else { break }
                units = d
                j += 1
            }
            value = sawTen ? tens * 10 + units : units
        }
        guard j > i, j < s.count, s[j] == unit, value > 0 else { return nil }
        return (value, j + 1)
    }

    /// All years ("2025年", "二〇二五年度") in folded text, in order.
    static func years(in folded: String) -> [YearMatch] {
        let s = Array(folded.unicodeScalars)
        var result: [YearMatch] = []
        var i = 0
        while i + 4 < s.count {
            if let (y, after) = year(at: i, s) {
                let partOfDate = small(at: after, s, unit: "月") != nil
                if (1990...2100).contains(y) {
                    result.append(YearMatch(year: y, range: i..<after, partOfDate: partOfDate))
                }
                i = after
            } else {
                i += 1
            }
        }
        return result
    }

    /// The first full date in folded text.
    static func firstDate(in folded: String) -> DateMatch? {
        let s = Array(folded.unicodeScalars)
        var i = 0
        while i + 7 < s.count + 1 {
            if let m = date(at: i, s) { return m }
            i += 1
        }
        return nil
    }

    static func date(at i: Int, _ s: [Unicode.Scalar]) -> DateMatch? {
        if let (y, after) = year(at: i, s), let (m, afterM) = small(at: after, s, unit: "月"),
           let (d, afterD) = small(at: afterM, s, unit: "日") {
            return make(y, m, d, i..<afterD, s)
        }
        // ISO-like: 2026-01-29, 2026/1/29, 2026.01.29
        guard i + 7 < s.count + 1, digit(s[i]) != nil, i == 0 || digit(s[i - 1]) == nil else { return nil }
        var value = 0
        for k in 0..<4 { guard i + k < s.count, let d = digit(s[i + k]) else { return nil }; value = value * 10 + d }
        var j = i + 4
        guard j < s.count, ["-", "/", "."].contains(s[j]) else { return nil }
        let sep = s[j]
        j += 1
        var month = 0, n = 0
        while j < s.count, let d = digit(s[j]), n < 2 { month = month * 10 + d; j += 1; n += 1 }
        guard n > 0, j < s.count, s[j] == sep else { return nil }
        j += 1
        var day = 0
        n = 0
        while j < s.count, let d = digit(s[j]), n < 2 { day = day * 10 + d; j += 1; n += 1 }
        guard n > 0, j >= s.count || digit(s[j]) == nil else { return nil }
        return make(value, month, day, i..<j, s)
    }

    private static func make(_ y: Int, _ m: Int, _ d: Int, _ range: Range<Int>, _ s: [Unicode.Scalar]) -> DateMatch? {
        guard (1990...2100).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        return DateMatch(date: ReportDate(year: y, month: m, day: d), range: range,
                         text: String(String.UnicodeScalarView(s[range])))
    }
}
