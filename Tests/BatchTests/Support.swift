import Foundation
import TestSupport

/// Runs the built `reportlint` binary (debug build of this package) and makes small corpora from the seed samples.
enum Bin {
    static let packageRoot = ReportLintBinary.packageRoot
    static var path: String { ReportLintBinary.path }
    typealias Result = ReportLintBinary.Result

    static func process(_ arguments: [String], cwd: String) -> (Process, Pipe, Pipe) {
        ReportLintBinary.process(arguments, cwd: cwd)
    }

    @discardableResult
    static func run(_ arguments: [String], cwd: String) throws -> Result { try ReportLintBinary.run(arguments, cwd: cwd) }

    static func tempDir() -> String { ReportLintBinary.tempDir(prefix: "rl-batch") }

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

extension ReportLintBinary.Result {
    /// (reused, evaluated) from the summary line "cache: R reused, E evaluated".
    var cacheCounts: (reused: Int, evaluated: Int)? {
        guard let r = stderr.range(of: #"cache: (\d+) reused, (\d+) evaluated"#, options: .regularExpression) else { return nil }
        let nums = stderr[r].split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        return nums.count == 2 ? (nums[0], nums[1]) : nil
    }
}
