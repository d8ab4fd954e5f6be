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
        var p = (path as NSString).standardizingPath
        let cwd = workingDirectory
        if p.hasPrefix(cwd + "/") { p = String(p.dropFirst(cwd.count + 1)) }
        while p.hasPrefix("./") { p = String(p.dropFirst(2)) }
        return p
    }

    static func anchor(for finding: Finding, in document: Document) -> String {
        guard let line = finding.evidence.first?.line else { return "document" }
        var anchor = "document"
        for section in document.sections {
            let block = document.blocks[section.headingBlock]
            if block.location.line > line { break }
            anchor = block.heading.map { "\($0.level):\($0.title)" } ?? block.text
        }
        return anchor
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
