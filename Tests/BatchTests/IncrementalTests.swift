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
    }
}
