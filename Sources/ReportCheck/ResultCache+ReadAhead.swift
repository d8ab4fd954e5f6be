import CSQLite

/// Lookups in the order of a batch's inputs. A warm rerun asks the cache about every input, one after another, in
/// the order they were listed (sorted): two point queries per input were a third of the delivering thread's time.
/// Here rows are read ahead `readAheadRows` at a time, in path order, with one range query per table, and each
/// input is matched against them; an input out of order starts a new read-ahead at its path.
///
/// Reading ahead cannot see a row written after it was read. It does not need to: a batch asks about each input
/// before that input is handed on, and only inputs handed on are written (`BatchRunner` tries its `quick` path for
/// every input, in order, first).
extension ResultCache {
    static let readAheadRows = 32

    /// Rows of one table read ahead, in path order (byte order of the UTF-8 path, SQLite's BINARY collation).
    struct ReadAhead<Value> {
        var rows: [(path: [UInt8], value: Value)] = []
        var next = 0
        /// The rows hold every row with a path from `start` up to the last row's path — to the end of the table when
        /// `reachedEnd`. nil: nothing read yet.
        var start: [UInt8]?
        var reachedEnd = false

        /// The value stored for `path`; `covered` false when the rows do not tell. Paths must come in increasing
        /// order between two `reset`s.
        mutating func find(_ path: [UInt8]) -> (covered: Bool, value: Value?) {
            guard let start, !path.lexicographicallyPrecedes(start) else { return (false, nil) }
            if !reachedEnd, let last = rows.last?.path, last.lexicographicallyPrecedes(path) { return (false, nil) }
            while next < rows.count, rows[next].path.lexicographicallyPrecedes(path) { next += 1 }
            if next < rows.count, rows[next].path == path { return (true, rows[next].value) }
            return (true, nil)
        }

        mutating func replace(from path: [UInt8], with rows: [(path: [UInt8], value: Value)], reachedEnd: Bool) {
            self.rows = rows
            next = 0
            start = path
            self.reachedEnd = reachedEnd
        }

        mutating func reset() {
            start = nil
        }
    }

    /// Read-ahead state of `lookupInOrder` (guarded by the cache's lock).
    struct OrderedLookups {
        var results = ReadAhead<Entry>()
        var statuses = ReadAhead<PreviousStatus>()
        var lastPath: [UInt8]?
        /// Most rows share their configuration key, and many their summary: one String for each run of equal ones.
        var configs = RepeatedText()
        var summaries = RepeatedText()
    }

    /// A text column's value as a String, the previous one again when the bytes are the same (no allocation, no
    /// UTF-8 validation).
    struct RepeatedText {
        private var bytes: [UInt8] = []
        private var text = ""

        mutating func text(_ s: OpaquePointer, _ column: Int32) -> String {
            guard let p = sqlite3_column_text(s, column) else { return "" }
            let n = Int(sqlite3_column_bytes(s, column))
            let column = UnsafeBufferPointer(start: p, count: n)
            if column.elementsEqual(bytes) { return text }
            bytes = Array(column)
            text = String(decoding: column, as: UTF8.self)
            return text
        }
    }

    /// What `lookup` returns, for paths asked in the order a batch lists its inputs (see above).
    public func lookupInOrder(_ path: String) -> (entry: Entry?, previous: PreviousStatus?) {
        withLock { () -> (Entry?, PreviousStatus?) in
            let key = Array(path.utf8)
            if let last = ordered.lastPath, !last.lexicographicallyPrecedes(key) {
                ordered.results.reset()
                ordered.statuses.reset()
            }
            ordered.lastPath = key
            var found = ordered.results.find(key)
            if !found.covered {
                readResults(from: key)
                found = ordered.results.find(key)
            }
            var status = ordered.statuses.find(key)
            if !status.covered {
                readStatuses(from: key)
                status = ordered.statuses.find(key)
            }
            return (found.value, status.value)
        }
    }

    private func readResults(from key: [UInt8]) {
        var rows: [(path: [UInt8], value: Entry)] = []
        guard let s = try? statement("""
            SELECT path, size, mtime, inode, content_hash, config, json, summary FROM results_v2
            WHERE path >= ?1 ORDER BY path LIMIT ?2
            """) else { return }
        defer { sqlite3_reset(s) }
        bind(s, 1, bytes: key)
        sqlite3_bind_int64(s, 2, Int64(Self.readAheadRows))
        rows.reserveCapacity(Self.readAheadRows)
        while sqlite3_step(s) == SQLITE_ROW {
            rows.append((bytes(s, 0), Entry(stat: FileStat(size: sqlite3_column_int64(s, 1),
                                                            mtimeNanoseconds: sqlite3_column_int64(s, 2),
                                                            inode: sqlite3_column_int64(s, 3)),
                                            contentHash: text(s, 4), config: ordered.configs.text(s, 5),
                                            json: bytes(s, 6), summary: ordered.summaries.text(s, 7))))
        }
        ordered.results.replace(from: key, with: rows, reachedEnd: rows.count < Self.readAheadRows)
    }

    private func readStatuses(from key: [UInt8]) {
        var rows: [(path: [UInt8], value: PreviousStatus)] = []
        guard let s = try? statement("""
            SELECT s.path, s.verdict, s.failing FROM status s JOIN runs r ON r.id = s.run
            WHERE s.path >= ?1 AND r.complete = 1 AND s.run <> ?2 ORDER BY s.path, s.run DESC LIMIT ?3
            """) else { return }
        defer { sqlite3_reset(s) }
        bind(s, 1, bytes: key)
        sqlite3_bind_int64(s, 2, runID)
        sqlite3_bind_int64(s, 3, Int64(Self.readAheadRows))
        var count = 0
        while sqlite3_step(s) == SQLITE_ROW {
            count += 1
            let path = bytes(s, 0)
            // The latest completed run comes first; older rows of the same path are skipped.
            if let last = rows.last?.path, last == path { continue }
            rows.append((path, PreviousStatus(verdict: text(s, 1), failing: text(s, 2))))
        }
        ordered.statuses.replace(from: key, with: rows, reachedEnd: count < Self.readAheadRows)
    }
}
