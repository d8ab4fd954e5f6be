import ReportDocument
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GB18030 → UTF-8 for the common case, ASCII and two-byte (GBK) codes, through a table that glibc's own iconv
/// fills once per process: same answers as iconv, without its two conversion steps per character (gconv went through
/// UCS-4) that made decoding a GBK page cost more than parsing it. Anything else (four-byte codes, a code iconv
/// rejects, a truncated pair) returns nil and the caller converts the whole input with iconv, as before.
enum GB18030Decoder {
    private static let trailCount = 0xFE - 0x40 + 1  // as in GB18030Table

    /// For lead 0x81–0xFE and trail 0x40–0xFE (index (lead - 0x81) * trailCount + trail - 0x40): the pair's UTF-8
    /// bytes (first byte lowest) in the low 24 bits and their count in the top byte, so the loop stores them with one
    /// write; 0 where iconv rejects the pair or maps it outside the BMP (four UTF-8 bytes: iconv converts such a
    /// page). 32-bit entries keep the table at 96 KB. nil when iconv has no GB18030 converter.
    private static let table: [UInt32]? = GB18030Table.build()

    /// UTF-8 bytes, or nil when the input needs the full iconv conversion (or is not GB18030).
    static func decode(_ bytes: [UInt8]) -> [UInt8]? {
        guard let table else { return nil }
        let n = bytes.count
        // A two-byte code gives at most three UTF-8 bytes (the table holds BMP scalars only); ASCII stays one.
        let capacity = n * 2 + 16
        var ok = true
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { outBuf, initialized in
            initialized = 0
            let o = outBuf.baseAddress!
            ok = bytes.withUnsafeBufferPointer { p -> Bool in
                table.withUnsafeBufferPointer { t -> Bool in
                    guard let base = p.baseAddress else { return true }
                    let raw = UnsafeRawPointer(base)
                    var i = 0
                    var w = 0
                    while i < n {
                        // ASCII runs eight bytes at a time.
                        while i + 8 <= n {
                            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                            if word & 0x8080_8080_8080_8080 != 0 { break }
                            UnsafeMutableRawPointer(o + w).storeBytes(of: word, as: UInt64.self)
                            i += 8
                            w += 8
                        }
                        if i >= n { break }
                        let b = p[i]
                        if b < 0x80 {
                            o[w] = b
                            w += 1
                            i += 1
                            continue
                        }
                        // A run of two-byte codes (GBK text), decoded back to back without the ASCII test.
                        while i + 1 < n {
                            let lead = p[i]
                            if lead < 0x80 { break }
                            let trail = p[i + 1]
                            // lead 0x81–0xFE, trail 0x40–0xFE: one unsigned compare each.
                            guard lead &- 0x81 < 0x7E, trail &- 0x40 < 0xBF else { return false }
                            let e = t[(Int(lead) - 0x81) * trailCount + Int(trail) - 0x40]
                            if e == 0 { return false }
                            // Four bytes stored, the count advanced: the slack is within the capacity (w <= 2 * i).
                            UnsafeMutableRawPointer(o + w).storeBytes(of: e, as: UInt32.self)
                            w += Int(truncatingIfNeeded: e >> 24)
                            i += 2
                        }
                        // A lead byte with no trail byte left.
                        if i + 1 == n, p[i] >= 0x80 { return false }
                    }
                    // Output iconv would not have had room for fails there too: leave the verdict to it.
                    if w > TextDecoder.outputCapacity(inputCount: n, encoding: "GB18030") { return false }
                    initialized = w
                    return true
                }
            }
            if !ok { initialized = 0 }
        }
        return ok ? out : nil
    }
}
