import Foundation
import Testing
import TestSupport

/// The release build runs on gperftools' tcmalloc (see the Makefile) and tunes it at start-up (`AllocatorTuning`).
/// Run here under it (preloaded into the debug build, so the tuning call finds it), every output is byte for byte
/// what the same run writes under glibc's malloc: the formats on the samples, and a cached batch, cold and warm.
private let tcmallocLibrary: String? = ["/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4",
                                        "/usr/lib/aarch64-linux-gnu/libtcmalloc_minimal.so.4",
                                        "/usr/lib64/libtcmalloc_minimal.so.4"]
    .first { FileManager.default.fileExists(atPath: $0) }

@Suite(.enabled(if: tcmallocLibrary != nil, "libtcmalloc-minimal4 is not installed (make deps installs it)"))
struct AllocatorTests {

    func run(_ arguments: [String], preload: Bool) throws -> ReportLintBinary.Result {
        try ReportLintBinary.run(arguments, environment: preload ? ["LD_PRELOAD": tcmallocLibrary!] : [:])
    }

    @Test func formatsAreTheSameUnderTcmalloc() throws {
        for format in ["json", "sarif", "csv", "jsonl"] {
            let args = ["check", "Samples", "--format", format, "--fail-on", "never"]
            let glibc = try run(args, preload: false), tc = try run(args, preload: true)
            #expect(glibc.status == 0 && tc.status == 0, "\(format): \(tc.stderr)")
            #expect(!glibc.stdout.isEmpty)
            #expect(tc.stdout == glibc.stdout, "\(format) differs under tcmalloc")
        }
    }

    @Test func cachedBatchIsTheSameUnderTcmalloc() throws {
        var outputs: [[String]] = []
        for preload in [false, true] {
            let dir = ReportLintBinary.tempDir(prefix: "rl-alloc")
            defer { try? FileManager.default.removeItem(atPath: dir) }
            var runs: [String] = []
            for _ in 0..<2 {  // cold, then warm (every result reused from the cache)
                let r = try run(["check", "Samples", "--cache", dir + "/cache.db", "--output-dir", dir + "/out",
                                 "--fail-on", "never"], preload: preload)
                #expect(r.status == 0, "\(r.stderr)")
                runs.append(try String(contentsOfFile: dir + "/out/results.jsonl", encoding: .utf8))
                runs.append(try String(contentsOfFile: dir + "/out/results.csv", encoding: .utf8))
            }
            #expect(runs[2].contains("\"unchanged\""), "the second run reused the cache")
            outputs.append(runs)
        }
        #expect(outputs[1] == outputs[0], "a cached batch differs under tcmalloc")
    }
}
