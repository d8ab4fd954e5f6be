import Testing
@testable import ReportDocument

/// `UTF8Scalars.plainRun` tests lead bytes, not scalars; this compares it with the definition on scalars.
@Suite struct PlainRunTests {
    /// Plain: printable ASCII and U+3001–U+9FFF (3-byte CJK other than the ideographic space).
    static func reference(_ scalars: [Unicode.Scalar], from start: Int) -> (end: Int, lastStart: Int, scalars: Int) {
        var offset = scalars[..<start].reduce(0) { $0 + UTF8.width($1) }
        var lastStart = -1
        var count = 0
        for s in scalars[start...] {
            guard (0x21...0x7E).contains(s.value) || (0x3001...0x9FFF).contains(s.value) else { break }
            lastStart = offset
            offset += UTF8.width(s)
            count += 1
        }
        return (offset, lastStart, count)
    }

    static let alphabet: [Unicode.Scalar] = ["\u{20}", "\u{21}", "a", "\u{7E}", "\u{7F}", "\u{A0}", "é", "\u{2FFF}",
                                             "\u{3000}", "\u{3001}", "。", "\u{30FF}", "\u{3400}", "\u{3FFF}", "\u{4000}",
                                             "法", "\u{9FFF}", "\u{A000}", "，", "\u{FEFF}", "😀", "𠀀", "\t", "\n"]

    @Test func agreesWithTheScalarDefinition() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let scalars = (0..<Int.random(in: 0...16, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }
            let start = Int.random(in: 0...scalars.count, using: &rng)
            var text = String(String.UnicodeScalarView(scalars))
            let from = scalars[..<start].reduce(0) { $0 + UTF8.width($1) }
            let got = text.withUTF8 { UTF8Scalars.plainRun($0, from: from) }
            let want = Self.reference(scalars, from: start)
            #expect(got == want, "\(scalars.map { String($0.value, radix: 16) }) from \(start)")
        }
    }
}
