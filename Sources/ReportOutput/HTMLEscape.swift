import Foundation

/// Escaping for HTML outputs (the dashboard, the printable checklist). Report text is untrusted web content:
/// nothing from a report may become markup or a URL.
public enum HTMLEscape {
    /// Element text: `& < >` and quotes as entities, U+2028/U+2029 as character references, other control
    /// characters (never meaningful in a report) as U+FFFD.
    public static func text(_ s: String) -> String {
        // Most report text has nothing to escape: then it is returned as it is, without a scalar-by-scalar copy.
        if !needsEscaping(s) { return s }
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

    /// Whether `text` would change anything in `s`: a byte-level scan for the characters it replaces.
    private static func needsEscaping(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { p in
            let n = p.count
            var i = 0
            while i < n {
                let b = p[i]
                switch b {
                case 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x7F: return true          // & < > " ' DEL
                case 0x00..<0x20: if b != 0x0A && b != 0x09 { return true }
                case 0xC2: if i + 1 < n, p[i + 1] <= 0x9F { return true }    // U+0080–U+009F
                case 0xE2: if i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0xA8 || p[i + 2] == 0xA9 { return true }
                case 0xEF:                                                      // U+FDD0–U+FDEF, U+FFFE, U+FFFF
                    if i + 2 < n, (p[i + 1] == 0xB7 && (0x90...0xAF).contains(p[i + 2]))
                        || (p[i + 1] == 0xBF && p[i + 2] >= 0xBE) { return true }
                case 0xF0...0xF4:                                               // U+xFFFE, U+xFFFF in other planes
                    if i + 3 < n, p[i + 2] == 0xBF, p[i + 3] >= 0xBE, p[i + 1] & 0x0F == 0x0F { return true }
                default: break
                }
                i += 1
            }
            return false
        }
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
