import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Temporary files of a test process, all in one directory that is removed when the process exits. The tests make
/// hundreds of directories per run (CLI runs, caches, batches, fixtures written to disk); each left in the system's
/// temporary directory piled up on every machine that runs `make test`.
public enum TestTemporaryFiles {
    /// `$TMPDIR/reportlint-tests-<pid>`, made on first use.
    public static let root: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reportlint-tests-\(getpid())").path
        // Left by an earlier process with the same pid that did not exit normally.
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { TestTemporaryFiles.removeRoot() }
        return path
    }()

    private static func removeRoot() {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// A new empty directory, named `prefix-<uuid>`.
    public static func directory(prefix: String = "rl") -> String {
        let dir = (root as NSString).appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    public static func directoryURL(prefix: String = "rl") -> URL {
        URL(fileURLWithPath: directory(prefix: prefix), isDirectory: true)
    }

    /// A path for a new file, named `prefix-<uuid><suffix>` (not created).
    public static func fileURL(prefix: String, suffix: String = "") -> URL {
        URL(fileURLWithPath: root).appendingPathComponent("\(prefix)-\(UUID().uuidString)\(suffix)")
    }
}
