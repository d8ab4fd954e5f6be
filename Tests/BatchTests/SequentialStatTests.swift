import Foundation
import ReportCheck
import Testing

/// Stats relative to a kept directory descriptor give what a stat of the whole path gives.
@Suite struct SequentialStatTests {
    @Test func equalsAStatOfTheWholePath() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rl-seqstat-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let fm = FileManager.default
        var paths: [String] = []
        for dir in ["a", "a/b", "c"] {
            try fm.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
            for k in 0..<3 {
                let p = root + "/" + dir + "/r\(k).txt"
                try String(repeating: "年度报告", count: k + 1).write(toFile: p, atomically: false, encoding: .utf8)
                paths.append(p)
            }
        }
        try fm.createSymbolicLink(atPath: root + "/c/link.txt", withDestinationPath: root + "/a/r0.txt")
        paths += [root + "/c/link.txt", root + "/c/missing.txt", root + "/a/missing/r0.txt", root + "/nodir/x.txt", "relative.txt"]
        // In order, out of order and back again: the kept descriptor must follow the directory of each path.
        let statter = ResultCache.SequentialStat()
        for path in paths + paths.reversed() + paths {
            #expect(statter.of(path: path) == ResultCache.FileStat.of(path: path), "\(path)")
        }
        #expect(statter.of(path: root + "/c/link.txt") == ResultCache.FileStat.of(path: root + "/a/r0.txt"), "links are followed")
        #expect(statter.of(path: root + "/a/missing/r0.txt") == nil)
    }
}
