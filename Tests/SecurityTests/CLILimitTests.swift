import Foundation
import Testing

/// The limit flags of `reportlint check`, through the built binary (debug build next to the tests).
@Suite struct CLILimitTests {
    static var binary: String? {
        [".build/debug/reportlint", ".build/x86_64-unknown-linux-gnu/debug/reportlint"]
            .map { Paths.root.appendingPathComponent($0).path }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static func run(_ args: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try #require(binary))
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil)) func limitFlagsGiveErrorsAndTheBatchGoesOn() throws {
        let dir = Paths.tempDir()
        let good = dir.appendingPathComponent("a-good.txt")
        try Data(LimitsTests.good.utf8).write(to: good)
        let big = dir.appendingPathComponent("b-big.txt")
        try Data(repeating: 0x41, count: (1 << 20) + 10).write(to: big)
        let deep = dir.appendingPathComponent("c-deep.html")
        try Data((String(repeating: "<div>", count: 200) + "字").utf8).write(to: deep)

        let r = try Self.run(["check", dir.path, "--format", "json", "--max-input-mb", "1", "--max-depth", "100",
                              "--jobs", "2"])
        #expect(r.status == 2, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let reports = try #require(json["reports"] as? [[String: Any]])
        #expect(reports.count == 3)
        var byName: [String: [String: Any]] = [:]
        for report in reports {
            byName[((report["path"] as? String ?? "") as NSString).lastPathComponent] = report
        }
        #expect(byName["a-good.txt"]?["verdict"] as? String != "error")
        #expect((byName["b-big.txt"]?["error"] as? String)?.hasSuffix("file larger than the 1 MB limit") == true)
        #expect((byName["c-deep.html"]?["error"] as? String)?.hasSuffix("nested deeper than 100 levels") == true)

        let f = try Self.run(["check", good.path, "--format", "json", "--max-findings", "3"])
        #expect(f.status == 2)
        #expect(f.stdout.contains("findings exceed the limit of 3 per report (--max-findings)"))

        let ok = try Self.run(["check", good.path, "--time-budget-ms", "0", "--max-findings", "1000", "--fail-on", "never"])
        #expect(ok.status == 0, "\(ok.stderr)")
    }

    @Test(.enabled(if: binary != nil)) func badLimitValuesAreUsageErrors() throws {
        for args in [["--max-input-mb", "0"], ["--max-depth", "-1"], ["--time-budget-ms", "-5"], ["--max-findings", "0"]] {
            let r = try Self.run(["check", "Samples"] + args)
            #expect(r.status == 64 || r.status == 2, "\(args): \(r.status)")
            #expect(r.stderr.contains(args[0]), "\(args): \(r.stderr)")
        }
    }

    @Test(.enabled(if: binary != nil)) func helpListsTheLimits() throws {
        let r = try Self.run(["check", "--help"])
        for flag in ["--max-input-mb", "--max-docx-mb", "--max-depth", "--time-budget-ms", "--max-findings"] {
            #expect(r.stdout.contains(flag), "\(flag)")
        }
    }
}
