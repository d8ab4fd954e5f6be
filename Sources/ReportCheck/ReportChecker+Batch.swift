import Foundation
import ReportDocument
import ReportNormalizer
import RuleEngine
#if canImport(Glibc)
import Glibc
#endif

extension ReportChecker {
    /// Reads a file whole (at most `options.maxInputBytes`), with the same reasons as the normalizer gives.
    public func readInput(path: String) -> Result<[UInt8], InputError> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "no such file" : errno == EACCES ? "cannot open file (permission denied?)" : "cannot open file (\(String(cString: strerror(errno))))"
            return .failure(InputError(path: path, reason: reason))
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(InputError(path: path, reason: "cannot read file")) }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failure(InputError(path: path, reason: "is a directory")) }
        let limit = options.maxInputBytes
        var bytes = [UInt8](repeating: 0, count: min(limit + 1, max(Int(st.st_size), 0) + 1))
        var count = 0
        while true {
            if count == bytes.count {
                if count > limit { break }
                bytes.append(contentsOf: repeatElement(0, count: min(limit + 1 - count, max(count, 4096))))
            }
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 { if errno == EINTR { continue }; return .failure(InputError(path: path, reason: "cannot read file")) }
            if n == 0 { break }
            count += n
        }
        if count > limit { return .failure(InputError(path: path, reason: "file larger than the \(limit / (1024 * 1024)) MB limit")) }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }

    /// Checks bytes read from `path`, with metadata from a manifest entry overriding or completing what the
    /// report states (agency, year).
    public func check(bytes: [UInt8], path: String, format: InputFormat, manifest: Manifest.Entry?) -> ReportResult {
        guard let manifest, manifest.agency != nil || manifest.year != nil else {
            return check(bytes: bytes, path: path, format: format)
        }
        do {
            var doc = try Normalizer.normalize(bytes: bytes, path: path, format: format, options: options)
            if let a = manifest.agency { doc.metadata.agency = MetadataField(value: a, source: "manifest", text: a) }
            if let y = manifest.year { doc.metadata.year = MetadataField(value: y, source: "manifest", text: String(y)) }
            return evaluate(doc)
        } catch {
            return .inputError(path: path, format: format, message: error.description)
        }
    }

    /// An identity of the running binary (version + executable size and mtime): a rebuilt tool may judge
    /// differently, so cached results of another build are not reused.
    public static var toolBuild: String {
        let exe = ResultCache.FileStat.of(path: "/proc/self/exe") ?? ResultCache.FileStat.of(path: CommandLine.arguments[0])
        return "\(ToolInfo.version)+\(exe.map { "\($0.size).\($0.mtimeNanoseconds)" } ?? "unknown")"
    }
}
