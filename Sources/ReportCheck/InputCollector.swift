import Foundation
import ReportNormalizer

/// Expands command-line paths into the list of inputs to check: files as given, directories recursively
/// (files with a known report extension, in sorted order), "-" for standard input. Symbolic links are not
/// followed out of a given directory.
public struct InputCollector {
    public enum Input: Sendable, Equatable {
        case file(String)
        case stdin
        /// A path that does not exist or cannot be listed: reported as an input error, the rest goes on.
        case missing(String, reason: String)
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
                result.inputs.append(.missing(path, reason: "no such file or directory"))
                continue
            }
            if !isDir.boolValue { result.inputs.append(.file(path)); continue }
            walk(path, root: (path as NSString).resolvingSymlinksInPath, into: &result)
        }
        return result
    }

    private func walk(_ dir: String, root: String, into result: inout Collection) {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: dir) else {
            result.inputs.append(.missing(dir, reason: "cannot list directory"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let full = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            guard let attrs = try? fm.attributesOfItem(atPath: full), let type = attrs[.type] as? FileAttributeType else { continue }
            var isDir = type == .typeDirectory
            if type == .typeSymbolicLink {
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
