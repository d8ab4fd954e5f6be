import Foundation
import Testing

@Suite("Kill, shards, bad inputs") struct ResilienceTests {
    @Test func killedRunLeavesPreviousOutputsAndRerunMatchesUninterruptedRun() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = try Bin.corpus(in: dir, count: 1200)
        let fm = FileManager.default

        // Reference: one uninterrupted run.
        let ref = try Bin.run(["check", corpus, "--output-dir", dir + "/ref", "--cache", dir + "/ref.db", "--jobs", "2"], cwd: dir)
        #expect(ref.status == 1, "\(ref.stderr)")

        // Previous outputs, then a run killed midway.
        let out = dir + "/out"
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        for name in ["results.jsonl", "results.csv", "dashboard.html"] { try "previous \(name)\n".write(toFile: out + "/" + name, atomically: false, encoding: .utf8) }
        let args = ["check", corpus, "--output-dir", out, "--cache", dir + "/k.db", "--jobs", "2"]
        // The run to kill on one job: slower, so it is still going when it has committed its first results.
        var killedArgs = args
        killedArgs[killedArgs.count - 1] = "1"
        let (p, o, e) = Bin.process(killedArgs, cwd: dir)
        try p.run()
        // Wait until the run is under way and has committed results to the cache (it commits every 256 reports or
        // once a second, to the write-ahead log), then SIGKILL: poll the cache files rather than trusting a fixed
        // delay (a faster build finished the whole run within one).
        func cacheBytes() -> Int {
            ["/k.db", "/k.db-wal"].reduce(0) { $0 + (((try? fm.attributesOfItem(atPath: dir + $1)[.size] as? Int) ?? 0) ?? 0) }
        }
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline, p.isRunning, cacheBytes() < 256 << 10 {
            Thread.sleep(forTimeInterval: 0.005)
        }
        Thread.sleep(forTimeInterval: 0.15)  // the commit that wrote those bytes is done
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        _ = o.fileHandleForReading.readDataToEndOfFile(); _ = e.fileHandleForReading.readDataToEndOfFile()
        #expect(p.terminationReason == .uncaughtSignal, "the run should still have been going when killed")
        for name in ["results.jsonl", "results.csv", "dashboard.html"] {
            #expect(Bin.read(out + "/" + name) == "previous \(name)\n", "a killed run leaves \(name) intact")
        }

