import Testing
@testable import ReportDocument

/// `TextFolding.fold` works on UTF-8 bytes with fast runs; this keeps the original scalar-array algorithm as the
/// reference and compares both (text and map) on random mixes of the characters folding treats specially.
@Suite struct TextFoldingReferenceTests {
    static func reference(_ input: String) -> TextFolding.Result {
        var out: [Unicode.Scalar] = []
        var map: [Int32]? = nil
        var changed = false
        var runStart = -1
        var last: Unicode.Scalar? = nil
        var offset = 0
        for scalar in input.unicodeScalars {
            let folded = TextFolding.foldScalar(scalar)
            if folded == " " {
                if runStart < 0 { runStart = offset }
                if scalar != " " { changed = true }
                offset += 1
                continue
            }
            if runStart >= 0 {
                let runLength = offset - runStart
                if let l = last, !TextFolding.isCJK(l), !TextFolding.isCJK(folded) {
                    if runLength > 1 {
                        changed = true
                        if map == nil { map = (0..<out.count).map { Int32($0) } }
                    }
                    out.append(" ")
                    map?.append(Int32(runStart))
                } else {
                    changed = true
                    if map == nil { map = (0..<out.count).map { Int32($0) } }
                }
                runStart = -1
            }
            if folded != scalar { changed = true }
            out.append(folded)
            map?.append(Int32(offset))
            last = folded
            offset += 1
        }
        if runStart >= 0 { changed = true }
        if !changed { return TextFolding.Result(text: input, map: nil) }
        let text = String(String.UnicodeScalarView(out))
        guard var m = map else { return TextFolding.Result(text: text, map: nil) }
        m.append(Int32(offset))
        return TextFolding.Result(text: text, map: m)
    }

    static let alphabet: [String] = ["法", "治", "〇", "○", "◯", "一", "、", "，", "。", "（", "）", "：", "Ｘ", "２", "a", "Z",
                                     "7", " ", "  ", "\t", "\n", "\r", "\u{3000}", "\u{A0}", "\u{200B}", "\u{FEFF}",
                                     "\u{2000}", "﹐", "､", "∶", "﹔", "﹕", "﹒", "😀", "𠀀", "e\u{301}", "—", "…", "“",
                                     "”", "\u{7F}", "\u{1}", "é", "Ω", "\u{FF5E}", "\u{FF5F}", "\u{3001}", "\u{3400}"]

    @Test func byteFoldMatchesScalarReference() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let n = Int.random(in: 0...24, using: &rng)
            let s = (0..<n).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined()
            let got = TextFolding.fold(s), want = Self.reference(s)
            // Bytes, not String ==, which would accept canonically equivalent spellings.
            let same = Array(got.text.utf8) == Array(want.text.utf8) && got.map == want.map
            #expect(same, "fold(\(s.debugDescription))")
            if !same { return }
        }
    }
}
