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
