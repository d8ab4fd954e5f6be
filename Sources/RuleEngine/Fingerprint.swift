import Foundation
import ReportDocument

/// Stable identities for findings (baselines, SARIF partialFingerprints, Code Climate): rule id + path +
/// section anchor. The anchor is the heading of the section holding the first evidence, not a line number,
/// so editing text above a finding does not change it.
public enum Fingerprint {
    public static func make(rule: String, path: String, anchor: String) -> String {
        make(rule: rule, normalizedPath: normalizedPath(path), anchor: anchor)
    }

    static func make(rule: String, normalizedPath: String, anchor: String) -> String {
        hex(fnv1a("\(rule)\u{1F}\(normalizedPath)\u{1F}\(anchor)"))
    }

    /// The same file spelled "./reports/a.txt", "reports//a.txt" or "/abs/cwd/reports/a.txt" gets one fingerprint:
    /// standardized, and relative to the working directory when below it.
    private static let workingDirectory = FileManager.default.currentDirectoryPath

    static func normalizedPath(_ path: String) -> String {
        var p = StandardizedPaths.shared.standardized(path)
        let cwd = workingDirectory
        if p.hasPrefix(cwd + "/") { p = String(p.dropFirst(cwd.count + 1)) }
        while p.hasPrefix("./") { p = String(p.dropFirst(2)) }
        return p
    }

    static func anchor(for finding: Finding, in document: Document) -> String {
        guard let line = finding.evidence.first?.line else { return "document" }
        var last: Int?
        for section in document.sections {
            if document.blocks[section.headingBlock].location.line > line { break }
            last = section.headingBlock
        }
        guard let last else { return "document" }
        let block = document.blocks[last]
        return block.heading.map { "\($0.level):\($0.title)" } ?? block.text
    }

    static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return h
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// `NSString.standardizingPath` per report was measurable in a batch: on Linux it resolves symbolic links, one
/// `lstat` per path component. The directories of a batch repeat, so they are standardized once; the file itself
/// only needs one `lstat` (a symbolic link, a missing file or a special name takes the full way).
final class StandardizedPaths: @unchecked Sendable {
    static let shared = StandardizedPaths()
    private let lock = NSLock()
    private var directories: [Substring: String] = [:]

    func standardized(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex, !path.hasPrefix("~") else {
            return (path as NSString).standardizingPath
        }
        let name = path[path.index(after: slash)...]
        var st = stat()
        guard !name.isEmpty, name != ".", name != "..", lstat(path, &st) == 0, st.st_mode & S_IFMT != S_IFLNK else {
            return (path as NSString).standardizingPath
        }
        let directory = path[..<slash]
        lock.lock()
        let cached = directories[directory]
        lock.unlock()
        let resolved: String
        if let cached { resolved = cached } else {
            resolved = (String(directory) as NSString).standardizingPath
            lock.lock()
            if directories.count > 4096 { directories.removeAll() }
            directories[directory] = resolved
            lock.unlock()
        }
        return resolved == "/" ? "/" + name : resolved + "/" + name
    }
}
