import Foundation
import ReportCheck
import Testing

/// The stats taken ahead on another thread are the stats the reusing thread would take: for files, for missing
/// paths, for inputs that are not files; and an index not reached yet answers nil (the caller stats it itself).
@Suite struct StatPrefetchTests {
    @Test func prefetchedStatsEqualDirectOnes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prefetch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var paths: [String?] = []
        for i in 0..<300 {
            let p = dir.appendingPathComponent(String(format: "%03d.txt", i)).path
            if i % 7 == 3 {
                paths.append(p)  // never created: missing
            } else if i % 11 == 5 {
                paths.append(nil)  // not a file input (standard input, a missing directory entry)
            } else {
                try Data(repeating: UInt8(i % 251), count: i).write(to: URL(fileURLWithPath: p))
                paths.append(p)
            }
        }
        let inputs = InputList(paths.enumerated().map { i, p in
            p.map { .file($0) } ?? (i % 2 == 0 ? .stdin : .missing("gone-\(i)", reason: "no such file or directory"))
        })
        let prefetch = StatPrefetch(inputs: inputs)
        var answered = 0
        for _ in 0..<2_000 where answered < paths.count {
            answered = 0
            for i in paths.indices where prefetch.stat(at: i) != nil { answered += 1 }
            usleep(1_000)
        }
        #expect(answered == paths.count, "the prefetcher never got through")
        for (i, path) in paths.enumerated() {
            let got = try #require(prefetch.stat(at: i))
            #expect(got == path.flatMap { ResultCache.FileStat.of(path: $0) }, "input \(i)")
        }
    }
}
