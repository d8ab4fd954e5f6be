import Foundation

/// Runs the built `reportlint` binary (the debug build of this package) for end-to-end tests and captures what it
/// prints. Shared by every test target that drives the command line.
public enum ReportLintBinary {
    /// The package root (…/Tests/TestSupport/ReportLintBinary.swift → …).
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    public static var path: String {
        let candidates = [".build/debug/reportlint", ".build/x86_64-unknown-linux-gnu/debug/reportlint"]
            .map { packageRoot.appendingPathComponent($0).path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// A process ready to start (NO_COLOR set, pipes for stdout and stderr; stdin a pipe when `stdin` is used,
    /// else /dev/null), for tests that need to signal it while it runs.
    public static func process(_ arguments: [String], cwd: String, stdinPipe: Pipe? = nil,
                               environment extra: [String: String] = [:]) -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.merge(extra) { _, new in new }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = stdinPipe ?? FileHandle.nullDevice
        return (p, out, err)
    }

    /// Runs to completion. Both pipes are read concurrently so a large output cannot block the child.
    @discardableResult
    public static func run(_ arguments: [String], cwd: String? = nil, stdin: Data? = nil,
                           environment: [String: String] = [:]) throws -> Result {
        let input = stdin.map { _ in Pipe() }
        let (p, out, err) = process(arguments, cwd: cwd ?? packageRoot.path, stdinPipe: input, environment: environment)
        try p.run()
        if let input {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
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
        return Result(status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Reads a pipe to its end, retrying on EINTR (FileHandle.readDataToEndOfFile traps on it).
    public static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
            if n > 0 { data.append(contentsOf: buffer[0..<n]); continue }
            if n < 0 && errno == EINTR { continue }
            return data
        }
    }

    /// A new empty directory, removed with the test process's other temporary files when it exits.
    public static func tempDir(prefix: String = "rl") -> String {
        TestTemporaryFiles.directory(prefix: prefix)
    }
}
