import Foundation
import ReportCheck
import Testing

/// `lookupInOrder` (rows read ahead in path order) answers exactly what `lookup` (two point queries) answers, for
/// paths in order, with gaps, out of order and repeated, across several read-ahead chunks and several runs.
@Suite("Cache read-ahead") struct CacheReadAheadTests {
    /// Three runs over 100 stored paths: every third report changes status in run 2, every fifth is checked only in
    /// run 1, and run 3 is left unfinished (it must not count as previous).
    private static func filledCache(_ path: String) throws -> ResultCache {
        do {
            let cache = try ResultCache(path: path)
            for run in 1...3 {
                try cache.beginRun(config: "ab")
                for i in 0..<100 where run == 1 || i % 5 != 0 {
                    let failing = run >= 2 && i % 3 == 0 ? "r\(run)" : "r1"
                    try cache.record(path: Self.name(i), stat: .init(size: Int64(i), mtimeNanoseconds: 7, inode: 1),
                                     contentHash: "h\(i)", config: "c", json: Array("{\"n\":\(i),\"run\":\(run)}".utf8),
                                     summary: "s\(i)", verdict: failing == "r1" ? "pass" : "fail", failing: failing)
                }
                if run < 3 { try cache.finishRun(reports: 100, passed: 0, failed: 0, errors: 0) } else { try cache.flush() }
            }
        }
        let cache = try ResultCache(path: path)
        try cache.beginRun(config: "ab")
        return cache
    }

    /// Paths whose byte order differs from a per-directory walk ("b-c" sorts before "b/" in bytes), and non-ASCII.
    private static func name(_ i: Int) -> String {
        ["/r/b/\(1000 + i).txt", "/r/b-c/\(1000 + i).txt", "/r/报告/\(1000 + i).html"][i % 3]
    }

    private static func describe(_ looked: (entry: ResultCache.Entry?, previous: ResultCache.PreviousStatus?)) -> String {
        let e = looked.entry.map { "\($0.stat.size) \($0.contentHash) \($0.config) \($0.summary) " + String(decoding: $0.json, as: UTF8.self) }
        return "\(e ?? "none") | \(looked.previous.map { "\($0.verdict) \($0.failing)" } ?? "new")"
    }

    @Test func answersWhatPointLookupsAnswer() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = try Self.filledCache(dir + "/c.db")
        let stored = (0..<100).map(Self.name)
        let missing = ["/a.txt", "/r/b/1000.txt0", "/r/zzz.txt", "/r/b-c/0.txt", "/r/报告/1.html", "/z"]
        let sorted = (stored + missing).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // In order; then in a directory walk's order (not byte order); then backwards; then with repeats.
        let walk = (stored + missing).sorted()
        for (n, order) in [sorted, walk, sorted.reversed(), sorted.flatMap { [$0, $0] }].enumerated() {
            let ahead = try Self.filledCache(dir + "/order\(n).db")
            for path in order {
                #expect(Self.describe(ahead.lookupInOrder(path)) == Self.describe(cache.lookup(path)), "\(path)")
            }
        }
        // What the fixture is meant to exercise: stored, missing, changed statuses and new reports.
        #expect(Self.describe(cache.lookup(Self.name(3))).hasSuffix("fail r2"))
        #expect(Self.describe(cache.lookup(Self.name(1))).hasSuffix("pass r1"))
        #expect(cache.lookup("/a.txt").entry == nil)
        #expect(cache.lookup(Self.name(0)).entry.map { String(decoding: $0.json, as: UTF8.self) } == "{\"n\":0,\"run\":1}")
    }

    /// A path with more status rows than one read-ahead holds (runs killed again and again leave theirs behind).
    @Test func aPathWithManyStatusRows() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = ["/r/a.txt", "/r/b.txt", "/r/c.txt"]
        for file in ["/c.db", "/r.db"] {
            let cache = try ResultCache(path: dir + file)
            for run in 0..<(ResultCache.readAheadRows + 8) {
                try cache.beginRun(config: "ab")
                for (k, path) in paths.enumerated() where k == 1 || run == 0 {
                    try cache.record(path: path, stat: .init(size: 1, mtimeNanoseconds: 1, inode: 1), contentHash: "h",
                                     config: "c", json: Array("{}".utf8), summary: "s", verdict: "fail",
                                     failing: "r\(run)")
                }
                // The first and the third run complete; the 37 after them are killed.
                if run == 0 || run == 2 { try cache.finishRun(reports: 3, passed: 0, failed: 3, errors: 0) }
                else { try cache.flush() }
            }
        }
        let cache = try ResultCache(path: dir + "/c.db")
        try cache.beginRun(config: "ab")
        let reference = try ResultCache(path: dir + "/r.db")
        try reference.beginRun(config: "ab")
        for path in paths {
            #expect(Self.describe(cache.lookupInOrder(path)) == Self.describe(reference.lookup(path)), "\(path)")
        }
        #expect(reference.lookup("/r/b.txt").previous?.failing == "r2")
    }

    @Test func staysCorrectAcrossWritesOfEarlierPaths() throws {
        // A batch records each report after asking about it: writes land behind the read-ahead, never in it.
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let cache = try Self.filledCache(dir + "/c.db")
        let reference = try Self.filledCache(dir + "/r.db")
        cache.batchSize = 1
        for i in (0..<100).sorted(by: { Self.name($0).utf8.lexicographicallyPrecedes(Self.name($1).utf8) }) {
            let path = Self.name(i)
            #expect(Self.describe(cache.lookupInOrder(path)) == Self.describe(reference.lookup(path)))
            try cache.record(path: path, stat: .init(size: 1, mtimeNanoseconds: 1, inode: 1), contentHash: "new",
                             config: "c", json: Array("{}".utf8), summary: "s", verdict: "pass", failing: "")
        }
    }
}
