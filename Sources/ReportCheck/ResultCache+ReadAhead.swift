import CSQLite
import Glibc

/// Lookups in the order of a batch's inputs. A warm rerun asks the cache about every input, one after another, in
/// the order they were listed (sorted): two point queries per input were a third of the delivering thread's time.
/// Here rows are read ahead `readAheadRows` at a time, in path order, with one range query per table, and each
/// input is matched against them; an input out of order starts a new read-ahead at its path.
///
/// Reading ahead cannot see a row written after it was read. It does not need to: a batch asks about each input
/// before that input is handed on, and only inputs handed on are written (`BatchRunner` tries its `quick` path for
/// every input, in order, first).
extension ResultCache {
    public static let readAheadRows = 32

    /// Rows of one table read ahead, in path order (byte order of the UTF-8 path, SQLite's BINARY collation).
    struct ReadAhead<Value> {
        var rows: [(path: [UInt8], value: Value)] = []
        var next = 0
        /// The rows tell about every path from `start` up to `end` (inclusive; nil: to the end of the table).
        /// `start` nil: nothing read yet.
        var start: [UInt8]?
        var end: [UInt8]?

        /// The value stored for `path`; `covered` false when the rows do not tell. Paths must come in increasing
        /// order between two `reset`s.
        mutating func find(_ path: [UInt8]) -> (covered: Bool, value: Value?) {
            guard let start, !precedes(path, start) else { return (false, nil) }
            if let end, precedes(end, path) { return (false, nil) }
            while next < rows.count, precedes(rows[next].path, path) { next += 1 }
            if next < rows.count, rows[next].path == path { return (true, rows[next].value) }
            return (true, nil)
        }

        mutating func replace(from path: [UInt8], to end: [UInt8]?, with rows: [(path: [UInt8], value: Value)]) {
            self.rows = rows
            next = 0
            start = path
            self.end = end
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
        /// The completed runs other than this one (read with the first statuses: no run completes meanwhile).
        var completeRuns: Set<Int64>?
        /// Most rows share their configuration key, and many their summary: one String for each distinct one.
        var configs = InternedText()
        var summaries = InternedText()
    }

    /// A text column's value as a String, made once per distinct value (no allocation, no UTF-8 validation for a
    /// value read before): most rows share their configuration key, and a batch's summaries are a few hundred.
    struct InternedText {
        private var known = ByteStringTable<String>(capacity: 4096)

        mutating func text(_ s: OpaquePointer, _ column: Int32) -> String {
            guard let p = sqlite3_column_text(s, column) else { return "" }
            let bytes = UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s, column)))
            if let text = known.value(for: bytes) { return text }
            let text = String(decoding: bytes, as: UTF8.self)
            known.set(text, for: bytes)
            return text
        }
    }

    /// What `lookup` returns, for paths asked in the order a batch lists its inputs (see above).
    public func lookupInOrder(_ path: String) -> (entry: Entry?, previous: PreviousStatus?) {
        withLock { () -> (Entry?, PreviousStatus?) in
            let key = Array(path.utf8)
            if let last = ordered.lastPath, !precedes(last, key) {
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
            // A path with more status rows than a read-ahead holds (runs killed again and again): asked alone.
            if !status.covered { return (found.value, previousStatusLocked(path)) }
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
        ordered.results.replace(from: key, to: rows.count < Self.readAheadRows ? nil : rows.last?.path, with: rows)
    }

    /// The latest status of each path from `key` on, in the runs that completed: rows in primary-key order (path,
    /// run) without a join or a sort, the runs filtered here. A read-ahead that stops inside a path's rows does not
    /// tell about that path (its latest run may come after the cut).
    private func readStatuses(from key: [UInt8]) {
        if ordered.completeRuns == nil { ordered.completeRuns = completedRunsLocked() }
        let complete = ordered.completeRuns ?? []
        guard let s = try? statement("""
            SELECT path, run, verdict, failing FROM status WHERE path >= ?1 ORDER BY path, run LIMIT ?2
            """) else { return }
        defer { sqlite3_reset(s) }
        bind(s, 1, bytes: key)
        sqlite3_bind_int64(s, 2, Int64(Self.readAheadRows))
        var rows: [(path: [UInt8], value: PreviousStatus)] = []
        var count = 0
        var lastPath: [UInt8]? = nil
        while sqlite3_step(s) == SQLITE_ROW {
            count += 1
            let path = bytes(s, 0)
            let run = sqlite3_column_int64(s, 1)
            lastPath = path
            guard run != runID, complete.contains(run) else { continue }
            // Runs ascend within a path: a later completed run replaces the status.
            let status = PreviousStatus(verdict: text(s, 2), failing: text(s, 3))
            if rows.last?.path == path { rows[rows.count - 1].value = status }
            else { rows.append((path, status)) }
        }
        if count < Self.readAheadRows {
            ordered.statuses.replace(from: key, to: nil, with: rows)
            return
        }
        // Cut inside the last path's rows: the rows tell up to the path before it.
        guard let cutPath = lastPath else { return }
        if rows.last?.path == cutPath { rows.removeLast() }
        guard let end = rows.last?.path, end != cutPath else {
            // Nothing before the cut path (one path filled the read-ahead): cover nothing past `key`.
            ordered.statuses.replace(from: key, to: precedes(key, cutPath) ? key : [], with: [])
            return
        }
        ordered.statuses.replace(from: key, to: end, with: rows)
    }

    private func completedRunsLocked() -> Set<Int64> {
        var runs = Set<Int64>()
        guard let s = try? statement("SELECT id FROM runs WHERE complete = 1") else { return runs }
        defer { sqlite3_reset(s) }
        while sqlite3_step(s) == SQLITE_ROW { runs.insert(sqlite3_column_int64(s, 0)) }
        return runs
    }
}

/// `a` sorts before `b` in byte order (SQLite's BINARY collation): `lexicographicallyPrecedes` without its generic
/// element-by-element loop, which was 6% of a warm rerun's delivering thread in instructions.
@inline(__always)
private func precedes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    let n = min(a.count, b.count)
    let c = n == 0 ? 0 : a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in memcmp(pa.baseAddress!, pb.baseAddress!, n) }
    }
    return c < 0 || (c == 0 && a.count < b.count)
}
