/// Builds JSON text straight into UTF-8 bytes: one growing buffer per document instead of a temporary String per
/// field (`ResultJSON.encode` runs once per report of a batch). The one JSON string escaping of the tool
/// (`Escape.json` uses it): `"`, `\`, control characters and U+2028/U+2029; `/` and non-ASCII left as they are.
struct JSONBytes {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    /// JSON syntax, as it is (a StaticString: one copy of its bytes, no walk over a String's UTF-8 view).
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Already-encoded JSON, as it is.
    mutating func append(_ encoded: [UInt8]) { bytes.append(contentsOf: encoded) }

    /// One byte as it is (the cache's compact markers).
    mutating func byte(_ b: UInt8) { bytes.append(b) }

    /// Bytes that may start an escape: controls, `"`, `\`, DEL, and 0xE2 (the lead byte of U+2028/U+2029).
    private static let mayEscape: [Bool] = (0..<256).map { b in b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xE2 }

    /// Decimal digits straight into the buffer (`String(v)` went through `description`: ~380 instructions for a
    /// line number, and every evidence has two).
    mutating func int(_ v: Int) {
        if v < 0 { bytes.append(UInt8(ascii: "-")) }
        let m = v.magnitude
        var unit: UInt = 1  // the value of the leading digit's place (at most 10^19: fits)
        while m / unit >= 10 { unit &*= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") &+ UInt8(m / unit % 10))
            unit /= 10
        } while unit > 0
    }

    /// A string literal with its quotes, or null.
    mutating func string(_ s: String?) {
        guard let s else { raw("null"); return }
        bytes.append(UInt8(ascii: "\""))
        var copy = s
        Self.mayEscape.withUnsafeBufferPointer { mayEscape in copy.withUTF8 { p in
            var runStart = 0
            var i = 0
            let n = p.count
            while i < n {
                // Skip bytes that never need escaping (most of them) with one table load each.
                while i < n && !mayEscape[Int(p[i])] { i += 1 }
                if i >= n { break }
                let b = p[i]
                var escape: String?
                var length = 1
                if b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F {
                    switch b {
                    case 0x22: escape = "\\\""
                    case 0x5C: escape = "\\\\"
                    case 0x0A: escape = "\\n"
                    case 0x0D: escape = "\\r"
                    case 0x09: escape = "\\t"
                    case 0x08: escape = "\\b"
                    case 0x0C: escape = "\\f"
                    default: escape = "\\u" + Escape.hex4(UInt32(b))
                    }
                } else if b == 0xE2, i + 2 < p.count, p[i + 1] == 0x80, p[i + 2] == 0xA8 || p[i + 2] == 0xA9 {
                    escape = p[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    length = 3
                }
                if let escape {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
                    bytes.append(contentsOf: escape.utf8)
                    i += length
                    runStart = i
                } else {
                    i += 1
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<p.count]))
        } }
        bytes.append(UInt8(ascii: "\""))
    }
}
