import Testing
@testable import ReportNormalizer

/// The one-pass `NeedleSet` (used for chrome and header-line tests) against one memmem per needle.
@Suite struct NeedleSetTests {
    static let needles = ["当前位置", "版权所有", "ICP备", "©", "Copyright", "返回首页", "【打印】", "[关闭]", "字号:", "登录",
                          "上一篇", "nav", "menu"]
    static let noise = ["上", "一", "篇", "当前", "位置", "版", "I", "C", "P", "备", "©", "Copy", "right", "【", "】", "[",
                        "关闭", "字号", ":", "登", "录", "n", "a", "v", "m", "e", "u", " ", "法治", "\u{A9}", "😀"]

    @Test func matchesAgreeWithMemmem() {
        let set = NeedleSet(Self.needles)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let s = (0..<Int.random(in: 0...12, using: &rng)).map { _ in Self.noise.randomElement(using: &rng)! }
                .joined()
            let want = Self.needles.indices.filter { s.containsBytes(Self.needles[$0]) }
            let mask = s.withBytes { set.matchMask(in: $0) }
            let got = Self.needles.indices.filter { mask & (1 << UInt64($0)) != 0 }
            let first = s.withBytes { set.firstMatch(in: $0) }
            #expect(got == want, "\(s)")
            #expect((first != nil) == !want.isEmpty && (first.map { want.contains($0) } ?? true), "\(s)")
            if got != want { return }
        }
    }
}
