import Testing
@testable import ReportNormalizer

/// `TextLine.scalarCountIfNoWhitespace` skips plain runs by lead byte; this compares it with the definition on scalars.
@Suite struct ScalarCountTests {
    static let alphabet: [Unicode.Scalar] = ["\u{0}", "\t", "\n", "\u{1F}", "\u{20}", "\u{21}", "a", "\u{7E}", "\u{7F}",
                                             "\u{80}", "\u{A0}", "é", "\u{2001}", "\u{2002}", "\u{200B}", "\u{200C}",
                                             "\u{202F}", "\u{205F}", "\u{2060}", "“", "\u{3000}", "\u{3001}", "。",
                                             "法", "\u{9FFF}", "\u{A000}", "，", "\u{FEFF}", "\u{FEFE}", "😀", "𠀀"]

    @Test func agreesWithTheScalarDefinition() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let scalars = (0..<Int.random(in: 0...14, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }
            let text = String(String.UnicodeScalarView(scalars))
            // A Substring that does not start at the String's start, as readers cut them.
            let piece = Substring(("法" + text).unicodeScalars.dropFirst())
            let want = scalars.isEmpty || scalars.contains(where: TextAssembler.isWhitespace) ? nil : scalars.count
            #expect(TextLine.scalarCountIfNoWhitespace(piece) == want, "\(scalars.map { String($0.value, radix: 16) })")
        }
    }
}
