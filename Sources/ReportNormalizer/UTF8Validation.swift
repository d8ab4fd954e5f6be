/// Strict UTF-8 validation on bytes (Unicode Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF), with
/// an eight-bytes-at-a-time ASCII path. It accepts exactly what `String(validating:as: UTF8.self)` accepts, at a
/// fraction of its cost on markup (mostly ASCII): the HTML path hands the validated bytes to libxml2 without ever
/// making a String of the whole page.
enum UTF8Validation {
    static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = p.count
        var i = 0
        while i < n {
            // ASCII: whole words at a time.
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            if i >= n { break }
            let b0 = p[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            if b0 < 0xC2 { return false }
            if b0 < 0xE0 {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
                continue
            }
            if b0 < 0xF0 {
                // Runs of CJK (lead E1–EC or EE–EF, the common case): both continuation bytes in one 16-bit test.
                while i + 3 <= n {
                    let lead = p[i]
                    guard lead >= 0xE1, lead <= 0xEF, lead != 0xED,
                          raw.loadUnaligned(fromByteOffset: i + 1, as: UInt16.self) & 0xC0C0 == 0x8080 else { break }
                    i += 3
                }
                if i >= n { break }
                if p[i] < 0xE0 || p[i] >= 0xF0 { continue }
                let b0 = p[i]
                guard i + 2 < n else { return false }
                let b1 = p[i + 1]
                switch b0 {
                case 0xE0: guard b1 >= 0xA0 && b1 <= 0xBF else { return false }
                case 0xED: guard b1 >= 0x80 && b1 <= 0x9F else { return false }
                default: guard b1 & 0xC0 == 0x80 else { return false }
                }
                guard p[i + 2] & 0xC0 == 0x80 else { return false }
                i += 3
                continue
            }
            guard b0 <= 0xF4, i + 3 < n else { return false }
            let b1 = p[i + 1]
            switch b0 {
            case 0xF0: guard b1 >= 0x90 && b1 <= 0xBF else { return false }
            case 0xF4: guard b1 >= 0x80 && b1 <= 0x8F else { return false }
            default: guard b1 & 0xC0 == 0x80 else { return false }
            }
            guard p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return false }
            i += 4
        }
        return true
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }
}
