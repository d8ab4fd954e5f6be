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
    private static let trailCount = 0xFE - 0x40 + 1

    /// For lead 0x81–0xFE and trail 0x40–0xFE (index (lead - 0x81) * trailCount + trail - 0x40): the pair's UTF-8
    /// bytes (first byte lowest) in the low 32 bits and their count above, so the loop stores them with one write;
    /// 0 where iconv rejects the pair. nil when iconv has no GB18030 converter.
    private static let table: [UInt64]? = {
        let cd = iconv_open("UTF-8", "GB18030")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var table = [UInt64](repeating: 0, count: 126 * trailCount)
        var input: [UInt8] = [0, 0]
        var output = [UInt8](repeating: 0, count: 16)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                input[0] = UInt8(lead)
                input[1] = UInt8(trail)
                let produced: Int? = input.withUnsafeMutableBufferPointer { inBuf in
                    output.withUnsafeMutableBufferPointer { outBuf in
                        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                            .assumingMemoryBound(to: CChar.self)
                        var inLeft = 2
                        var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                            .assumingMemoryBound(to: CChar.self)
                        var outLeft = outBuf.count
                        let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                        // Reset any shift state after a failure (GB18030 has none; harmless).
                        iconv(cd, nil, nil, nil, nil)
                        return rc == -1 || inLeft != 0 ? nil : outBuf.count - outLeft
                    }
                }
                // Keep only pairs that became exactly one valid scalar.
                guard let produced, produced > 0 else { continue }
                let scalar = output.withUnsafeBufferPointer { p -> UInt32? in
                    let one = UnsafeBufferPointer(rebasing: p[0..<produced])
                    guard UTF8Validation.isValid(one) else { return nil }
                    let (v, len) = UTF8Bytes.decode(one, 0)
                    return len == produced ? v : nil
                }
                guard let scalar, scalar != 0 else { continue }
                var packed: UInt64 = 0
                for k in 0..<produced { packed |= UInt64(output[k]) << (8 * UInt64(k)) }
                table[(lead - 0x81) * trailCount + trail - 0x40] = packed | UInt64(produced) << 32
            }
        }
        return table
    }()

    /// UTF-8 bytes, or nil when the input needs the full iconv conversion (or is not GB18030).
    static func decode(_ bytes: [UInt8]) -> [UInt8]? {
        guard let table else { return nil }
        let n = bytes.count
        // A two-byte code gives at most four UTF-8 bytes (a few map outside the BMP); ASCII stays one.
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
                        guard b >= 0x81, b <= 0xFE, i + 1 < n else { return false }
                        let trail = Int(p[i + 1])
                        guard trail >= 0x40, trail <= 0xFE else { return false }
                        let e = t[(Int(b) - 0x81) * trailCount + trail - 0x40]
                        if e == 0 { return false }
                        // Four bytes stored, the count advanced: the slack is within the capacity (w <= 2 * i).
                        UnsafeMutableRawPointer(o + w).storeBytes(of: UInt32(truncatingIfNeeded: e), as: UInt32.self)
                        w += Int(truncatingIfNeeded: e >> 32)
                        i += 2
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
