import Testing
@testable import ReportNormalizer

/// `HeadingDetector.detect` decides long lines on a shorter decoded prefix; it must agree with reading 160 scalars.
@Suite struct HeadingPrefixTests {
    @Test func shortPrefixAgreesWithTheFullOne() {
        let markers = ["第一部分", "第", "一、", "（一）", "(一)", "（1）", "1.", "1、", "２．", "12、", "1.5", "（", "(", "一",
                       "第十二部分", "（ 一 ）"]
        let pieces = ["法治", "建设", "。", "，", "；", "、", " ", "一", "部分", "）", "1", "！", "a", "情况", "二", ".", ":"]
        let safe = ["法治", "建设", "情况", "a", "1", "二", " ", "部分"]
        var rng = SystemRandomNumberGenerator()
        var headings = 0
        for _ in 0..<40_000 {
            var line = markers.randomElement(using: &rng)!
            // Runs of marker scalars, so markers may end anywhere around the short prefix.
            if Int.random(in: 0..<8, using: &rng) == 0 {
                line += String(repeating: ["一", " ", "、"].randomElement(using: &rng)!, count: Int.random(in: 1...90, using: &rng))
            }
            // A title of any length around the limits (40, 60), with no stop in it; then maybe a stop and more text.
            let extra = Bool.random(using: &rng) ? Int.random(in: 0...100, using: &rng) : Int.random(in: 38...62, using: &rng)
            let title = line.unicodeScalars.count + extra
            while line.unicodeScalars.count < title { line += safe.randomElement(using: &rng)! }
            if Bool.random(using: &rng) { line += ["。", "！", "？"].randomElement(using: &rng)! }
            let target = Int.random(in: 0...240, using: &rng)
            while line.unicodeScalars.count < target { line += pieces.randomElement(using: &rng)! }
            let got = line.withBytes { HeadingDetector.detect(bytes: $0) }
            let want = line.withBytes { HeadingDetector.detect(bytes: $0, shortCap: 0) }
            #expect(got == want, "\(line)")
            if got != nil { headings += 1 }
        }
        #expect(headings > 1_000)
    }
}
