import CSQLite
import Foundation

/// The incremental cache of `check --cache PATH`: one SQLite file holding, per report path, the last result with
/// its key (content hash, configuration key = pack digest + options, tool build) and the file's stat
/// (size, mtime, inode), plus a record of every run so outputs can say what changed since the previous one.
///
/// - Lookups are made by the worker threads (`lookup`) and, for the inputs a warm rerun reuses in order, by the
///   delivering thread (`lookupInOrder`, rows read ahead); writes (`record`) by the delivering thread. One connection,
///   serialized by a lock; writes are buffered and committed in transactions of `batchSize` reports (or at least once a second), so a run killed
///   at any point leaves a consistent database (SQLite rolls back the open transaction) that keeps everything
///   committed before the kill: the next run reuses it and finishes the job.
/// - A run counts as "previous" for the change report only once it completed (`finishRun`), so an interrupted run
///   followed by a rerun reports the same changes as one uninterrupted run.
/// - A status row is written only when a report's status differs from the one it had at the end of the last
///   completed run (callers skip `record` otherwise): the latest completed row of a path is its status, so a
///   nightly rerun where little changed writes little.
public final class ResultCache: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// What a cheap `stat` tells about a file; equal stats mean the content hash recorded with it still holds.
    public struct FileStat: Sendable, Equatable {
        public var size: Int64
        public var mtimeNanoseconds: Int64
        public var inode: Int64

        public init(size: Int64, mtimeNanoseconds: Int64, inode: Int64) {
            self.size = size
            self.mtimeNanoseconds = mtimeNanoseconds
            self.inode = inode
        }

        public static func of(path: String) -> FileStat? {
            var st = stat()
            guard stat(path, &st) == 0 else { return nil }
            return FileStat(st)
        }

        init(_ st: stat) {
            self.init(size: Int64(st.st_size),
                      mtimeNanoseconds: Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec),
                      inode: Int64(st.st_ino))
        }

        /// A file modified within the last two seconds may still be changing within the same mtime tick: its stat is
        /// not trusted, its content is hashed.
        public var isRecentlyModified: Bool {
            let now = Int64(Date().timeIntervalSince1970 * 1e9)
            return now - mtimeNanoseconds < 2_000_000_000
        }
    }

    /// Stats files one after another relative to their directory, kept open while consecutive paths share it
    /// (inputs come sorted, so most do): the kernel resolves one name instead of every component of the path —
    /// a visible part of a warm rerun, which stats every input. For one thread.
    public final class SequentialStat {
        private var directory = ""
        private var fd: Int32 = -1

        public init() {}
        deinit { if fd >= 0 { close(fd) } }

        /// What `FileStat.of(path:)` gives.
        public func of(path: String) -> FileStat? {
            guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else {
                return FileStat.of(path: path)
            }
            let dir = path[..<slash]
            if dir != directory {
                if fd >= 0 { close(fd) }
                directory = String(dir)
                fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            }
            guard fd >= 0 else { return FileStat.of(path: path) }
            var st = stat()
            guard fstatat(fd, String(path[path.utf8.index(after: slash)...]), &st, 0) == 0 else { return nil }
            return FileStat(st)
        }
    }

    /// The stored row for a path.
    public struct Entry: Sendable {
        public var stat: FileStat
        public var contentHash: String
        public var config: String
        /// The result's JSON as UTF-8: a reused report's JSON is copied to the output as it is, so it is never
        /// turned into a String (validating 10,000 of them was a visible part of a warm rerun).
        public var json: [UInt8]
        /// Verdict and counted failures (`CachedSummary`), so a reused report need not be decoded from JSON.
        public var summary: String
    }

    /// The state of a report at the end of the last completed run that checked it.
    public struct PreviousStatus: Sendable, Equatable {
        public var verdict: String
        /// Ids of the rules that failed, space-separated.
        public var failing: String

        public init(verdict: String, failing: String) {
            self.verdict = verdict
            self.failing = failing
        }
    }

    public let path: String
    public var batchSize = 256
    private let lock = NSLock()
    private var db: OpaquePointer?
    /// Prepared statements by the address of their SQL literal: hashing the SQL text for every lookup (two per
    /// report) was a visible part of a warm rerun.
    private var statements: [UnsafeRawPointer: OpaquePointer] = [:]
    private var pending: [(path: String, stat: FileStat?, hash: String, config: String, json: [UInt8], summary: String,
                           verdict: String, failing: String)] = []
    private(set) public var runID: Int64 = 0
    private var lastFlush = DispatchTime.now().uptimeNanoseconds
    /// `lookupInOrder`'s rows read ahead.
    var ordered = OrderedLookups()

    /// Opens (creating when needed) the cache at `path`.
    public init(path: String) throws {
        self.path = path
        var handle: OpaquePointer?
        let rc = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let handle else {
            let msg = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(handle)
            throw Failure(description: "cannot open cache \(path): \(msg)")
        }
        db = handle
        sqlite3_busy_timeout(handle, 30_000)
        do {
            // 16 KB pages (for a new cache; an existing one keeps its size): a cached result's compact JSON, ~5 KB,
            // fits in its leaf page instead of spilling into an overflow page read on its own. Warm rerun, 1%
            // changed: 0.197 -> 0.187 s (median of 30 alternating runs); 64 KB pages gained less (each changed
            // report rewrites a whole page into the WAL).
            try exec("PRAGMA page_size=16384")
            // WAL: readers never block the writer; synchronous=NORMAL is durable at checkpoints and never corrupts.
            // One run owns the cache: an exclusive lock taken once spares the file-lock calls SQLite otherwise makes
            // around every lookup (four per report). A second run on the same cache waits, then fails as busy.
            try exec("PRAGMA locking_mode=EXCLUSIVE")
            try exec("PRAGMA journal_mode=WAL")
            try exec("PRAGMA synchronous=NORMAL")
            try exec("""
                CREATE TABLE IF NOT EXISTS results_v2 (
                    path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, inode INTEGER,
                    content_hash TEXT NOT NULL, config TEXT NOT NULL, json TEXT NOT NULL, summary TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS runs (
                    id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL, complete INTEGER NOT NULL DEFAULT 0,
                    config TEXT, reports INTEGER, passed INTEGER, failed INTEGER, errors INTEGER);
                CREATE TABLE IF NOT EXISTS status (
                    path TEXT NOT NULL, run INTEGER NOT NULL, verdict TEXT NOT NULL, failing TEXT NOT NULL,
                    PRIMARY KEY (path, run)) WITHOUT ROWID;
                """)
        } catch {
            sqlite3_close(handle)
            db = nil
            throw error
        }
    }

    deinit {
        for (_, s) in statements { sqlite3_finalize(s) }
        sqlite3_close(db)
    }

    // MARK: runs

    /// Records the start of a run; its results count as "previous" only after `finishRun`.
    public func beginRun(config: String) throws {
        lock.lock(); defer { lock.unlock() }
        try exec("INSERT INTO runs (started, config) VALUES (\(Date().timeIntervalSince1970), '\(config.filter(\.isHexDigit))')")
        runID = sqlite3_last_insert_rowid(db)
    }

    /// Commits what is pending, marks the run complete and drops older statuses of the reports it checked.
    public func finishRun(reports: Int, passed: Int, failed: Int, errors: Int) throws {
        lock.lock(); defer { lock.unlock() }
        try flushLocked()
        try exec("BEGIN IMMEDIATE")
        do {
            try exec("""
                UPDATE runs SET finished = \(Date().timeIntervalSince1970), complete = 1, reports = \(reports),
                    passed = \(passed), failed = \(failed), errors = \(errors) WHERE id = \(runID)
                """)
            try exec("DELETE FROM status WHERE run < \(runID) AND path IN (SELECT path FROM status WHERE run = \(runID))")
            try exec("COMMIT")
        } catch {
            try? exec("ROLLBACK")
            throw error
        }
        _ = sqlite3_wal_checkpoint_v2(db, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
    }

    /// The last completed run before this one: when it finished, and how many reports it checked.
    public func previousRun() -> (finished: Date, reports: Int)? {
        lock.lock(); defer { lock.unlock() }
        guard let s = try? statement("SELECT finished, reports FROM runs WHERE complete = 1 AND id < ?1 ORDER BY id DESC LIMIT 1") else { return nil }
        defer { sqlite3_reset(s) }
        sqlite3_bind_int64(s, 1, runID == 0 ? Int64.max : runID)
        guard sqlite3_step(s) == SQLITE_ROW else { return nil }
        return (Date(timeIntervalSince1970: sqlite3_column_double(s, 0)), Int(sqlite3_column_int64(s, 1)))
    }

    // MARK: lookups (worker threads; `lookupInOrder` in ResultCache+ReadAhead.swift)

    public func entry(for path: String) -> Entry? {
        lock.lock(); defer { lock.unlock() }
        return entryLocked(path)
    }

    /// The cached result and the previous status of `path` in one lock acquisition (the worker threads' lookups
    /// otherwise contend for the connection twice per report).
    public func lookup(_ path: String) -> (entry: Entry?, previous: PreviousStatus?) {
        lock.lock(); defer { lock.unlock() }
        return (entryLocked(path), previousStatusLocked(path))
    }

    private func entryLocked(_ path: String) -> Entry? {
        guard let s = try? statement("SELECT size, mtime, inode, content_hash, config, json, summary FROM results_v2 WHERE path = ?1") else { return nil }
        defer { sqlite3_reset(s) }
        bind(s, 1, path)
        guard sqlite3_step(s) == SQLITE_ROW else { return nil }
        return Entry(stat: FileStat(size: sqlite3_column_int64(s, 0), mtimeNanoseconds: sqlite3_column_int64(s, 1),
                                    inode: sqlite3_column_int64(s, 2)),
                     contentHash: text(s, 3), config: text(s, 4), json: bytes(s, 5), summary: text(s, 6))
    }

    /// The status of `path` at the end of the last completed run that checked it (nil: a new report).
    public func previousStatus(of path: String) -> PreviousStatus? {
        lock.lock(); defer { lock.unlock() }
        return previousStatusLocked(path)
    }

    func previousStatusLocked(_ path: String) -> PreviousStatus? {
        guard let s = try? statement("""
            SELECT s.verdict, s.failing FROM status s JOIN runs r ON r.id = s.run
            WHERE s.path = ?1 AND r.complete = 1 AND s.run <> ?2 ORDER BY s.run DESC LIMIT 1
            """) else { return nil }
        defer { sqlite3_reset(s) }
        bind(s, 1, path)
        sqlite3_bind_int64(s, 2, runID)
        guard sqlite3_step(s) == SQLITE_ROW else { return nil }
        return PreviousStatus(verdict: text(s, 0), failing: text(s, 1))
    }

    // MARK: writes (delivering thread)

    /// Stores a report's result and its status in this run (buffered; committed every `batchSize` reports).
    /// `stat` nil (standard input, unreadable file): only the status is recorded.
    public func record(path: String, stat: FileStat?, contentHash: String, config: String, json: [UInt8],
                       summary: String, verdict: String, failing: String) throws {
        lock.lock(); defer { lock.unlock() }
        pending.append((path, stat, contentHash, config, json, summary, verdict, failing))
        let now = DispatchTime.now().uptimeNanoseconds
        if pending.count >= batchSize || now - lastFlush > 1_000_000_000 { try flushLocked() }
    }

    public func flush() throws {
        lock.lock(); defer { lock.unlock() }
        try flushLocked()
    }

    private func flushLocked() throws {
        lastFlush = DispatchTime.now().uptimeNanoseconds
        guard !pending.isEmpty else { return }
        try exec("BEGIN IMMEDIATE")
        do {
            let upsert = try statement("""
                INSERT INTO results_v2 (path, size, mtime, inode, content_hash, config, json, summary)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime = excluded.mtime, inode = excluded.inode,
                    content_hash = excluded.content_hash, config = excluded.config, json = excluded.json,
                    summary = excluded.summary
                """)
            let status = try statement("INSERT OR REPLACE INTO status (path, run, verdict, failing) VALUES (?1, ?2, ?3, ?4)")
            for p in pending {
                if let st = p.stat {
                    bind(upsert, 1, p.path)
                    sqlite3_bind_int64(upsert, 2, st.size)
                    sqlite3_bind_int64(upsert, 3, st.mtimeNanoseconds)
                    sqlite3_bind_int64(upsert, 4, st.inode)
                    bind(upsert, 5, p.hash)
                    bind(upsert, 6, p.config)
                    bind(upsert, 7, bytes: p.json)
                    bind(upsert, 8, p.summary)
                    try step(upsert)
                }
                bind(status, 1, p.path)
                sqlite3_bind_int64(status, 2, runID)
                bind(status, 3, p.verdict)
                bind(status, 4, p.failing)
                try step(status)
            }
            try exec("COMMIT")
        } catch {
            try? exec("ROLLBACK")
            pending.removeAll()
            throw error
        }
        pending.removeAll(keepingCapacity: true)
    }

    // MARK: SQLite helpers (call with the lock held)

    func withLock<T>(_ body: () -> T) -> T {
        lock.lock(); defer { lock.unlock() }
        return body()
    }

    private func exec(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(db, sql, nil, nil, &err) != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(err)
            throw Failure(description: "cache \(path): \(msg)")
        }
    }

    func statement(_ sql: StaticString) throws -> OpaquePointer {
        let key = UnsafeRawPointer(sql.utf8Start)
        if let s = statements[key] { return s }
        var s: OpaquePointer?
        let rc = sql.withUTF8Buffer { text in
            text.withMemoryRebound(to: CChar.self) { sqlite3_prepare_v2(db, $0.baseAddress, Int32($0.count), &s, nil) }
        }
        guard rc == SQLITE_OK, let s else {
            throw Failure(description: "cache \(path): \(String(cString: sqlite3_errmsg(db)))")
        }
        statements[key] = s
        return s
    }

    private func step(_ s: OpaquePointer) throws {
        let rc = sqlite3_step(s)
        sqlite3_reset(s)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else {
            throw Failure(description: "cache \(path): \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    func bind(_ s: OpaquePointer, _ i: Int32, _ v: String) {
        sqlite3_bind_text(s, i, v, -1, csqlite_transient())
    }

    func bind(_ s: OpaquePointer, _ i: Int32, bytes: [UInt8]) {
        guard !bytes.isEmpty else { sqlite3_bind_text(s, i, "", 0, csqlite_transient()); return }
        bytes.withUnsafeBytes { raw in
            _ = sqlite3_bind_text(s, i, raw.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(raw.count), csqlite_transient())
        }
    }

    func bytes(_ s: OpaquePointer, _ i: Int32) -> [UInt8] {
        guard let p = sqlite3_column_blob(s, i) else { return [] }
        let n = Int(sqlite3_column_bytes(s, i))
        return Array(UnsafeRawBufferPointer(start: p, count: n).bindMemory(to: UInt8.self))
    }

    func text(_ s: OpaquePointer, _ i: Int32) -> String {
        guard let p = sqlite3_column_text(s, i) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
    }
}

/// A fast 128-bit content hash (two multiply-xorshift lanes over 8-byte words; not cryptographic: cache keys only).
public enum ContentHash {
    public static func of(_ bytes: [UInt8]) -> String {
        var a: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var b: UInt64 = 0xC2B2_AE3D_27D4_EB4F &+ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            let n = raw.count
            var i = 0
            while i + 8 <= n {
                let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                a = (a ^ w) &* 0xFF51_AFD7_ED55_8CCD
                a ^= a >> 32
                b = (b &+ w) &* 0xC4CE_B9FE_1A85_EC53
                b ^= b >> 29
                i += 8
            }
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n { tail |= UInt64(raw[i]) << shift; shift += 8; i += 1 }
            a = (a ^ tail ^ 0xFF) &* 0xFF51_AFD7_ED55_8CCD
            b = (b &+ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        a ^= a >> 33; a = a &* 0xC4CE_B9FE_1A85_EC53; a ^= a >> 33
        b ^= b >> 31; b = b &* 0xFF51_AFD7_ED55_8CCD; b ^= b >> 31
        return hex(a) + hex(b)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
