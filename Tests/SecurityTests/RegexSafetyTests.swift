import Foundation
import Testing
import ReportCheck
import ReportDocument
import ReportNormalizer
@testable import RuleEngine

/// Catastrophic regexes in rule packs: rejected at load when recognisable, bounded at run time anyway.
@Suite struct RegexSafetyTests {
    static func pack(heading: String) -> String {
        """
        id: evil
        version: "1"
        sections:
          results:
            heading: ["主要举措"]
        rules:
          - id: evil-rule
            title: 测试
            severity: error
            basis: 无
            hint: 无
            pass_if:
              text: ["正文", "\(heading)"]
            message: 缺少
        """
    }

    @Test(arguments: ["(a+)+$", "(a*)*", "(?:x+y*)+z", "(a+){2,}", "((ab)+c)*", "(\\d+)+年", "([一二三]+、)+",
                      "(.*a){1,}", "(a|b+)*"])
    func nestedUnboundedQuantifiersAreFound(pattern: String) {
        #expect(RegexSafety.problem(in: pattern) != nil, "\(pattern)")
    }

    @Test(arguments: ["第[一二三四五六七八九十百零]+条", "(\\d{4})年", "(一|二|三)、", "（[一二三]+）", "a+b+c*",
                      "(ab){2,5}", "[(a+)+]", "\\(a+\\)+", "(a++)+", "(?:年度)?报告", "\\Q(a+)+\\E",
                      "20[0-9]{2}年(度)?", "(\\s*)"])
    func safePatternsPass(pattern: String) {
        #expect(RegexSafety.problem(in: pattern) == nil, "\(pattern): \(RegexSafety.problem(in: pattern)?.message ?? "")")
    }

    @Test func catastrophicRegexIsRejectedAtLoadWithItsPosition() throws {
        do {
            _ = try RuleSetLoader.load(packText: Self.pack(heading: "re:(a+)+$"), path: "Rules/evil/pack.yml")
            Issue.record("the pack should be rejected")
        } catch {
            #expect(error.file == "Rules/evil/pack.yml")
            #expect(error.line == 13)
            #expect(error.column > 1)
            #expect(error.description.hasPrefix("Rules/evil/pack.yml:13:"))
            #expect(error.message.contains("re:(a+)+$"))
            #expect(error.message.contains("catastrophic backtracking"))
        }
    }

    @Test func rejectedFromAFileOnDiskToo() throws {
        let dir = Paths.tempDir().appendingPathComponent("evil")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try Data(Self.pack(heading: "re:(a+)+$").utf8).write(to: dir.appendingPathComponent("pack.yml"))
        #expect(throws: PackLoadError.self) { try RuleSetLoader.load([dir.path]) }
    }

    @Test func builtinPacksPassTheCheck() throws {
        _ = try RuleSetLoader.load(RuleSetLoader.builtinPackIDs)
    }

    /// A pattern the static check does not recognise ((a|aa)+ is exponential too) is stopped by the time budget.
    @Test func unrecognisedCatastrophicRegexIsBoundedByTheBudget() throws {
        let pattern = "re:(a|aa)+$"
        #expect(RegexSafety.problem(in: String(pattern.dropFirst(3))) == nil)
        let set = try RuleSetLoader.load(packText: Self.pack(heading: pattern), path: "evil.yml")
        var checker = ReportChecker(ruleSet: set)
        checker.limits.timeBudgetMilliseconds = 300
        let text = "某单位2025年度法治政府建设情况报告\n一、主要举措和成效\n" + String(repeating: "a", count: 60) + "b\n"
        let start = ContinuousClock.now
        let result = checker.check(bytes: Array(text.utf8), path: "slow.txt", format: .text)
        let elapsed = ContinuousClock.now - start
        #expect(elapsed < .seconds(5), "took \(elapsed)")
        #expect(result.verdict == .error)
        #expect(result.error?.contains("time budget of 300 ms exceeded") == true, "\(result.error ?? "nil")")
    }

    /// A repeated group backtracks one frame per repetition: on 3 MB of "abab…" the byte engine stops at its frame
    /// cap (12 MB) quickly instead of growing the worker by 100 MB or running for hours. The answer is bounded, not
    /// complete — the "c" at the very end is never reached — as with ICU's own stack limit before.
    @Test func repeatedGroupOnAHugeBlockStopsAtTheFrameCap() throws {
        let set = try PatternSet(["re:(a|b)*c"])
        let text = String(repeating: "ab", count: 1_500_000) + "xc"
        let start = ContinuousClock.now
        #expect(set.matches(in: text).isEmpty)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(set.matches(in: "ababc").map { [$0.start, $0.end] } == [[0, 5]])
    }

    @Test func regexSeesOnlyACappedPrefixOfAHugeBlock() throws {
        let set = try PatternSet(["re:尾巴"])
        let text = String(repeating: "字", count: RegexSafety.maxInputUTF16 + 10) + "尾巴"
        #expect(set.matches(in: text).isEmpty)
        #expect(try PatternSet(["尾巴"]).matches(in: text).count == 1)   // literals see everything
        #expect(set.matches(in: "前面尾巴").count == 1)
    }

    @Test func overlappingLiteralMatchesOnALongRunStayLinear() throws {
        let set = try PatternSet(["XX", "XXXX", "XXXXXXXX"])
        let text = String(repeating: "X", count: 500_000)
        let start = ContinuousClock.now
        let matches = set.matches(in: text)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(matches.count == PatternSet.matchLimit)
        #expect(matches.allSatisfy { $0.end - $0.start >= 2 && $0.start >= 0 })
    }
}
