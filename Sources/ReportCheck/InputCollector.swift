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
        public var inputs = InputList()
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
        guard let entries = Self.list(dir) else {
            result.inputs.append(.missing(dir, reason: "cannot list directory"))
            return
        }
        for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
            let full = dir.hasSuffix("/") ? dir + entry.name : dir + "/" + entry.name
            var kind = entry.kind
            if kind == .unknown {
                // Filesystems without d_type: lstat (not FileManager.attributesOfItem, which lists extended
                // attributes per file).
                var st = stat()
                guard lstat(full, &st) == 0 else { continue }
                let mode = st.st_mode & S_IFMT
                kind = mode == S_IFDIR ? .directory : mode == S_IFLNK ? .symlink : mode == S_IFREG ? .file : .other
            }
            var isDir = kind == .directory
            if kind == .symlink {
                // Follow a link only when it stays inside the root being walked.
                let target = (full as NSString).resolvingSymlinksInPath
                guard target == root || target.hasPrefix(root + "/") else { result.skipped += 1; continue }
                var targetIsDir: ObjCBool = false
                guard FileManager.default.fileExists(atPath: target, isDirectory: &targetIsDir) else { continue }
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

    private enum EntryKind { case file, directory, symlink, other, unknown }

    /// A directory's entries with their type from readdir(3) (d_type): no stat per file on the usual filesystems,
    /// which mattered for a warm rerun over tens of thousands of files.
    private static func list(_ dir: String) -> [(name: String, kind: EntryKind)]? {
        guard let handle = opendir(dir) else { return nil }
        defer { closedir(handle) }
        var entries: [(name: String, kind: EntryKind)] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let kind: EntryKind
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_REG): kind = .file
            case Int32(DT_DIR): kind = .directory
            case Int32(DT_LNK): kind = .symlink
            case Int32(DT_UNKNOWN): kind = .unknown
            default: kind = .other
            }
            entries.append((name, kind))
        }
        return entries
    }
}
