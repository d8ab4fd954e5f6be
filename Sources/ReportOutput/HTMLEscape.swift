import Foundation

/// Escaping for HTML outputs (the dashboard, the printable checklist). Report text is untrusted web content:
/// nothing from a report may become markup or a URL.
public enum HTMLEscape {
    /// Element text: `& < >` and quotes as entities, U+2028/U+2029 as character references, other control
    /// characters (never meaningful in a report) as U+FFFD.
    public static func text(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{2028}": out += "&#x2028;"
            case "\u{2029}": out += "&#x2029;"
            case "\n", "\t": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || (0xFDD0...0xFDEF).contains(u.value) || u.value & 0xFFFE == 0xFFFE {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// A double-quoted attribute value (same escaping: quotes included).
    public static func attr(_ s: String) -> String { text(s) }

    /// Only http(s) URLs become links (never javascript:, data:, vbscript: …).
    public static func isWebURL(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces).lowercased()
        guard t.hasPrefix("http://") || t.hasPrefix("https://") else { return false }
        return !t.unicodeScalars.contains { $0.value < 0x21 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" }
    }
}
