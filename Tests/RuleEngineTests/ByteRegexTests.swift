import Foundation
import ReportDocument
import Testing
import TestSupport
@testable import RuleEngine

/// ByteRegex must give exactly NSRegularExpression's matches (ICU, `.anchorsMatchLines`) for every pattern it
/// accepts: checked differentially on the shipped packs' regexes, hand-picked edge cases and random patterns.
@Suite struct ByteRegexTests {
    // MARK: Oracle

    /// NSRegularExpression's matches as UTF-8 byte ranges; nil when it rejects the pattern.
    static func icuMatches(_ pattern: String, _ text: String) -> [Range<Int>]? {
        guard let regex = try? NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines]) else { return nil }
        var utf8At: [Int] = [0]   // UTF-16 offset → UTF-8 offset
        for scalar in text.unicodeScalars {
            let bytes = UTF8.width(scalar)
            if scalar.value >= 0x10000 { utf8At.append(utf8At.last!) }
            utf8At.append(utf8At.last! + bytes)
        }
        return regex.matches(in: text, range: NSRange(location: 0, length: (text as NSString).length)).map {
            utf8At[$0.range.location]..<utf8At[$0.range.location + $0.range.length]
        }
    }

    static func byteMatches(_ regex: ByteRegex, _ text: String, limit: Int = .max) -> [Range<Int>] {
        var text = text
        return text.withUTF8 { regex.matches(in: $0, limit: limit) }
    }

    /// A description of the first text where ByteRegex and ICU differ, or nil.
    static func difference(_ pattern: String, _ texts: [String]) -> String? {
        let regex: ByteRegex
        do { regex = try ByteRegex(pattern) } catch { return "ByteRegex rejects \(pattern.debugDescription): \(error)" }
        for text in texts {
            guard let expected = icuMatches(pattern, text) else {
                return "NSRegularExpression rejects \(pattern.debugDescription) but ByteRegex accepts it"
            }
            let actual = byteMatches(regex, text)
            if actual != expected {
                return "\(pattern.debugDescription) on \(text.debugDescription): ByteRegex \(actual), ICU \(expected)"
            }
        }
        return nil
    }

    // MARK: Shipped packs on the sample reports

    static func packRegexes() -> [String] {
        var found: [String] = []
        let quoted = try! NSRegularExpression(pattern: #""re:((?:[^"\\]|\\.)*)""#)
        for pack in BuiltinPackSources.packs {
            for file in pack.files {
                let ns = file.text as NSString
                for m in quoted.matches(in: file.text, range: NSRange(location: 0, length: ns.length)) {
                    // YAML double-quoted escapes used in the packs: \\ and \".
                    let body = ns.substring(with: m.range(at: 1))
                        .replacingOccurrences(of: #"\\"#, with: "\u{0}")
                        .replacingOccurrences(of: #"\""#, with: "\"")
                        .replacingOccurrences(of: "\u{0}", with: #"\"#)
                    found.append(PatternSet.foldRegex(body))
                }
            }
        }
        return found
    }

    static func sampleTexts() -> [String] {
        let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Samples")
        let files = (try? FileManager.default.contentsOfDirectory(at: samples, includingPropertiesForKeys: nil)) ?? []
        return files.filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
            .compactMap { try? String(contentsOf: $0, encoding: .utf8) }
    }

    @Test func packRegexesMatchICUOnSampleReports() throws {
        let patterns = Self.packRegexes()
        #expect(patterns.count >= 10)
        let reports = Self.sampleTexts()
        #expect(reports.count >= 5)
        var texts = reports + reports.map(TextFolding.folded)
        texts += texts.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
        for pattern in patterns {
            let problem = Self.difference(pattern, texts)
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    // MARK: Edge cases

    static let edgeCases: [(String, [String])] = [
        ("a*", ["", "ab", "a", "baaa", "😀a😀"]),
        ("x*", ["😀😀", "𠀀x𠀀"]),
        ("a|", ["ba", ""]),
        ("(?:)|b", ["abc"]),
        ("^", ["", "a\r\nb\nc\r", "a\n", "\r\r\n\n\u{85}x", "a\u{2028}b\u{2029}", "a\u{0B}b\u{0C}c"]),
        ("$", ["", "a\r\nb\nc\r", "a\n", "\r\r\n\n", "a\u{0B}b\u{0C}c\u{85}d\u{2028}"]),
        ("^$", ["\n\n", "\r\n\r\n", "a\n\nb", ""]),
        // ICU's `^` holds between "\r" and "\n", but a search for a pattern that starts with `^` skips that position.
        ("\\s^", ["\r\na", "a\r\r\nb"]), ("^|a", ["a\r\nb"]), ("(?!^)", ["\r\r\n"]), ("(^\\s)", ["\r\n\r\n"]),
        ("(?=\\s)^\\s+", ["a\r\n b"]), ("^ab|^\\n", ["\r\nab"]),
        ("^.*$", ["ab\ncd\r\nef\u{2028}gh", "\n", ""]),
        ("\\A.", ["ab\nc"]), ("\\z", ["a\n", ""]),
        ("\\Z", ["a\n", "a\r\n", "a\n\n", "a\u{85}", "a\r", "\r\n", "\n", "a\r\r", "a"]),
        (".", ["a\nb\rc\u{85}d\u{2028}e\u{2029}f\u{0B}g\u{0C}h😀", "\r\n"]),
        (".+", ["ab\r\ncd", "𠀀😀年"]),
        ("(?<=a)b", ["ab", "b", "bab"]), ("(?<!a)b", ["b", "ab", "bb"]),
        ("(?<=a.)x", ["a😀x"]), ("(?<=[^😀])x", ["😀x", "ax"]), ("(?<=a.)b", ["a😀b", "a\nb"]),
        ("(?<=ab|c)x", ["abx cx"]), ("(?<![A-Za-z])X{2,}(?![A-Za-z])", ["XX aXXX XXXb XXXX"]),
        ("a+?", ["aaa"]), ("a+", ["aaa"]), ("a{2,3}?", ["aaaaaaa"]), ("a{2,}", ["a aa aaaaa"]), ("x{1,2}?", ["xxx"]),
        ("(a|ab)(c|bcd)(d*)", ["abcd"]), ("(?:a|ab)(?:c|bcd)", ["abcd"]), ("(a|b)*?c", ["ababc"]),
        ("((a|b)c|a(b|c))+d", ["acabd"]), ("(?:年|年度)报告", ["年度报告"]),
        ("\\d+", ["١٢٣ ٣ 12 ０１ 𝟎𝟏"]), ("\\D+", ["a١b"]),
        ("\\s+", ["a\u{3000}b\u{A0}c\u{1C}d\u{85}e\u{200B}f\t\n"]), ("\\S", ["\u{3000}a"]),
        ("\\w+", ["abc_中文٣\u{200C}x-y"]), ("\\W", ["a-b"]),
        ("[一-龥]+", ["中文abc汉字"]), ("[^一-龥]+", ["中文abc汉字"]), ("[〇零一二三四五六七八九]{4}年", ["二〇二五年 2025年"]),
        ("[\\d年]+", ["2025年度"]), ("[^\\s\\d]", [" 1a"]), ("[a\\-z]", ["-b"]), ("[\\x{1F600}-\\x{1F64F}]", ["😀😐"]),
        ("\\x41\\x{1F600}\\u0042", ["A😀B"]), ("\\t\\e\\a\\f", ["\t\u{1B}\u{07}\u{0C}"]),
        ("\\(待填\\)|\\[待填\\]", ["(待填)[待填]"]), ("\\.\\\\\\/\\-\\:", [".\\/-:"]),
        ("(初审|复审)\\s?:\\s?(?=初审|复审|$)", ["初审: 复审:\n初审:"]),
        ("(?=a)", ["aba"]), ("(?!a)", ["aba"]), ("(?=(?!b)a)a", ["ab"]), ("a(?=b|$)", ["ab a\na"]),
        ("𠀀+", ["𠀀𠀀a𠀀"]), ("😀|😁", ["😁😀"]), ("a{0}", ["aa"]),
    ]

    @Test func edgeCasesMatchICU() {
        for (pattern, texts) in Self.edgeCases {
            let problem = Self.difference(pattern, texts)
            #expect(problem == nil, "\(problem ?? "")")
        }
    }

    // MARK: Random patterns

    static let atoms = ["a", "b", "年", "1", "\\n", " ", "𠀀", ".", "\\d", "\\s", "\\w", "\\W", "\\r", "[ab]", "[^a年]",
                        "[a-c1]", "[\\d年]", "[^\\s]", "[𠀀-𠀂b]", "\\x{20000}", "\\u5E74", "[\\n\\r]", "[^\\n]", "\\x{85}"]
    static let anchors = ["^", "$", "\\A", "\\z", "\\Z"]
    static let quantifiers = ["*", "+", "?", "{2}", "{1,}", "{0,2}", "{1,3}", "*?", "+?", "??", "{1,2}?", "{2,}?"]
    static let textAlphabet = ["a", "b", "年", "1", "\n", " ", "𠀀", "\r", "٣", "\u{3000}", "\u{2028}", "ab", "a",
                               "\r\n", "\u{85}", "\u{0B}"]

    static func randomPattern(_ g: inout SeededGenerator, depth: Int) -> String {
        let pieces = Int.random(in: 1...3, using: &g)
        var out = ""
        for _ in 0..<pieces {
            var atom: String
            switch Int.random(in: 0..<20, using: &g) {
            case 0..<11: atom = atoms.randomElement(using: &g)!
            case 11..<13: atom = anchors.randomElement(using: &g)!
            case 13..<17 where depth < 3:
                let open = ["(", "(?:", "(", "(?=", "(?!", "(?<=", "(?<!"].randomElement(using: &g)!
                let alternatives = (0..<Int.random(in: 1...3, using: &g)).map { _ in randomPattern(&g, depth: depth + 1) }
                atom = open + alternatives.joined(separator: "|") + ")"
            default: atom = atoms.randomElement(using: &g)! + atoms.randomElement(using: &g)!
            }
            if Int.random(in: 0..<3, using: &g) == 0 { atom += quantifiers.randomElement(using: &g)! }
            out += atom
        }
        if depth == 0, Int.random(in: 0..<4, using: &g) == 0 { out += "|" + randomPattern(&g, depth: 1) }
        return out
    }

    /// `BYTEREGEX_RANDOM_CASES=100000 BYTEREGEX_RANDOM_SEED=7 swift test --filter randomPatterns` for a deeper run.
    @Test func randomPatternsMatchICU() {
        let environment = ProcessInfo.processInfo.environment
        var g = SeededGenerator(state: environment["BYTEREGEX_RANDOM_SEED"].flatMap { UInt64($0) } ?? 20_251_122)
        let cases = environment["BYTEREGEX_RANDOM_CASES"].flatMap { Int($0) } ?? 6000
        var compared = 0, rejected = 0
        var problems: [String] = []
        for _ in 0..<cases {
            let pattern = Self.randomPattern(&g, depth: 0)
            let texts = (0..<4).map { _ in
                (0..<Int.random(in: 0...10, using: &g)).map { _ in Self.textAlphabet.randomElement(using: &g)! }.joined()
            }
            guard (try? ByteRegex(pattern)) != nil else { rejected += 1; continue }
            compared += 1
            if let problem = Self.difference(pattern, texts), problems.count < 20 { problems.append(problem) }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(compared >= cases / 2, "only \(compared) random patterns compiled (\(rejected) rejected)")
    }

    /// Rule-like patterns (alternations of words from the reports, gaps, numbers, classes) on the whole sample
    /// reports: the guards and start filters meet real Chinese text.
    @Test func randomRuleLikePatternsMatchICUOnSampleReports() throws {
        let reports = Self.sampleTexts()
        let document = reports.joined(separator: "\n")
        let chinese = Array(document.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) })
        try #require(chinese.count > 1000)
        var g = SeededGenerator(state: 42)
        func word() -> String {
            let start = Int.random(in: 0..<(chinese.count - 3), using: &g)
            return String(String.UnicodeScalarView(chinese[start..<(start + Int.random(in: 1...3, using: &g))]))
        }
        func piece() -> String {
            switch Int.random(in: 0..<8, using: &g) {
            case 0: return "(" + (0..<Int.random(in: 2...5, using: &g)).map { _ in word() }.joined(separator: "|") + ")"
            case 1: return ".{0,\(Int.random(in: 1...30, using: &g))}" + (Bool.random(using: &g) ? "?" : "")
            case 2: return ["\\d+", "\\d{4}", "\\d+(\\.\\d+)?", "\\s?", "\\s*", "[^，。]{1,8}"].randomElement(using: &g)!
            case 3: return "[" + (0..<Int.random(in: 2...6, using: &g)).map { _ in word().prefix(1) }.joined() + "]"
            case 4: return "(" + word() + ")?"
            case 5: return ["^", "$", "(?<![\\d])", "(?=\\d|年)", "(?!的)"].randomElement(using: &g)!
            default: return word()
            }
        }
        var problems: [String] = []
        for _ in 0..<300 {
            var pattern = ""
            repeat { pattern += piece() } while pattern.unicodeScalars.count < 4 || Bool.random(using: &g)
            if let problem = Self.difference(pattern, [document]) { problems.append(problem) }
        }
        #expect(problems.isEmpty, "\(problems.prefix(5).joined(separator: "\n"))")
    }

    // MARK: Refusals

    @Test func unsupportedConstructsThrow() {
        let unsupported = [
            "a++", "a*+", "(?>a)", "\\b", "\\B", "(a)\\1", "(?<name>a)", "(?i)a", "(?i:a)", "\\p{L}", "\\P{L}", "[[:alpha:]]",
            "[[a-z]&&[^e]]", "[a[b]]", "[a-z--[e]]", "\\Qa.b\\E", "\\N{DIGIT ONE}", "\\cA", "\\0101", "\\h", "\\v", "\\R",
            "\\X", "\\G", "\\uD83D", "\\x{D800}", "(?:a?)*", "(a|)+", "()*", "^*", "(?=a)+", "(?<=a+)b", "(?<=a*)b",
            "(?<=^a)b", "(?<=a??)b", "(?<=a(?=b))b", "a{1001}", "[-a]", "[a-]", "[]a]", "[a-b-c]", "[\\d-z]", "[a{]", "\\y", "\\年",
            "(?#comment)a", "(?x)a b",
        ]
        for pattern in unsupported {
            #expect(throws: ByteRegex.Unsupported.self, "\(pattern)") { try ByteRegex(pattern) }
        }
    }

    @Test func patternsICURejectsThrow() {
        let invalid = ["", "(", "a)", "[a", "a\\", "*a", "a{", "a{,3}", "}", "a{2,1}", "a**", "a{2}{3}", "a|*", "(*)", "[z-a]",
                       "[]", "[^]", "\\x{110000}", "\\u004", "\\x{}", "(?<=a+)b"]
        for pattern in invalid {
            #expect(Self.icuMatches(pattern, "a") == nil, "ICU accepts \(pattern)")
            #expect(throws: ByteRegex.Unsupported.self, "\(pattern)") { try ByteRegex(pattern) }
        }
    }

    // MARK: Unicode tables

    /// `\d`, `\s`, `\w` and `.` over every scalar, as ICU sees them: the generated tables must not go stale when
    /// Foundation's ICU is updated.
    @Test func unicodeTablesMatchICU() throws {
        var scalars = String.UnicodeScalarView()
        for v in UInt32(0)...0x10FFFF { if let s = Unicode.Scalar(v) { scalars.append(s) } }
        let text = String(scalars)
        for pattern in ["\\d", "\\s", "\\w", ".", "\\D", "\\W", "[^\\s\\d]"] {
            let expected = try #require(Self.icuMatches(pattern, text))
            #expect(Self.byteMatches(try ByteRegex(pattern), text) == expected, "\(pattern)")
        }
    }

    /// The tables are ICU's, not `Unicode.Scalar.Properties`': Swift's standard library is on a newer Unicode
    /// version here. They may differ only on scalars that ICU still considers unassigned.
    @Test func unicodeTablesDifferFromSwiftPropertiesOnlyOnScalarsNewToSwift() throws {
        var scalars = String.UnicodeScalarView()
        for v in UInt32(0)...0x10FFFF { if let s = Unicode.Scalar(v) { scalars.append(s) } }
        let text = String(scalars)
        let ns = text as NSString
        let unassigned = try NSRegularExpression(pattern: "\\p{Cn}")
            .matches(in: text, range: NSRange(location: 0, length: ns.length))
        let unassignedInICU = Set(unassigned.compactMap { ns.substring(with: $0.range).unicodeScalars.first?.value })
        let marks: Set<Unicode.GeneralCategory> = [.nonspacingMark, .spacingMark, .enclosingMark]
        let checks: [(ScalarSet, (Unicode.Scalar) -> Bool)] = [
            (.digit, { $0.properties.generalCategory == .decimalNumber }),
            (.space, { $0.properties.isWhitespace }),
            (.word, { s in
                let p = s.properties
                return p.isAlphabetic || marks.contains(p.generalCategory) || p.generalCategory == .decimalNumber
                    || p.generalCategory == .connectorPunctuation || s.value == 0x200C || s.value == 0x200D
            }),
        ]
        for (table, swiftProperty) in checks {
            let differing = text.unicodeScalars.filter { table.contains($0.value) != swiftProperty($0) }
            let assignedInICU = differing.filter { !unassignedInICU.contains($0.value) }
            #expect(assignedInICU.isEmpty, "\(assignedInICU.prefix(10).map { String($0.value, radix: 16) })")
        }
    }

    // MARK: Limits

    @Test func limitCapsTheMatchCount() throws {
        #expect(Self.byteMatches(try ByteRegex("a"), "aaaa", limit: 2) == [0..<1, 1..<2])
    }

    @Test func stepCapStopsCatastrophicBacktracking() throws {
        let regex = try ByteRegex("(a|aa)*b")
        var text = String(repeating: "a", count: 40)
        let scan = text.withUTF8 { regex.scan($0, limit: 10, stepLimit: 1_000_000) }
        #expect(scan.wasCut)
        #expect(scan.ranges.isEmpty)
    }

    @Test func deadlineStopsCatastrophicBacktracking() throws {
        let regex = try ByteRegex("(a|aa)*b")
        var text = "ab " + String(repeating: "a", count: 40)
        let scan = Deadline.$current.withValue(Deadline(milliseconds: 50)) {
            text.withUTF8 { regex.scan($0, limit: 10) }
        }
        #expect(scan.wasCut)
        #expect(scan.ranges == [0..<2])
    }
}
