#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Strict UTF-8 validation on bytes (Unicode Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF), with
/// an eight-bytes-at-a-time ASCII path. It accepts exactly what `String(validating:as: UTF8.self)` accepts, at a
/// fraction of its cost on markup (mostly ASCII): the HTML path hands the validated bytes to libxml2 without ever
/// making a String of the whole page.
enum UTF8Validation {
    static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var controls = 0
        return walk(p, countControls: false, controls: &controls) == nil
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }

    /// What `TextDecoder` asks of every input, in one pass: is it binary (NUL bytes, or more than 1% — and more than
    /// 8 — C0 control bytes other than TAB LF FF CR ESC), and is it valid UTF-8. A binary input's `valid` is
    /// meaningless. Past an invalid sequence only the binary test goes on.
    static func scan(_ p: UnsafeBufferPointer<UInt8>) -> (binaryReason: String?, valid: Bool) {
        var controls = 0
        let invalidAt = walk(p, countControls: true, controls: &controls)
        if controls < 0 { return ("binary file (NUL bytes)", false) }
        if let at = invalidAt {
            let rest = controlCount(p, from: at)
            if rest < 0 { return ("binary file (NUL bytes)", false) }
            controls += rest
        }
        if controls > 8 && controls * 100 > p.count { return ("binary file (control characters)", false) }
        return (nil, invalidAt == nil)
    }

    @inline(__always)
    private static func isControl(_ b: UInt8) -> Bool {
        b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B
    }

    /// Control bytes in `p[from...]`, or -1 when there is a NUL byte. Eight bytes at a time: a word is looked at
    /// byte by byte only when it has a byte below 0x20 (SWAR test; it may flag extra bytes, never miss one).
    static func controlCount(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = p.baseAddress, from < p.count else { return 0 }
        if memchr(base + from, 0, p.count - from) != nil { return -1 }
        var controls = 0
        let n = p.count
        var i = from
        let raw = UnsafeRawPointer(base)
        while i + 8 <= n {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 {
                for k in i..<(i + 8) where isControl(p[k]) { controls += 1 }
            }
            i += 8
        }
        while i < n {
            if isControl(p[i]) { controls += 1 }
            i += 1
        }
        return controls
    }

    /// The validator: nil when `p` is valid, else the offset of the first invalid sequence. With `countControls`,
    /// also counts the control bytes before that offset into `controls` (the ASCII bytes are all it looks at; the
    /// bytes of multi-byte sequences are never below 0x20) and stops with `controls` = -1 at a NUL byte.
    @inline(__always)
    private static func walk(_ p: UnsafeBufferPointer<UInt8>, countControls: Bool, controls: inout Int) -> Int? {
        guard let base = p.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let n = p.count
        var i = 0
        while i < n {
            // ASCII: whole words at a time.
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if w & 0x8080_8080_8080_8080 != 0 { break }
                if countControls, (w &- 0x2020_2020_2020_2020) & ~w & 0x8080_8080_8080_8080 != 0 {
                    for k in i..<(i + 8) {
                        let b = p[k]
                        if b == 0 { controls = -1; return nil }
                        if isControl(b) { controls += 1 }
                    }
                }
                i += 8
            }
            if i >= n { break }
            let b0 = p[i]
            if b0 < 0x80 {
                if countControls, b0 < 0x20 {
                    if b0 == 0 { controls = -1; return nil }
                    if isControl(b0) { controls += 1 }
                }
                i += 1
                continue
            }
            if b0 < 0xC2 { return i }
            if b0 < 0xE0 {
                guard i + 1 < n, p[i + 1] & 0xC0 == 0x80 else { return i }
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
                guard i + 2 < n else { return i }
                let b1 = p[i + 1]
                switch b0 {
                case 0xE0: guard b1 >= 0xA0 && b1 <= 0xBF else { return i }
                case 0xED: guard b1 >= 0x80 && b1 <= 0x9F else { return i }
                default: guard b1 & 0xC0 == 0x80 else { return i }
                }
                guard p[i + 2] & 0xC0 == 0x80 else { return i }
                i += 3
                continue
            }
            guard b0 <= 0xF4, i + 3 < n else { return i }
            let b1 = p[i + 1]
            switch b0 {
            case 0xF0: guard b1 >= 0x90 && b1 <= 0xBF else { return i }
            case 0xF4: guard b1 >= 0x80 && b1 <= 0x8F else { return i }
            default: guard b1 & 0xC0 == 0x80 else { return i }
            }
            guard p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return i }
            i += 4
        }
        return nil
    }
}
