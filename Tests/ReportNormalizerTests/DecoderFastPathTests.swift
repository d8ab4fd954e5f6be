import Testing
@testable import ReportNormalizer

/// The decoder's fast paths against the references they replace: `UTF8Validation` against the standard library's
/// validation, `GB18030Decoder` against a whole-input iconv conversion.
@Suite struct DecoderFastPathTests {
    /// Bytes chosen to hit every boundary of Unicode Table 3-7.
    static let interesting: [UInt8] = [0x00, 0x20, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                       0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]

    @Test func validationAgreesWithTheStandardLibrary() {
        var rng = SystemRandomNumberGenerator()
        let samples = ["", "abc", "法治政府建设", "😀", "a\u{10FFFF}b", "\u{FEFF}x", "\u{D7FF}\u{E000}"]
        for s in samples { #expect(UTF8Validation.isValid(Array(s.utf8))) }
        for _ in 0..<50_000 {
            let count = Int.random(in: 0...12, using: &rng)
            var bytes = (0..<count).map { _ in Self.interesting.randomElement(using: &rng)! }
            // Also long ASCII prefixes, so the eight-byte path hands over at every offset.
            if Bool.random(using: &rng) { bytes = Array(repeating: 0x61, count: Int.random(in: 0...17, using: &rng)) + bytes }
            let want = String(validating: bytes, as: UTF8.self) != nil
            #expect(UTF8Validation.isValid(bytes) == want, "\(bytes)")
        }
    }

    @Test func binaryTestAgreesWithAByteLoop() {
        func reference(_ bytes: [UInt8]) -> String? {
            if bytes.contains(0) { return "binary file (NUL bytes)" }
            let controls = bytes.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C, 0x1B].contains($0) }.count
            return controls > 8 && controls * 100 > bytes.count ? "binary file (control characters)" : nil
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x01, 0x07, 0x09, 0x0A, 0x0C, 0x0D, 0x1B, 0x1F, 0x20, 0x41, 0x7F, 0x80, 0xE6]
        for _ in 0..<4_000 {
            var bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
            bytes += Array(repeating: 0x61, count: Int.random(in: 0...1_200, using: &rng))
            if Int.random(in: 0..<50, using: &rng) == 0 { bytes.insert(0, at: Int.random(in: 0...bytes.count, using: &rng)) }
            bytes.shuffle(using: &rng)
            #expect(TextDecoder.binaryReason(bytes) == reference(bytes))
        }
    }

    /// The fused pass (binary test + validation) against the two separate references, on inputs that mix
    /// controls, NUL and invalid sequences at every position (the binary test must go on past an invalid byte).
    @Test func fusedScanAgreesWithSeparateChecks() {
        func reference(_ bytes: [UInt8]) -> String? {
            if bytes.contains(0) { return "binary file (NUL bytes)" }
            let controls = bytes.filter { $0 < 0x20 && ![0x09, 0x0A, 0x0D, 0x0C, 0x1B].contains($0) }.count
            return controls > 8 && controls * 100 > bytes.count ? "binary file (control characters)" : nil
        }
        var rng = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = Self.interesting + [0x01, 0x07, 0x09, 0x0A, 0x1B, 0x1F, 0xE6, 0x8A, 0x80]
        let cjk = Array("法治".utf8)
        for _ in 0..<30_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &rng) {
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: bytes += cjk
                case 1: bytes += Array(repeating: 0x61, count: Int.random(in: 1...17, using: &rng))
                case 2: bytes += Array(repeating: 0x01, count: Int.random(in: 1...3, using: &rng))
                default: bytes.append(alphabet.randomElement(using: &rng)!)
                }
            }
            let scan = bytes.withUnsafeBufferPointer { UTF8Validation.scan($0) }
            let wantReason = reference(bytes)
            #expect(scan.binaryReason == wantReason, "\(bytes)")
            if wantReason == nil {
                #expect(scan.valid == (String(validating: bytes, as: UTF8.self) != nil), "\(bytes)")
            }
        }
    }

    @Test func batchedTableAgreesWithPairByPair() throws {
        let batched = try #require(GB18030Table.build())
        let pairByPair = try #require(GB18030Table.build(batched: false))
        #expect(batched == pairByPair)
        // Nearly every two-byte code converts (a broken build would leave the table empty and defer to iconv).
        #expect(batched.filter { $0 != 0 }.count > 20_000)
    }

    @Test func gb18030TableAgreesWithIconv() throws {
        // Every two-byte code alone and after ASCII; then random mixes, including four-byte and invalid codes.
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFF {
                for input in [[UInt8(lead), UInt8(trail)], Array("abcdefgh".utf8) + [UInt8(lead), UInt8(trail)]] {
                    let want = TextDecoder.iconvDecode(input, from: "GB18030")
                    if let got = GB18030Decoder.decode(input) { #expect(got == want, "\(input)") }
                }
            }
        }
        let pieces: [[UInt8]] = [[0x41], Array("报告".utf8), [0xD5, 0xFE], [0xE9, 0x46], [0x81, 0x30, 0x81, 0x30], [0x80],
                                 [0xFF], [0x81], [0xA1, 0xA1], [0x0A], Array("0123456789".utf8), [0xFE, 0x51]]
        let gbk = try #require(TextDecoder.iconvEncode("关于2024年度法治政府建设情况的报告，朱镕基、喆。", to: "GB18030"))
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            var input: [UInt8] = []
            for _ in 0..<Int.random(in: 0...8, using: &rng) {
                input += Bool.random(using: &rng) ? gbk : pieces.randomElement(using: &rng)!
            }
            let want = TextDecoder.iconvDecode(input, from: "GB18030")
            // The table either agrees or defers to iconv; it never accepts what iconv rejects.
            if let got = GB18030Decoder.decode(input) { #expect(got == want, "\(input)") }
            let decoded = TextDecoder.decodeBytes(input, sniffMarkup: false)
            if case .success(let d) = decoded, d.encoding == "GB18030" { #expect(d.utf8 == want) }
        }
        #expect(GB18030Decoder.decode(gbk) == TextDecoder.iconvDecode(gbk, from: "GB18030"))
        #expect(GB18030Decoder.decode(gbk) != nil)
    }
}
