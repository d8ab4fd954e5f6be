import Foundation
import Testing
@testable import RuleEngine

/// The cached path standardization behind fingerprints must give exactly what `NSString.standardizingPath` gives,
/// symbolic links included, or baselines written before would stop matching.
@Suite struct FingerprintPathTests {
    @Test func cachedStandardizationEqualsFoundations() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rl-fp-\(UUID().uuidString)").path
        let fm = FileManager.default
        try fm.createDirectory(atPath: root + "/real/sub", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: root) }
        for name in ["real/a.txt", "real/sub/b.html"] { fm.createFile(atPath: root + "/" + name, contents: Data("x".utf8)) }
        try fm.createSymbolicLink(atPath: root + "/linkdir", withDestinationPath: root + "/real")
        try fm.createSymbolicLink(atPath: root + "/real/link.txt", withDestinationPath: root + "/real/a.txt")
        let paths = [
            root + "/real/a.txt", root + "//real/./a.txt", root + "/real/sub/../a.txt", root + "/linkdir/a.txt",
            root + "/linkdir/sub/b.html", root + "/real/link.txt", root + "/real/missing.txt", root + "/real/sub/.",
            root + "/real/sub/..", "/", "a.txt", "./a.txt", "Samples/../Samples/x.txt", "~/x.txt",
        ]
        for p in paths {
            #expect(StandardizedPaths.shared.standardized(p) == (p as NSString).standardizingPath, "\(p)")
            // twice: the second answer comes from the directory cache
            #expect(StandardizedPaths.shared.standardized(p) == (p as NSString).standardizingPath, "\(p)")
        }
        // relative paths below the working directory
        let cwd = fm.currentDirectoryPath
        for p in ["Samples/000_83d38fe75baf5df9.txt", "./Samples//000_83d38fe75baf5df9.txt", cwd + "/Samples/./000_83d38fe75baf5df9.txt"] {
            #expect(StandardizedPaths.shared.standardized(p) == (p as NSString).standardizingPath, "\(p)")
        }
    }
}

/// Fingerprints are stored in baselines: the piecewise hash must equal the hash of the joined text it replaced.
@Suite struct FingerprintHashTests {
    @Test func piecewiseHashEqualsHashOfJoinedText() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = ["a", "Z", "0", "/", ".", "\u{1F}", "法", "治", "😀", "é", " ", ":"]
        func text() -> String {
            (0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
        }
        for _ in 0..<2_000 {
            let (rule, path, anchor) = (text(), text(), text())
            let joined = "\(rule)\u{1F}\(path)\u{1F}\(anchor)"
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in joined.utf8 { h ^= UInt64(b); h = h &* 0x100_0000_01b3 }
            let s = String(h, radix: 16)
            let expected = String(repeating: "0", count: 16 - s.count) + s
            #expect(Fingerprint.make(rule: rule, normalizedPath: path, anchor: anchor) == expected)
        }
        for v: UInt64 in [0, 1, 0xF, 0x10, UInt64.max, 0x0123_4567_89ab_cdef, 1 << 63] {
            let s = String(v, radix: 16)
            #expect(Fingerprint.hex(v) == String(repeating: "0", count: 16 - s.count) + s)
        }
    }
}
