import CFileIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The file a large output replaced, kept next to it as `.NAME.reportlint-spare` and written over by the next run
/// in place of a new temporary file. Renaming a new file over a 90 MB JSON-lines output freed the old one's blocks
/// (~17 ms, waited for by the rename or at exit; more on a filesystem mounted with `discard`) and the new file
/// allocated as many again while it was written. Swapping the finished output with the file it replaces (one atomic
/// exchange) frees nothing, and the next run writes into blocks already allocated. The price is one more file of the
/// output's size on disk; outputs under `minimumSize` never keep one.
enum OutputSpare {
    /// Below this, replacing a file costs well under a millisecond: not worth a hidden file.
    static let minimumSize = 4 << 20

    /// An output's temporary file: where it is, the spare's path beside the output, and whether the file is that
    /// spare being written over (then it may be longer than the new output).
    struct TemporaryFile {
        let fd: Int32
        let path: String
        let sparePath: String
        let reusesSpare: Bool
    }

    /// A temporary file for an output named `name` in `directory` ("" for the root): a new empty file
    /// `.NAME.tmp-XXXXXX` (mkstemp), or the spare `.NAME.reportlint-spare` moved to that name — claimed by one atomic
    /// rename, so two runs writing the same output never share it. A spare is written over only when it is plainly
    /// ours: a regular file (not followed if it is a link), owned by this user, with no other name. Nil (errno set)
    /// when no file can be made.
    static func temporaryFile(directory: String, name: String) -> TemporaryFile? {
        let prefix = (directory.isEmpty ? "" : directory + "/") + "." + name
        let template = prefix + ".tmp-XXXXXX"
        let spare = prefix + ".reportlint-spare"
        func fresh() -> TemporaryFile? {
            makeTemporary(template).map { TemporaryFile(fd: $0.fd, path: $0.path, sparePath: spare, reusesSpare: false) }
        }
        guard let made = fresh() else { return nil }
        // No spare (ENOENT), or not ours to move: the new file.
        guard rename(spare, made.path) == 0 else { return made }
        _ = close(made.fd)   // its empty file was just replaced by the spare
        let claimed = open(made.path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC)
        var st = stat()
        if claimed >= 0, fstat(claimed, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_nlink == 1,
           st.st_uid == geteuid() {
            return TemporaryFile(fd: claimed, path: made.path, sparePath: spare, reusesSpare: true)
        }
        // Something else stood under the spare's name (a link, a file with another name): drop our name for it.
        if claimed >= 0 { _ = close(claimed) }
        _ = unlink(made.path)
        return fresh()
    }

    /// Puts the finished temporary file in the place of `target`. A large file replaced that has no other name is
    /// swapped with the new one and kept as the spare; anything else is replaced by a rename, as is everything on a
    /// filesystem that cannot swap. Returns 0, or the errno of the failed rename.
    static func install(_ temp: TemporaryFile, as target: String) -> Int32 {
        var st = stat()
        if lstat(target, &st) == 0, st.st_mode & S_IFMT == S_IFREG, st.st_nlink == 1, st.st_size >= minimumSize {
            if rl_exchange_paths(temp.path, target) == 0 {
                // `temp.path` names the replaced output now. Not kept if it cannot be moved: it is only a spare.
                if rename(temp.path, temp.sparePath) != 0 { _ = unlink(temp.path) }
                return 0
            }
            guard errno == EINVAL || errno == ENOSYS || errno == EOPNOTSUPP else { return errno }
        }
        return rename(temp.path, target) == 0 ? 0 : errno
    }

    private static func makeTemporary(_ template: String) -> (fd: Int32, path: String)? {
        var name = Array(template.utf8CString)
        let fd = name.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        return (fd, name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
    }
}
