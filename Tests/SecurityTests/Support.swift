import Foundation
import TestSupport
import Testing
import ReportDocument
import ReportNormalizer
#if canImport(Glibc)
import Glibc
#endif

enum Paths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples")
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Regressions")

    static func tempDir() -> URL {
        TestTemporaryFiles.directoryURL(prefix: "rl-sec")
    }

    /// A file with a random secret; returns (path, secret).
    static func secretFile() -> (path: String, secret: String) {
        let secret = "SECRET-\(UUID().uuidString)"
        let url = tempDir().appendingPathComponent("secret.txt")
        try! Data(secret.utf8).write(to: url)
        return (url.path, secret)
    }
}

/// A TCP listener on 127.0.0.1 (random port) that counts connection attempts, to prove nothing is fetched.
final class ConnectionCounter: @unchecked Sendable {
    let fd: Int32
    let port: UInt16

    init() throws {
        let sock = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(sock, $0, len) }
        }
        guard bound == 0, listen(sock, 16) == 0 else { close(sock); throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(sock, $0, &len) }
        }
        _ = fcntl(sock, F_SETFL, fcntl(sock, F_GETFL) | O_NONBLOCK)
        fd = sock
        port = UInt16(bigEndian: addr.sin_port)
    }

    /// Connections accepted so far (non-blocking).
    func accepted() -> Int {
        var n = 0
        while true {
            let c = accept(fd, nil, nil)
            if c < 0 { break }
            close(c)
            n += 1
        }
        return n
    }

    deinit { close(fd) }
}
