import Foundation

/// Runs the built `reportlint` binary (`swift build` first) in a working directory.
enum CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var binary: String { root.appendingPathComponent(".build/debug/reportlint").path }

    struct Output {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ args: [String], in cwd: String, stdin: String? = nil) throws -> Output {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: binary)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let input = Pipe()
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try? input.fileHandleForWriting.close()
        // Read both pipes concurrently so neither can fill up and block the child.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        let errFD = err.fileHandleForReading.fileDescriptor
        DispatchQueue.global().async {
            errData = readAll(errFD)
            group.leave()
        }
        let outData = readAll(out.fileHandleForReading.fileDescriptor)
        group.wait()
        p.waitUntilExit()
        return Output(code: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Reads a pipe to its end, retrying on EINTR (FileHandle.readDataToEndOfFile traps on it).
    static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
            if n > 0 { data.append(contentsOf: buffer[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            return data
        }
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
