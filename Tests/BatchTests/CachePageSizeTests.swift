import CSQLite
import Foundation
import ReportCheck
import Testing

/// A new cache is made with 16 KB pages (a cached result's JSON then fits in its leaf page); a cache made with
/// SQLite's default 4 KB pages by an earlier build keeps them and still serves lookups.
@Suite("Cache page size") struct CachePageSizeTests {
    private static func pageSize(_ path: String) -> Int {
        var handle: OpaquePointer?
        defer { sqlite3_close(handle) }
        guard sqlite3_open(path, &handle) == SQLITE_OK else { return -1 }
        var s: OpaquePointer?
        defer { sqlite3_finalize(s) }
        guard sqlite3_prepare_v2(handle, "PRAGMA page_size", -1, &s, nil) == SQLITE_OK,
              sqlite3_step(s) == SQLITE_ROW else { return -1 }
        return Int(sqlite3_column_int64(s, 0))
    }

    private static func store(_ cache: ResultCache, json: String) throws {
        try cache.beginRun(config: "ab")
        try cache.record(path: "/r/a.txt", stat: .init(size: 1, mtimeNanoseconds: 2, inode: 3), contentHash: "h",
                         config: "c", json: Array(json.utf8), summary: "s", verdict: "fail", failing: "x")
        try cache.finishRun(reports: 1, passed: 0, failed: 1, errors: 0)
    }

    @Test func newCacheUses16KBPagesAndRoundTripsATypicalResult() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/new.db"
        let json = String(repeating: "{\"rule\":\"报告应当载明\"}", count: 200)  // ~5 KB, a typical result
        do {
            let cache = try ResultCache(path: path)
            try Self.store(cache, json: json)
        }
        #expect(Self.pageSize(path) == 16384)
        let reopened = try ResultCache(path: path)
        #expect(reopened.entry(for: "/r/a.txt").map { String(decoding: $0.json, as: UTF8.self) } == json)
    }

    @Test func existingCacheWith4KBPagesKeepsThemAndStillWorks() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/old.db"
        var handle: OpaquePointer?
        #expect(sqlite3_open(path, &handle) == SQLITE_OK)
        #expect(sqlite3_exec(handle, "PRAGMA page_size=4096; CREATE TABLE t (x)", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(handle)
        let json = String(repeating: "{\"k\":1}", count: 1000)
        do {
            let cache = try ResultCache(path: path)
            try Self.store(cache, json: json)
        }
        #expect(Self.pageSize(path) == 4096)
        let reopened = try ResultCache(path: path)
        #expect(reopened.entry(for: "/r/a.txt")?.json.count == json.utf8.count)
        #expect(reopened.previousStatus(of: "/r/a.txt") == ResultCache.PreviousStatus(verdict: "fail", failing: "x"))
    }
}
