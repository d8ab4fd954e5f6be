/// Checks done on .docx bytes before ZIPFoundation sees them (found by fuzzing, issue 7).
///
/// ZIPFoundation 0.9.20's in-memory `Archive(data:accessMode: .read)` leaks the whole input (its `MemoryFile` and
/// the `FILE*` opened on it are never closed) when it finds no end-of-central-directory record, and it looks for
/// that record by seeking backwards one byte at a time through the *entire* input. A non-zip ".docx" (an HTML
/// page saved with the wrong extension is common) therefore cost a slow scan and leaked its size every time.
/// `hasEndOfCentralDirectory` answers the same question as ZIPFoundation's scan, only within the last
/// 22 + 65,535 bytes where a valid record must lie, so ZIPFoundation is called only when its scan succeeds.
import Foundation
import ZIPFoundation

enum ZipSafety {
    static let eocdSize = 22

    /// True when the last end-of-central-directory signature in the tail of `bytes` starts a complete record
    /// (22 bytes plus its comment) — exactly when ZIPFoundation's `scanForEndOfCentralDirectoryRecord` succeeds.
    static func hasEndOfCentralDirectory(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= eocdSize else { return false }
        let lowest = max(0, bytes.count - eocdSize - 0xFFFF)
        var p = bytes.count - eocdSize
        while p >= lowest {
            if bytes[p] == 0x50, bytes[p + 1] == 0x4B, bytes[p + 2] == 0x05, bytes[p + 3] == 0x06 {
                let commentLength = Int(bytes[p + 20]) | Int(bytes[p + 21]) << 8
                return p + eocdSize + commentLength <= bytes.count
            }
            p -= 1
        }
        return false
    }

    /// The archive read from a private temporary file (mode 0600, unlinked at once; the open FILE* keeps it readable).
    /// ZIPFoundation's file-backed reader gets short reads past the end of a hostile archive, where its in-memory
    /// reader (`Archive(data:)`) traps with "Range requires lowerBound <= upperBound".
    static func openArchive(_ bytes: [UInt8]) -> Archive? {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("reportlint-\(UUID().uuidString).docx")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes),
                                             attributes: [.posixPermissions: 0o600]) else { return nil }
        defer { try? FileManager.default.removeItem(at: url) }
        return try? Archive(url: url, accessMode: .read)
    }
}
