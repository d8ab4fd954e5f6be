import Foundation
#if canImport(Glibc)
import Glibc
#endif
import ReportNormalizer

/// Expands command-line paths into the list of inputs to check: files as given, directories recursively
/// (files with a known report extension, in sorted order), glob patterns (`reports/*/2025*.html`, expanded
/// with glob(3) when no file has that name), "-" for standard input. Symbolic links are not followed out of a
/// given directory.
public struct InputCollector {
    public enum Input: Sendable, Equatable {
        case file(String)
        case stdin
        /// A path that does not exist or cannot be listed: reported as an input error, the rest goes on.
        case missing(String, reason: String)

        /// The path as given or found ("-" for standard input).
        public var path: String {
            switch self {
            case .file(let p), .missing(let p, _): return p
            case .stdin: return "-"
            }
        }
    }

    public struct Collection: Sendable {
        public var inputs: [Input] = []
        /// Files inside directories skipped because their extension is not a report format.
        public var skipped = 0
    }

    public init() {}

    public func collect(_ paths: [String]) -> Collection {
        var result = Collection()
        let fm = FileManager.default
        for path in paths {
            if path == "-" { result.inputs.append(.stdin); continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
                if path.contains(where: { "*?[".contains($0) }) {
                    let matches = Self.glob(path)
                    if !matches.isEmpty {
                        let expanded = collect(matches)
                        result.inputs += expanded.inputs
                        result.skipped += expanded.skipped
                        continue
                    }
                }
                result.inputs.append(.missing(path, reason: "no such file or directory"))
                continue
            }
            if !isDir.boolValue { result.inputs.append(.file(path)); continue }
            walk(path, root: (path as NSString).resolvingSymlinksInPath, into: &result)
        }
        return result
    }

    /// The paths matching a shell pattern, sorted (glob(3) without brace or tilde expansion).
    static func glob(_ pattern: String) -> [String] {
        var g = glob_t()
        defer { globfree(&g) }
        guard Glibc.glob(pattern, 0, nil, &g) == 0 else { return [] }
        var out: [String] = []
        for i in 0..<Int(g.gl_pathc) {
            if let p = g.gl_pathv[i] { out.append(String(cString: p)) }
        }
        return out.sorted()
    }

    private func walk(_ dir: String, root: String, into result: inout Collection) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else {
            result.inputs.append(.missing(dir, reason: "cannot list directory"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            // lstat, not FileManager.attributesOfItem (which also lists extended attributes, per file).
            var st = stat()
            guard lstat(full, &st) == 0 else { continue }
            let mode = st.st_mode & S_IFMT
            var isDir = mode == S_IFDIR
            if mode == S_IFLNK {
                // Follow a link only when it stays inside the root being walked.
                let target = (full as NSString).resolvingSymlinksInPath
                guard target == root || target.hasPrefix(root + "/") else { result.skipped += 1; continue }
                var targetIsDir: ObjCBool = false
                guard fm.fileExists(atPath: target, isDirectory: &targetIsDir) else { continue }
                if targetIsDir.boolValue { continue }  // no directory links: avoids cycles
                isDir = false
            }
            if isDir {
                walk(full, root: root, into: &result)
            } else if Normalizer.format(forPath: full) != nil {
                result.inputs.append(.file(full))
            } else {
                result.skipped += 1
            }
        }
    }
}
