import RuleEngine

/// Escaping helpers shared by the reporters. Report text is untrusted web content: every format escapes it.
enum Escape {
    /// A JSON string literal (with the quotes). Escapes `"`, `\`, control characters and U+2028/U+2029;
    /// leaves `/` and non-ASCII (Chinese) unescaped.
    static func json(_ s: String) -> String {
        if !needsJSONEscaping(s) { return "\"" + s + "\"" }
        var out = JSONBytes(capacity: s.utf8.count + 8)   // one escaping, shared with the byte encoder
        out.string(s)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    static func json(_ s: String?) -> String { s.map { json($0) } ?? "null" }

    /// Most report text needs no escaping: check the UTF-8 bytes (quote, backslash, controls, DEL, and the
    /// E2 80 A8/A9 of U+2028/U+2029) before building an escaped copy.
    static func needsJSONEscaping(_ s: String) -> Bool {
        var copy = s
        return copy.withUTF8 { bytes in
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F { return true }
                if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                    return true
                }
                i += 1
            }
            return false
        }
    }

    static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }

    /// One line of terminal-safe text: newlines and tabs become spaces; other control characters (ESC, C1, DEL)
    /// and bidirectional overrides are shown as `\u{…}` so report text can't move the cursor or reorder the line.
    static func terminal(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u.value {
            case 0x0A, 0x0D, 0x09: out += " "
            case 0x00..<0x20, 0x7F, 0x80..<0xA0, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029:
                out += "\\u{" + String(u.value, radix: 16) + "}"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// GitHub workflow command data (the message): `%`, CR, LF.
    static func githubData(_ s: String) -> String { github(s, property: false) }

    /// GitHub workflow command property value: data escapes plus `:` and `,`.
    static func githubProperty(_ s: String) -> String { github(s, property: true) }

    private static func github(_ s: String, property: Bool) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Text for a Markdown table cell: pipes, HTML and inline-markup characters escaped, newlines as `<br>`.
    static func markdownCell(_ s: String) -> String {
        var out = ""
        var pendingCR = false
        for u in s.unicodeScalars {
            if pendingCR && u != "\n" { out += "<br>" }
            pendingCR = false
            switch u {
            case "\r": pendingCR = true
            case "\n": out += "<br>"
            case "|": out += "\\|"
            case "\\", "`", "*", "_", "[", "]", "#", "~", "!": out += "\\"; out.unicodeScalars.append(u)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            default:
                if u.value < 0x20 || u.value == 0x7F || (0x202A...0x202E).contains(u.value)
                    || (0x2066...0x2069).contains(u.value) {
                    out += " "
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        if pendingCR { out += "<br>" }
        return out
    }

    /// One RFC 4180 field: quoted when it holds `"`, `,`, CR or LF (quotes doubled). Cells that a spreadsheet
    /// would run as a formula (`=`, `+`, `@`, `-…`, tab, CR at the start) get a leading `'` when `guardFormula`.
    static func csv(_ s: String, guardFormula: Bool = true) -> String {
        var v = s
        if guardFormula, let first = v.unicodeScalars.first {
            let risky = first == "=" || first == "+" || first == "@" || first == "\t" || first == "\r"
                || (first == "-" && v.unicodeScalars.count > 1)
            if risky { v = "'" + v }
        }
        let needsQuotes = v.contains(where: { $0 == "\"" || $0 == "," || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        if !needsQuotes { return v }
        var out = "\""
        for u in v.unicodeScalars {
            if u == "\"" { out += "\"\"" } else { out.unicodeScalars.append(u) }
        }
        return out + "\""
    }

    /// Characters that may appear in XML 1.0 text; anything else becomes U+FFFD so the document stays well-formed.
    static func xmlText(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            let v = u.value
            let ok = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
                || (0xE000...0xFFFD).contains(v) || v >= 0x10000
            if ok { out.unicodeScalars.append(u) } else { out += "\u{FFFD}" }
        }
        return out
    }

    /// A relative path as a URI reference (RFC 3986): unreserved characters and `/` kept, all else percent-encoded
    /// as UTF-8 (Chinese file names are common).
    static func uriPath(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(Unicode.Scalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || c == "-" || c == "." || c == "_" || c == "~" || c == "/" {
                out.append(c)
            } else {
                let h = String(b, radix: 16, uppercase: true)
                out += "%" + (h.count == 1 ? "0" + h : h)
            }
        }
        return out
    }

    /// Truncate to `max` characters with an ellipsis.
    static func truncate(_ s: String, _ max: Int) -> String {
        s.count <= max ? s : String(s.prefix(max - 1)) + "…"
    }
}

/// The fingerprint used by SARIF `partialFingerprints`, Code Climate and baselines: the engine's when it set one,
/// else a stable FNV-1a hash of rule id + relative path + first evidence text (the section anchor).
enum OutputFingerprint {
    static func of(_ finding: Finding, relativePath: String) -> String {
        if !finding.fingerprint.isEmpty { return finding.fingerprint }
        let anchor = finding.evidence.first?.text ?? ""
        return fnv1a64(finding.rule.id + "\u{0}" + relativePath + "\u{0}" + anchor)
    }

    static func fnv1a64(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

extension Finding {
    /// `line:col` of the first evidence (or 1:1).
    var locationText: String { "\(primaryLocation.line):\(primaryLocation.column)" }
}
