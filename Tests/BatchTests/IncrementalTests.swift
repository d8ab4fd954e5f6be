import CSQLite
import Foundation
import Testing

@Suite("Incremental cache") struct IncrementalTests {
    @Test func unchangedRerunEvaluatesNothingEditedFileOnlyAndPackChangeInvalidatesAll() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = try Bin.corpus(in: dir, count: 12)
        // A pack on disk we can edit: a copy of the national pack.
        let pack = dir + "/pack"
        try FileManager.default.copyItem(atPath: Bin.packageRoot.appendingPathComponent("Rules/rule-of-law-annual").path, toPath: pack)
        let args = ["check", corpus, "--rules", pack, "--cache", dir + "/cache.db", "--format", "jsonl", "-o", dir + "/out.jsonl", "--fail-on", "never"]

        let first = try Bin.run(args, cwd: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.cacheCounts?.evaluated == 12)
        #expect(first.cacheCounts?.reused == 0)
        let firstOut = Bin.read(dir + "/out.jsonl")

        let second = try Bin.run(args, cwd: dir)
        #expect(second.cacheCounts?.evaluated == 0, "second run over the same files evaluates nothing: \(second.stderr)")
        #expect(second.cacheCounts?.reused == 12)
        // Same results; every report now says it is unchanged.
        let secondOut = Bin.read(dir + "/out.jsonl")
        #expect(secondOut.replacingOccurrences(of: ",\"batch\":{\"change\":\"unchanged\"}", with: "")
            == firstOut.replacingOccurrences(of: ",\"batch\":{\"change\":\"new\"}", with: ""))

        // Edit one report: remove its cause analysis.
        let edited = corpus + "/a/r0002.txt"
        var text = try String(contentsOfFile: edited, encoding: .utf8)
        text = text.replacingOccurrences(of: "原因", with: "情况") + "\n补记一行。\n"
        try text.write(toFile: edited, atomically: false, encoding: .utf8)
        let third = try Bin.run(args, cwd: dir)
        #expect(third.cacheCounts?.evaluated == 1, "only the edited report is re-evaluated: \(third.stderr)")
        #expect(third.cacheCounts?.reused == 11)

        // Touching a file (same content, new mtime) costs a hash, not an evaluation.
        let touched = corpus + "/b/r0003.txt"
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: touched)
        let fourth = try Bin.run(args, cwd: dir)
        #expect(fourth.cacheCounts?.evaluated == 0, "\(fourth.stderr)")

        // Any change to the pack invalidates every cached result.
        let manifest = pack + "/pack.yml"
        try (try String(contentsOfFile: manifest, encoding: .utf8) + "\n# edited\n").write(toFile: manifest, atomically: false, encoding: .utf8)
        let fifth = try Bin.run(args, cwd: dir)
        #expect(fifth.cacheCounts?.evaluated == 12, "a pack change invalidates all: \(fifth.stderr)")
    }

    /// Fingerprints are relative to the working directory: a result cached by a run started in another directory
    /// is not reused as it is (its fingerprints would differ from what this run computes), and every reused result
    /// equals a fresh check's.
    @Test func aRunFromAnotherDirectoryDoesNotReuseOtherFingerprints() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = try Bin.corpus(in: dir, count: 3)
        let elsewhere = dir + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        func run(cwd: String, cache: Bool) throws -> (Bin.Result, String) {
            let out = dir + "/out-\(UUID().uuidString).jsonl"
            let r = try Bin.run(["check", corpus, "--format", "jsonl", "-o", out, "--fail-on", "never"]
                                + (cache ? ["--cache", dir + "/cache.db"] : []), cwd: cwd)
            return (r, Bin.read(out))
        }
        func fingerprints(_ jsonl: String) -> [String] {
            jsonl.components(separatedBy: "\"fingerprint\":\"").dropFirst().map { String($0.prefix(16)) }
        }
        _ = try run(cwd: dir, cache: true)   // below the working directory: fingerprints of "corpus/…"
        let (second, cached) = try run(cwd: elsewhere, cache: true)
        let (_, fresh) = try run(cwd: elsewhere, cache: false)
        #expect(second.cacheCounts?.reused == 0, "\(second.stderr)")
        #expect(!fingerprints(fresh).isEmpty && fingerprints(cached) == fingerprints(fresh))
        let (third, again) = try run(cwd: elsewhere, cache: true)
        #expect(third.cacheCounts?.reused == 3, "\(third.stderr)")
        #expect(fingerprints(again) == fingerprints(fresh))
    }

    @Test func changesSincePreviousRunAreReported() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = try Bin.corpus(in: dir, count: 5)  // seeds 000…004: 001 and 004 pass
        let args = ["check", corpus, "--cache", dir + "/c.db", "--format", "jsonl", "-o", dir + "/o.jsonl", "--fail-on", "never"]
        try Bin.run(args, cwd: dir)
        // r0001 (passing seed 001) is cut down to its first lines → fails.
        let p1 = corpus + "/b/r0001.txt"
        let t1 = try String(contentsOfFile: p1, encoding: .utf8)
        try t1.split(separator: "\n").prefix(4).joined(separator: "\n").write(toFile: p1, atomically: false, encoding: .utf8)
        try "新的报告\n".write(toFile: corpus + "/a/new.txt", atomically: false, encoding: .utf8)
        let r = try Bin.run(args, cwd: dir)
        let lines = Bin.read(dir + "/o.jsonl").split(separator: "\n")
        func line(_ name: String) -> String { String(lines.first { $0.contains(name) } ?? "") }
        #expect(line("r0001.txt").contains("\"change\":\"newly-failing\""), "\(line("r0001.txt").suffix(200)) \(r.stderr)")
        #expect(line("r0001.txt").contains("\"newly_failing\":[\""))
        #expect(line("r0002.txt").contains("\"change\":\"unchanged\""))
        #expect(line("new.txt").contains("\"change\":\"new\""))

        // Unchanged reruns write no status rows; the status a report had in an older completed run still counts.
        try Bin.run(args, cwd: dir)
        #expect(line2(dir, "r0001.txt").contains("\"change\":\"unchanged\""))
        let p4 = corpus + "/a/r0004.txt"  // passing seed 004, unchanged (no status written) since the first run
        let t4 = try String(contentsOfFile: p4, encoding: .utf8)
        try t4.split(separator: "\n").prefix(4).joined(separator: "\n").write(toFile: p4, atomically: false, encoding: .utf8)
        try Bin.run(args, cwd: dir)
        #expect(line2(dir, "r0004.txt").contains("\"change\":\"newly-failing\""), "\(line2(dir, "r0004.txt").suffix(200))")
        #expect(line2(dir, "r0001.txt").contains("\"change\":\"unchanged\""))
        try Bin.run(args, cwd: dir)
        #expect(line2(dir, "r0004.txt").contains("\"change\":\"unchanged\""))
    }

    /// A run that committed a changed report's result but was killed before it completed: the rerun reuses that
    /// result (through the stat check) and must record the report's status itself, or every later run would
    /// report the same change again.
    @Test func rerunAfterAnInterruptedRunRecordsTheStatusOfReusedReports() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = try Bin.corpus(in: dir, count: 5)
        let fm = FileManager.default
        // Files older than the cache's "recently modified" window: reuse goes through the stat check.
        func age(_ path: String, _ seconds: Double) throws {
            try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-seconds)], ofItemAtPath: path)
        }
        for sub in ["/a", "/b"] {
            for f in try fm.contentsOfDirectory(atPath: corpus + sub) { try age(corpus + sub + "/" + f, 3600) }
        }
        func args(_ db: String) -> [String] {
            ["check", corpus, "--cache", dir + "/" + db, "--format", "jsonl", "-o", dir + "/o.jsonl", "--fail-on", "never"]
        }
        try Bin.run(args("c.db"), cwd: dir)
        try fm.copyItem(atPath: dir + "/c.db", toPath: dir + "/killed.db")  // the cache after the first run
        let p4 = corpus + "/a/r0004.txt"  // passing seed 004 → cut down, fails
        let t4 = try String(contentsOfFile: p4, encoding: .utf8)
        try t4.split(separator: "\n").prefix(4).joined(separator: "\n").write(toFile: p4, atomically: false, encoding: .utf8)
        try age(p4, 1800)
        try Bin.run(args("c.db"), cwd: dir)
        #expect(line2(dir, "r0004.txt").contains("\"change\":\"newly-failing\""))
        // killed.db: as if that second run had been killed right after committing r0004 (its result and status, in
        // one transaction), before it was marked complete.
        var handle: OpaquePointer?
        #expect(sqlite3_open(dir + "/killed.db", &handle) == SQLITE_OK)
        let sql = """
            ATTACH '\(dir)/c.db' AS done;
            INSERT INTO runs (id, started, complete) SELECT id, started, 0 FROM done.runs WHERE id = (SELECT max(id) FROM done.runs);
            INSERT OR REPLACE INTO results_v2 SELECT * FROM done.results_v2 WHERE path LIKE '%r0004.txt';
            INSERT INTO status SELECT * FROM done.status WHERE path LIKE '%r0004.txt' AND run = (SELECT max(id) FROM runs);
            """
        #expect(sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK, "\(String(cString: sqlite3_errmsg(handle)))")
        sqlite3_close(handle)

        let rerun = try Bin.run(args("killed.db"), cwd: dir)
        #expect(rerun.cacheCounts?.evaluated == 0, "\(rerun.stderr)")
        #expect(line2(dir, "r0004.txt").contains("\"change\":\"newly-failing\""), "against the last completed run")
        try Bin.run(args("killed.db"), cwd: dir)
        #expect(line2(dir, "r0004.txt").contains("\"change\":\"unchanged\""), "\(line2(dir, "r0004.txt").suffix(160))")
        #expect(line2(dir, "r0002.txt").contains("\"change\":\"unchanged\""))
    }

    /// A cached row whose compact JSON the run cannot expand (a rule marker altered on disk) is not reused: that report
    /// is evaluated again, without an error, and the outputs are what an intact cache gives.
    @Test func alteredCompactRowIsEvaluatedAgain() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = try Bin.corpus(in: dir, count: 5)
        let fm = FileManager.default
        for sub in ["/a", "/b"] {
            for f in try fm.contentsOfDirectory(atPath: corpus + sub) {
                try fm.setAttributes([.modificationDate: Date().addingTimeInterval(-3600)], ofItemAtPath: corpus + sub + "/" + f)
            }
        }
        let jsonl = ["check", corpus, "--cache", dir + "/c.db", "--format", "jsonl", "-o", dir + "/o.jsonl", "--fail-on", "never"]
        let all = ["check", corpus, "--cache", dir + "/c.db", "--output-dir", dir + "/out", "--fail-on", "never"]
        try Bin.run(jsonl, cwd: dir)
        #expect(try Bin.run(jsonl, cwd: dir).cacheCounts?.evaluated == 0)
        let intact = Bin.read(dir + "/o.jsonl")
        func alter() {
            // One byte of the first marker's rule hash, in r0002's cached row.
            var handle: OpaquePointer?
            #expect(sqlite3_open(dir + "/c.db", &handle) == SQLITE_OK)
            let sql = """
                UPDATE results_v2 SET json = CAST(substr(CAST(json AS BLOB), 1, instr(CAST(json AS BLOB), X'01') + 4)
                    || X'5A' || substr(CAST(json AS BLOB), instr(CAST(json AS BLOB), X'01') + 6) AS TEXT)
                WHERE path LIKE '%r0002.txt' AND instr(CAST(json AS BLOB), X'01') > 0
                """
            #expect(sqlite3_exec(handle, sql, nil, nil, nil) == SQLITE_OK, "\(String(cString: sqlite3_errmsg(handle)))")
            #expect(sqlite3_changes(handle) == 1, "the row holds a marker to alter")
            sqlite3_close(handle)
        }
        alter()
        let rerun = try Bin.run(jsonl, cwd: dir)
        #expect(rerun.cacheCounts?.evaluated == 1, "\(rerun.stderr)")
        #expect(Bin.read(dir + "/o.jsonl") == intact)
        // Decoding the JSON (CSV and dashboard outputs) refuses it too.
        try Bin.run(all, cwd: dir)
        alter()
        let decoded = try Bin.run(all, cwd: dir)
        #expect(decoded.cacheCounts?.evaluated == 1, "\(decoded.stderr)")
        #expect(Bin.read(dir + "/out/results.jsonl") == intact)
    }

    /// A configuration file is part of every result's key: editing it re-evaluates the reports it applies to.
    @Test func editedConfigurationFileInvalidatesItsReports() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = try Bin.corpus(in: dir, count: 6)
        let config = corpus + "/.reportlint.yml"
        try "disable: [title]\n".write(toFile: config, atomically: false, encoding: .utf8)
        let args = ["check", corpus, "--cache", dir + "/c.db", "--format", "jsonl", "-o", dir + "/o.jsonl", "--fail-on", "never"]
        #expect(try Bin.run(args, cwd: dir).cacheCounts?.evaluated == 6)
        #expect(try Bin.run(args, cwd: dir).cacheCounts?.evaluated == 0)
        try "disable: [placeholders]\n".write(toFile: config, atomically: false, encoding: .utf8)
        let edited = try Bin.run(args, cwd: dir)
        #expect(edited.cacheCounts?.evaluated == 6, "\(edited.stderr)")
        #expect(Bin.read(dir + "/o.jsonl").contains("\"rule\":\"title\""), "title runs again once no longer disabled")
    }

    private func line2(_ dir: String, _ name: String) -> String {
        String(Bin.read(dir + "/o.jsonl").split(separator: "\n").first { $0.contains(name) } ?? "")
    }
}