        // The next run finishes the job (reusing what the killed run committed) and gives the same outputs.
        let rerun = try Bin.run(args, cwd: dir)
        #expect(rerun.status == 1, "\(rerun.stderr)")
        let counts = try #require(rerun.cacheCounts)
        #expect(counts.reused + counts.evaluated == 1200)
        #expect(counts.reused > 0, "the rerun reuses what the killed run committed")
        for name in ["results.jsonl", "results.csv", "dashboard.html"] {
            #expect(Bin.read(out + "/" + name) == Bin.read(dir + "/ref/" + name), "\(name) equals the uninterrupted run's")
        }
        let leftovers = try fm.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }
        #expect(leftovers.count <= 3, "at most the killed run's temporary files: \(leftovers)")
    }

    @Test func shardsMergedEqualSingleRun() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let corpus = try Bin.corpus(in: dir, count: 30)
        try Bin.run(["check", corpus, "--output-dir", dir + "/single"], cwd: dir)
        var parts: [String] = []
        var total = 0
        for i in 1...3 {
            let part = dir + "/part\(i).jsonl"
            try Bin.run(["check", corpus, "--shard", "\(i)/3", "--format", "jsonl", "-o", part], cwd: dir)
            total += Bin.read(part).split(separator: "\n").count
            parts.append(part)
        }
        #expect(total == 30, "every report in exactly one shard")
        let merged = try Bin.run(["merge"] + parts + ["--output-dir", dir + "/merged"], cwd: dir)
        #expect(merged.status == 0, "\(merged.stderr)")
        for name in ["results.jsonl", "results.csv", "dashboard.html"] {
            let a = Bin.read(dir + "/single/" + name), b = Bin.read(dir + "/merged/" + name)
            #expect(a == b, "\(name): merge equals the single run byte for byte")
            #expect(a.split(separator: "\n").sorted() == b.split(separator: "\n").sorted())
        }
        // One format at a time too, and deterministic shard membership.
        let csv = try Bin.run(["merge"] + parts.reversed() + ["--format", "csv"], cwd: dir)
        #expect(csv.stdout == Bin.read(dir + "/single/results.csv"))
        try Bin.run(["check", corpus, "--shard", "2/3", "--format", "jsonl", "-o", dir + "/again.jsonl"], cwd: dir)
        #expect(Bin.read(dir + "/again.jsonl") == Bin.read(parts[1]))
    }

    @Test func badFilesBecomeErrorEntriesAndTheBatchGoesOn() throws {
        let dir = Bin.tempDir()
        defer {
            chmod(dir + "/mixed/noperm.txt", 0o644)
            try? FileManager.default.removeItem(atPath: dir)
        }
        let mixed = dir + "/mixed"
        try FileManager.default.createDirectory(atPath: mixed + "/sub", withIntermediateDirectories: true)
        let seeds = Bin.seeds
        for (i, s) in seeds.prefix(3).enumerated() { try FileManager.default.copyItem(atPath: s, toPath: mixed + "/good\(i).txt") }
        try FileManager.default.copyItem(atPath: seeds[3], toPath: mixed + "/sub/good3.txt")
        try Data((0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: URL(fileURLWithPath: mixed + "/binary.txt"))
        try Data([0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x00, 0xFF, 0xFE, 0x00]).write(to: URL(fileURLWithPath: mixed + "/binary.html"))
        try Data().write(to: URL(fileURLWithPath: mixed + "/empty.txt"))
        try Data("not a zip".utf8).write(to: URL(fileURLWithPath: mixed + "/broken.docx"))
        try "readme".write(toFile: mixed + "/notes.pdf", atomically: false, encoding: .utf8)
        try "秘密".write(toFile: mixed + "/noperm.txt", atomically: false, encoding: .utf8)
        chmod(mixed + "/noperm.txt", 0)
        let unreadableIsError = geteuid() != 0  // root reads mode-000 files

        let r = try Bin.run(["check", mixed, "--output-dir", dir + "/out", "--cache", dir + "/c.db"], cwd: dir)
        #expect(r.status == 2, "input errors → exit 2 at the end: \(r.stderr)")
        let lines = Bin.read(dir + "/out/results.jsonl").split(separator: "\n").map(String.init)
        func entry(_ name: String) -> String? { lines.first { $0.hasPrefix("{\"path\":\"\(mixed)/\(name)\"") } }
        for name in ["good0.txt", "good1.txt", "good2.txt", "sub/good3.txt"] {
            let e = try #require(entry(name), "\(name) reported")
            #expect(e.contains("\"verdict\":\"pass\"") || e.contains("\"verdict\":\"fail\""), "\(name) checked")
        }
        for name in ["binary.txt", "binary.html", "empty.txt", "broken.docx"] + (unreadableIsError ? ["noperm.txt"] : []) {
            let e = try #require(entry(name), "\(name) has an entry")
            #expect(e.contains("\"verdict\":\"error\""), "\(name) is an error entry")
            #expect(!e.contains("\"error\":null"), "\(name) says why")
        }
        #expect(entry("notes.pdf") == nil)
        #expect(r.stderr.contains("skipped 1 non-report file"))
        // The CSV and the dashboard list them too; a rerun says the same (errors are cached like results).
        #expect(Bin.read(dir + "/out/results.csv").contains("binary.txt"))
        #expect(Bin.read(dir + "/out/dashboard.html").contains("binary.txt"))
        let again = try Bin.run(["check", mixed, "--output-dir", dir + "/out", "--cache", dir + "/c.db"], cwd: dir)
        #expect(again.status == 2)
        #expect(again.cacheCounts?.evaluated == (unreadableIsError ? 0 : 0))
    }

    @Test func unreadableCacheAndBrokenManifestAreClearErrors() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Bin.seeds[1], toPath: dir + "/a.txt")
        try "not a database\n".write(toFile: dir + "/bad.db", atomically: false, encoding: .utf8)
        let cache = try Bin.run(["check", "a.txt", "--cache", "bad.db", "--format", "jsonl"], cwd: dir)
        #expect(cache.status == 2)
        #expect(cache.stderr.contains("cache bad.db: file is not a database"), "\(cache.stderr)")
        try "path,agency\n\"a.txt,示例\n".write(toFile: dir + "/list.csv", atomically: false, encoding: .utf8)
        let manifest = try Bin.run(["check", "--manifest", "list.csv", "--format", "jsonl"], cwd: dir)
        #expect(manifest.status == 2)
        #expect(manifest.stderr.contains("list.csv:2: unterminated quoted field"), "\(manifest.stderr)")
        #expect(manifest.stdout.isEmpty)
    }

    @Test func manifestCompletesMetadataAndAddsInputs() throws {
        let dir = Bin.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/m", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Bin.seeds[0], toPath: dir + "/m/a.txt")
        try FileManager.default.copyItem(atPath: Bin.seeds[1], toPath: dir + "/m/b.txt")
        try "path,agency,region,year,url\na.txt,示例市司法局,示例市,2025,https://example.gov.cn/a.html\nmissing.txt,,,,\n"
            .write(toFile: dir + "/m/list.csv", atomically: false, encoding: .utf8)
        let r = try Bin.run(["check", "--manifest", dir + "/m/list.csv", "--format", "jsonl"], cwd: dir)
        #expect(r.status == 2, "missing.txt is an input error: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].contains("\"agency\":\"示例市司法局\""))
        #expect(lines[0].contains("\"url\":\"https://example.gov.cn/a.html\""))
        #expect(lines[1].contains("missing.txt") && lines[1].contains("\"verdict\":\"error\""))
    }
}
