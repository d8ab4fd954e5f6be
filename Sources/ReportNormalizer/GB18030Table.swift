#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Builds `GB18030Decoder`'s pair table from glibc's iconv: what iconv makes of each two-byte code on its own.
enum GB18030Table {
    static let trailCount = 0xFE - 0x40 + 1
    static let leads = 0x81...0xFE
    /// Trail bytes of two-byte codes (0x7F never is one).
    static let trails = Array(0x40...0x7E) + Array(0x80...0xFE)

    /// The table (see `GB18030Decoder.table`), or nil when iconv has no GB18030 converter. Each lead byte's 190 codes
    /// are converted in one iconv call, each code followed by "\n" (GB18030 is stateless, so each code converts as it
    /// would alone and the newlines split the output): a call and buffers per code made building the table cost a
    /// good part of a batch's decoding. A lead whose batch iconv rejects (one bad code fails the call) is converted
    /// code by code.
    static func build(batched: Bool = true) -> [UInt32]? {
        guard let cd = iconv_open("UTF-8", "GB18030"), cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var table = [UInt32](repeating: 0, count: leads.count * trailCount)
        var converter = Converter(cd: cd, capacity: trails.count * 3)
        table.withUnsafeMutableBufferPointer { t in
            for lead in leads {
                if batched, fillLead(lead, &converter, t) { continue }
                for trail in trails {
                    converter.input = [UInt8(lead), UInt8(trail)]
                    t[index(lead, trail)] = converter.run { entry($0) } ?? 0
                }
            }
        }
        return table
    }

    @inline(__always)
    static func index(_ lead: Int, _ trail: Int) -> Int { (lead - 0x81) * trailCount + trail - 0x40 }

    /// Fills the entries of every code with this lead from one conversion; false (nothing written) when the batch
    /// does not convert cleanly.
    private static func fillLead(_ lead: Int, _ converter: inout Converter, _ t: UnsafeMutableBufferPointer<UInt32>)
        -> Bool {
        converter.input.removeAll(keepingCapacity: true)
        for trail in trails {
            converter.input.append(UInt8(lead))
            converter.input.append(UInt8(trail))
            converter.input.append(0x0A)
        }
        return converter.run { out -> Bool in
            // One piece per code before each newline; a code that produced a newline itself shows up as extra
            // pieces and sends the lead to the code-by-code path.
            var pieces: [(Int, Int)] = []
            pieces.reserveCapacity(trails.count)
            var start = 0
            for k in 0..<out.count where out[k] == 0x0A {
                pieces.append((start, k))
                start = k + 1
            }
            guard pieces.count == trails.count, start == out.count else { return false }
            for (trail, (lo, hi)) in zip(trails, pieces) {
                t[index(lead, trail)] = entry(UnsafeBufferPointer(rebasing: out[lo..<hi]))
            }
            return true
        } ?? false
    }

    /// The packed entry for one code's output: kept only when it is exactly one valid, non-NUL BMP scalar.
    private static func entry(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        guard !bytes.isEmpty, bytes.count <= 3, UTF8Validation.isValid(bytes) else { return 0 }
        let (v, len) = UTF8Bytes.decode(bytes, 0)
        guard len == bytes.count, v != 0 else { return 0 }
        var packed: UInt32 = 0
        for k in 0..<len { packed |= UInt32(bytes[k]) << (8 * UInt32(k)) }
        return packed | UInt32(len) << 24
    }

    /// One iconv descriptor with reused input and output buffers.
    private struct Converter {
        let cd: iconv_t
        var input: [UInt8] = []
        var output: [UInt8]

        init(cd: iconv_t, capacity: Int) {
            self.cd = cd
            input.reserveCapacity(capacity)
            output = [UInt8](repeating: 0, count: capacity * 4 + 16)
        }

        /// `body` on iconv's output for the whole input, or nil when iconv rejects any of it.
        mutating func run<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
            let cd = self.cd
            return input.withUnsafeMutableBufferPointer { inBuf in
                output.withUnsafeMutableBufferPointer { outBuf -> R? in
                    var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var inLeft = inBuf.count
                    var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuf.baseAddress!)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuf.count
                    let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                    // Reset any shift state after a failure (GB18030 has none; harmless).
                    iconv(cd, nil, nil, nil, nil)
                    if rc == -1 || inLeft != 0 { return nil }
                    return body(UnsafeBufferPointer(rebasing: outBuf[0..<(outBuf.count - outLeft)]))
                }
            }
        }
    }
}
