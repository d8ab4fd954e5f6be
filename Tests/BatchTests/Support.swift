import Foundation

/// Runs the built `reportlint` binary (debug build of this package) and makes small corpora from the seed samples.
enum Bin {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        let candidates = [".build/debug/reportlint", ".build/x86_64-unknown-linux-gnu/debug/reportlint"]
            .map { packageRoot.appendingPathComponent($0).path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        /// (reused, evaluated) from the summary line "cache: R reused, E evaluated".
        var cacheCounts: (reused: Int, evaluated: Int)? {
            guard let r = stderr.range(of: #"cache: (\d+) reused, (\d+) evaluated"#, options: .regularExpression) else { return nil }
            let nums = stderr[r].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            return nums.count == 2 ? (nums[0], nums[1]) : nil
        }
    }

    static func process(_ arguments: [String], cwd: String) -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        return (p, out, err)
    }

    @discardableResult
    static func run(_ arguments: [String], cwd: String) throws -> Result {
        let (p, out, err) = process(arguments, cwd: cwd)
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let reader = Thread { errData = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        while !reader.isFinished { usleep(1000) }
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func tempDir() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rl-batch-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// The seed reports shipped in Samples/.
    static var seeds: [String] {
        let dir = packageRoot.appendingPathComponent("Samples").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.range(of: #"^\d{3}_.*\.txt$"#, options: .regularExpression) != nil }.sorted()
            .map { dir + "/" + $0 }
    }

    /// `count` distinct reports in `dir/reports` (seed copies, each with a different trailing line, spread over
    /// two subdirectories); returns the corpus directory.
    static func corpus(in dir: String, count: Int) throws -> String {
        let root = dir + "/reports"
        let seedTexts = try seeds.map { try String(contentsOfFile: $0, encoding: .utf8) }
        precondition(!seedTexts.isEmpty, "no seed samples")
        for i in 0..<count {
            let sub = root + (i % 2 == 0 ? "/a" : "/b")
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            let text = seedTexts[i % seedTexts.count] + "\n（第\(i)份）\n"
            try text.write(toFile: sub + String(format: "/r%04d.txt", i), atomically: false, encoding: .utf8)
        }
        return root
    }

    static func read(_ path: String) -> String {
        // Bytes as they are (String(contentsOfFile:) would drop a UTF-8 BOM).
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "<missing \(path)>"
    }
}
