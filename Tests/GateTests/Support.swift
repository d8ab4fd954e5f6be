import Foundation
import TestSupport

/// Runs the built `reportlint` binary (`swift build` first) in a working directory.
enum CLI {
    static let root = ReportLintBinary.packageRoot
    static var binary: String { ReportLintBinary.path }

    struct Output {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ args: [String], in cwd: String, stdin: String? = nil) throws -> Output {
        let r = try ReportLintBinary.run(args, cwd: cwd, stdin: stdin.map { Data($0.utf8) })
        return Output(code: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// The JSON output's reports: path → (verdict, findings by rule id → object).
    static func reports(_ json: String) throws -> [String: (verdict: String, findings: [String: [String: Any]])] {
        let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        var out: [String: (String, [String: [String: Any]])] = [:]
        for r in root["reports"] as! [[String: Any]] {
            var fs: [String: [String: Any]] = [:]
            for f in r["findings"] as! [[String: Any]] { fs[f["rule"] as! String] = f }
            var path = r["path"] as! String
            while path.hasPrefix("./") { path.removeFirst(2) }
            out[path] = (r["verdict"] as! String, fs)
        }
        return out
    }
}

/// A temporary directory with copies of seed samples; removed on deinit.
final class Sandbox {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("gate-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Copies seed `seed` ("000") into `dir` (relative) and returns the copy's path relative to the sandbox.
    @discardableResult
    func sample(_ seed: String, into dir: String = ".", as name: String? = nil) throws -> String {
        let samples = CLI.root.appendingPathComponent("Samples").path
        let file = try FileManager.default.contentsOfDirectory(atPath: samples).first { $0.hasPrefix(seed + "_") && $0.hasSuffix(".txt") }!
        let target = dir == "." ? (name ?? file) : "\(dir)/\(name ?? file)"
        try FileManager.default.createDirectory(atPath: "\(path)/\(dir)", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: "\(samples)/\(file)", toPath: "\(path)/\(target)")
        return target
    }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: "\(path)/\(relative)")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) throws -> String { try String(contentsOfFile: "\(path)/\(relative)", encoding: .utf8) }

    func run(_ args: String..., stdin: String? = nil) throws -> CLI.Output { try CLI.run(args, in: path, stdin: stdin) }
}
