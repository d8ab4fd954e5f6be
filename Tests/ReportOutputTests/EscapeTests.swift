import Foundation
import Testing
@testable import ReportOutput

/// The byte-level fast paths of the escapers must give exactly what the plain scalar-by-scalar definitions give.
@Suite struct EscapeTests {
    /// `HTMLEscape.text` as it is defined: one scalar at a time.
    static func referenceHTML(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\u{2028}": out += "&#x2028;"
            case "\u{2029}": out += "&#x2029;"
            case "\n", "\t": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || (0x7F...0x9F).contains(u.value) || (0xFDD0...0xFDEF).contains(u.value)
                    || u.value & 0xFFFE == 0xFFFE {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// Report-like text with every kind of character the escapers treat specially, and their near neighbours.
    static let alphabet: [String] = ["法", "治", "，", "。", "“", "”", "—", "…", "a", "1", " ", "😀", "𠀀"]
        + [0x0A, 0x09, 0x0D, 0x00, 0x1F, 0x7F, 0x80, 0x9F, 0xA0, 0x26, 0x3C, 0x3E, 0x22, 0x27, 0x5C, 0x2F,
           0x2027, 0x2028, 0x2029, 0x202A, 0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0, 0xFFFD, 0xFFFE, 0xFFFF,
           0x1FFFD, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF].map { String(Character(Unicode.Scalar(UInt32($0))!)) }

    @Test func htmlTextEqualsTheScalarDefinition() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let s = (0..<Int.random(in: 0...24, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined()
            #expect(HTMLEscape.text(s) == Self.referenceHTML(s), "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        for c in Self.alphabet {
            #expect(HTMLEscape.text(c) == Self.referenceHTML(c), "U+\(String(c.unicodeScalars.first!.value, radix: 16))")
        }
    }

    @Test func jsonStringEscapesExactlyTheJSONSpecials() throws {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let s = (0..<Int.random(in: 0...24, using: &rng)).map { _ in Self.alphabet.randomElement(using: &rng)! }.joined()
            var json = JSONBytes()
            json.string(s)
            let text = String(decoding: json.bytes, as: UTF8.self)
            // Valid JSON that reads back as the same string, with no raw control characters, U+2028 or U+2029.
            let back = try JSONSerialization.jsonObject(with: Data(json.bytes), options: .fragmentsAllowed) as? String
            #expect(back == s)
            #expect(!text.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" })
        }
    }

    @Test func jsonIntEqualsStringOfInt() {
        var rng = SystemRandomNumberGenerator()
        var values = [0, 1, -1, 9, 10, 99, 100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        values += (0..<2_000).map { _ in Int.random(in: Int.min...Int.max, using: &rng) >> Int.random(in: 0...63, using: &rng) }
        for v in values {
            var json = JSONBytes()
            json.raw("x")
            json.int(v)
            #expect(String(decoding: json.bytes, as: UTF8.self) == "x" + String(v))
        }
    }
}
