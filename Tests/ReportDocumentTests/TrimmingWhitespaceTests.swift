import Foundation
import ReportDocument
import Testing

/// `trimmingWhitespace()` drops what Foundation's `trimmingCharacters(in: .whitespaces)` drops: tabs and Unicode
/// space separators at both ends (ideographic, no-break, thin spaces; CoreFoundation also counts U+200B), nothing
/// else (not newlines, not inside).
@Suite struct TrimmingWhitespaceTests {
    @Test(arguments: ["", " ", "\t\t", "  江源区卫生健康局  ", "\u{3000}报告\u{3000}", "\u{A0}a b\u{2009}",
                      "\n报告\n", " \t抚松县\t ", "中 间 空 格", "\u{200B}零宽\u{200B}", "a\r\n",
                      "\u{1680}\u{2000}\u{200A}x\u{202F}\u{205F}", "\u{200C}y\u{FEFF}", "\u{85}z\u{2028}"])
    func agreesWithFoundation(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        let sub = text[...]
        #expect(sub.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }
}
