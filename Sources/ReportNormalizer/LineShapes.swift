import Foundation
import ReportDocument

/// Shape tests on display-text lines used to classify the top (title, header, salutation) and the bottom
/// (signature) of a report.
enum LineShapes {
    static let agencySuffixes = ["委员会", "管委会", "办事处", "办公室", "人民政府", "政府", "局", "委", "厅", "办", "院",
                                 "中心", "署", "部", "处", "会", "党组", "司", "站", "所", "队"]

    /// A line that is only an agency name: "长治市卫生健康委员会", "娄烦县卫生健康局".
    static func isAgencyName(_ text: String) -> Bool {
        let shapeOK = text.withBytes { p -> Bool in
            guard p.count <= 120 else { return false }
            var n = 0
            var i = 0
            while i < p.count {
                let (v, len) = UTF8Bytes.decode(p, i)
                i += len
                n += 1
                if v == 0xFF08 || v == 0xFF09 || v == 0x28 || v == 0x29 || v == 0x3001 { continue }  // （）()、
                if !(0x4E00...0x9FFF).contains(v) { return false }
            }
            return (4...30).contains(n)
        }
        guard shapeOK else { return false }
        if text.containsBytes("报告") || text.containsBytes("关于") { return false }
        return agencySuffixes.contains { text.hasSuffix($0) }
    }

    /// An agency name at the start of a title ("江源区卫生健康局2025年度…报告" → "江源区卫生健康局"), or nil.
    static func agencyPrefix(ofTitle title: String) -> String? {
        let folded = TextFolding.folded(title)
        var prefix = ""
        if let range = folded.byteRange(of: "关于") {
            prefix = String(folded[..<range.lowerBound])
        } else if let digit = folded.firstIndex(where: { $0.isASCII && $0.isNumber }) {
            prefix = String(folded[..<digit])
        } else if let range = folded.byteRange(of: "二〇") ?? folded.byteRange(of: "二零") {
            prefix = String(folded[..<range.lowerBound])
        }
        prefix = prefix.trimmingWhitespace()
        return isAgencyName(prefix) ? prefix : nil
    }

    static let headerKeys = ["发布时间", "发布日期", "成文日期", "来源:", "来源：", "信息来源", "发布机构", "发文机关",
                             "索引号", "文号", "信息发布人", "发布人", "作者:", "作者：", "主题分类", "公开方式",
                             "公开时限", "公开范围", "生成日期", "浏览量", "点击数", "访问量", "时间:", "时间："]

    /// A publication line or 信息公开 metadata row.
    static let headerKeySet = NeedleSet(headerKeys)

    static func isHeaderLine(_ text: String) -> Bool {
        text.withBytes { p -> Bool in
            guard p.count <= 800 else { return false }
            // The first 40 scalars.
            var end = 0
            var n = 0
            while end < p.count {
                if p[end] & 0xC0 != 0x80 {
                    if n == 40 { break }
                    n += 1
                }
                end += 1
            }
            let prefix = UnsafeBufferPointer(rebasing: p[0..<end])
            if headerKeySet.firstMatch(in: prefix) != nil { return true }
            // Byte prefix first; `hasPrefix` keeps its exact (Character) semantics.
            return (UTF8Bytes.hasPrefix(p, "来源") && text.hasPrefix("来源"))
                || (UTF8Bytes.hasPrefix(p, "日期") && text.hasPrefix("日期"))
        }
    }

    /// "市委、市政府:", "尊敬的…：".
    static func isSalutation(_ line: TextLine) -> Bool {
        guard line.count <= 40, let last = line.lastScalar, last == 0x3A || last == 0xFF1A else { return false }
        if line.text.containsBytes("。") || isHeaderLine(line.text) { return false }
        return line.count >= 2
    }

    /// A standalone title line: short, names a report (报告/总结/情况/要点), no sentence ending, not "…如下".
    static func isTitleLine(_ line: TextLine) -> Bool {
        guard (4...80).contains(line.count), !line.endsSentence || line.lastMeaningful == "》" else { return false }
        let text = line.text
        if text.containsBytes("如下") || text.containsBytes("。") || text.containsBytes("，") { return false }
        return ["报告", "总结", "工作情况", "建设情况", "年度报告"].contains { text.containsBytes($0) }
    }

    /// A line that is only a date: "2026年1月1日", "二〇二六年一月一日", "2026-01-29".
    static func isDateLine(_ text: String) -> Bool {
        guard text.utf8.count <= 120, mayStartDate(text) else { return false }
        let folded = TextFolding.folded(text)
        guard folded.unicodeScalars.count <= 24, let match = DateParser.firstDate(in: folded) else { return false }
        let rest = folded.replacingOccurrences(of: match.text, with: "").trimmingCharacters(in: .whitespaces)
        return rest.isEmpty
    }

    /// Cheap reject for `isDateLine`. The line is a date only when nothing but whitespace is left after removing
    /// the date from the folded text, so its first non-blank scalar starts the date: an Arabic or Chinese year digit.
    /// Rejects only clear cases (ASCII, CJK ideographs, CJK punctuation); anything else takes the full test.
    static func mayStartDate(_ text: String) -> Bool {
        text.withBytes { p -> Bool in
            var i = 0
            while i < p.count {
                let (v, len) = UTF8Bytes.decode(p, i)
                i += len
                if UTF8Bytes.foldsToSpace(v) { continue }
                // Full-width forms fold to ASCII.
                let f = (0xFF01...0xFF5E).contains(v) ? v - 0xFEE0 : v
                switch f {
                case 0x1680, 0x2000...0x200A: continue  // other spaces (Zs) that the final trim removes
                case 0x21...0x7E: return (0x30...0x39).contains(f) || f == 0x4F
                case 0x3400...0x4DBF, 0x4E00...0x9FFF:
                    return Unicode.Scalar(f).map { DateParser.chineseDigit($0) != nil } ?? true
                case 0x3001...0x303F: return f == 0x3007
                default: return true
                }
            }
            return false
        }
    }
}
