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
        // The hash of "rule␟path␟anchor", fed piece by piece (joining them was a third of a finding's cost).
        var h = fnv1aBasis
        h = fnv1a(rule, from: h)
        h = fnv1a(byte: 0x1F, from: h)
        h = fnv1a(normalizedPath, from: h)
        h = fnv1a(byte: 0x1F, from: h)
        h = fnv1a(anchor, from: h)
        return hex(h)
    }

    /// The same file spelled "./reports/a.txt", "reports//a.txt" or "/abs/cwd/reports/a.txt" gets one fingerprint:
    /// standardized, and relative to this directory (the working directory at start) when below it. Whatever keeps
    /// fingerprints (a result cache) keys them by it too.
    public static let workingDirectory = FileManager.default.currentDirectoryPath

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

    public static let fnv1aBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    static func fnv1a(_ s: String) -> UInt64 { fnv1a(s, from: fnv1aBasis) }

    /// Continues hash `h` over the UTF-8 of `s` (contiguous bytes: no per-byte String.UTF8View iteration).
    public static func fnv1a(_ s: String, from h: UInt64) -> UInt64 {
        var copy = s
        return copy.withUTF8 { bytes in
            var h = h
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }
    }

    @inline(__always)
    public static func fnv1a(byte b: UInt8, from h: UInt64) -> UInt64 { (h ^ UInt64(b)) &* 0x100_0000_01b3 }

    /// 16 lowercase hex digits.
    static func hex(_ v: UInt64) -> String {
        let digits: StaticString = "0123456789abcdef"
        return String(unsafeUninitializedCapacity: 16) { out in
            digits.withUTF8Buffer { d in
                for i in 0..<16 { out[i] = d[Int((v >> UInt64(60 - 4 * i)) & 0xF)] }
            }
            return 16
        }
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
