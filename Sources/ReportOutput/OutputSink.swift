#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a reporter's text goes: standard output (`path` nil or "-"), or a file written atomically — a temporary
/// file in the same directory, put in the target's place on `close()` (for a large output, the file it replaces is
/// kept as the next run's temporary file: `OutputSpare`). A run killed before `close()` leaves the previous output
/// intact (at worst a `.NAME.tmp-XXXXXX` file next to it).
public struct OutputSink {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    private final class Storage {
        let fd: Int32
        let target: String?
        /// An atomic output's temporary file (nil: standard output, a device or a pipe, written as they are).
        let temporary: OutputSpare.TemporaryFile?
        /// A descriptor opened for a device or pipe target (closed by `close()`; standard output is not).
        let ownsDescriptor: Bool
        var buffer: [UInt8] = []
        var closed = false
        /// The writer expands compact JSON (`expandInBackground`).
        var expands = false
        let flushThreshold: Int
        /// Writes the temporary file of an atomic output in the background (nil: written here, at once).
        let writer: BackgroundFileWriter?

        init(fd: Int32, target: String?, temporary: OutputSpare.TemporaryFile? = nil, ownsDescriptor: Bool = false) {
            self.fd = fd
            self.target = target
            self.temporary = temporary
            self.ownsDescriptor = ownsDescriptor
            writer = temporary == nil ? nil : BackgroundFileWriter(fd: fd)
            flushThreshold = target == nil ? 0 : temporary == nil ? 1 << 16 : 1 << 20
        }

        func flush() throws {
            if let writer {
                guard !buffer.isEmpty else { return }
                let e = writer.submit(swapping: &buffer, capacity: flushThreshold + (1 << 16))
                if e != 0 { throw writeFailure(e) }
                return
            }
            var offset = 0
            while offset < buffer.count {
                let n = buffer.withUnsafeBytes { raw in sysWrite(fd, raw.baseAddress! + offset, raw.count - offset) }
                if n < 0 {
                    if errno == EINTR { continue }
                    let msg = String(cString: strerror(errno))
                    buffer.removeAll()
                    throw Failure(description: "cannot write \(target ?? "standard output"): \(msg)")
                }
                offset += n
            }
            buffer.removeAll(keepingCapacity: true)
        }

        /// What a failed background write says (`e`: an errno, or the writer's failed expansion).
        func writeFailure(_ e: Int32) -> Failure {
            let reason = e == BackgroundFileWriter.transformFailed
                ? CompactResultJSON.Unexpandable().description
                : String(cString: strerror(e))
            return Failure(description: "cannot write \(target ?? ""): \(reason)")
        }

        /// Waits for the background writes; throws the first one that failed.
        func finishWrites() throws {
            guard let writer else { return }
            let e = writer.finish()
            if e != 0 { throw writeFailure(e) }
        }

        /// Ends an output not closed: the temporary file is removed and the previous output kept.
        func abandon() {
            guard !closed else { return }
            closed = true
            if temporary != nil { removeTemporary() } else if ownsDescriptor { _ = Glibc_close(fd) }
        }

        /// Waits for the background writes, then closes and removes the temporary file.
        func removeTemporary() {
            guard let temporary else { return }
            _ = writer?.finish()
            _ = Glibc_close(fd)
            _ = unlink(temporary.path)
        }

        deinit { abandon() }   // dropped without close()
    }

    private let storage: Storage

    /// Opens standard output (`nil` or "-") or starts an atomic write of `path`.
    public init(path given: String?) throws {
        guard let given, given != "-" else {
            storage = Storage(fd: 1, target: nil)
            return
        }
        var path = given
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT != S_IFREG {
            // A device, pipe or socket (/dev/null, /dev/stdout, a named pipe) is written to as it is: renaming a
            // temporary file over it would replace it with a regular file.
            if st.st_mode & S_IFMT == S_IFDIR { throw Failure(description: "cannot write \(path): is a directory") }
            let fd = open(path, O_WRONLY | O_CLOEXEC)
            guard fd >= 0 else { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
            storage = Storage(fd: fd, target: path, ownsDescriptor: true)
            return
        }
        // A symbolic link stays one: the file it points to is replaced.
        var link = stat()
        if lstat(path, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(path, nil) {
            path = String(cString: resolved)
            free(resolved)
        }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard !name.isEmpty else { throw Failure(description: "cannot write \(path): not a file name") }
        guard let temporary = OutputSpare.temporaryFile(directory: dir, name: name) else {
            throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))")
        }
        // A new temporary file is 0600; give the output the existing file's mode, else 0666 minus the umask.
        if stat(path, &st) == 0 {
            _ = fchmod(temporary.fd, st.st_mode & 0o7777)
        } else {
            let mask = umask(0)
            umask(mask)
            _ = fchmod(temporary.fd, 0o666 & ~mask)
        }
        storage = Storage(fd: temporary.fd, target: path, temporary: temporary)
    }

    /// Appends text (standard output is written at once so streaming formats stream; files are buffered).
    public func write(_ text: String) throws {
        guard !storage.closed else { throw Failure(description: "write after close") }
        var text = text
        // As a buffer of bytes: appending the UTF8View or an array slice went through their generic paths, with a
        // retain and a release per call (a warm rerun writes two pieces per reused report).
        text.withUTF8 { storage.buffer.append(contentsOf: $0) }
        if storage.buffer.count > storage.flushThreshold { try storage.flush() }
    }

    /// Appends UTF-8 bytes as they are.
    public func write(bytes: [UInt8]) throws {
        guard !storage.closed else { throw Failure(description: "write after close") }
        bytes.withUnsafeBufferPointer { storage.buffer.append(contentsOf: $0) }
        if storage.buffer.count > storage.flushThreshold { try storage.flush() }
    }

    /// Lets `body` append UTF-8 bytes to the buffer directly: many small pieces for one check and at most one flush.
    func write(appending body: (inout [UInt8]) throws -> Void) throws {
        guard !storage.closed else { throw Failure(description: "write after close") }
        try body(&storage.buffer)
        if storage.buffer.count > storage.flushThreshold { try storage.flush() }
    }

    /// Appends part of an array of UTF-8 bytes.
    public func write(bytes: ArraySlice<UInt8>) throws {
        guard !storage.closed else { throw Failure(description: "write after close") }
        bytes.withUnsafeBufferPointer { storage.buffer.append(contentsOf: $0) }
        if storage.buffer.count > storage.flushThreshold { try storage.flush() }
    }

    /// True once `expandInBackground` took effect: compact JSON (`CompactResultJSON`) may be written as it is.
    public var expandsInBackground: Bool { storage.expands }

    /// Lets compact JSON lines be written as they are: the writer's thread expands each buffer before writing it,
    /// so the thread producing a warm rerun's output copies a row's compact form instead of expanding it. Only for a
    /// file written in the background; returns whether it took effect (else expand before writing).
    @discardableResult
    public func expandInBackground(with codec: CompactResultJSON) -> Bool {
        guard let writer = storage.writer, !storage.expands else { return storage.expands }
        writer.rewriteBuffers { bytes, out in
            guard CompactResultJSON.hasMarker(bytes) else { return nil }
            return codec.expand(lines: bytes, into: &out)
        }
        storage.expands = true
        return true
    }

    /// Flushes; for a file, syncs and renames the temporary file over the target.
    public func close() throws {
        guard !storage.closed else { return }
        storage.closed = true
        do {
            try storage.flush()
            try storage.finishWrites()
        } catch {
            storage.removeTemporary()
            throw error
        }
        if storage.ownsDescriptor, Glibc_close(storage.fd) != 0 {
            throw Failure(description: "cannot write \(storage.target ?? ""): \(String(cString: strerror(errno)))")
        }
        guard let target = storage.target, let temporary = storage.temporary else { return }
        // A spare written over may be longer than this output: cut it where the writes (from offset 0) ended.
        let cut = !temporary.reusesSpare || ftruncate(storage.fd, lseek(storage.fd, 0, SEEK_CUR)) == 0
        let synced = cut && fsync(storage.fd) == 0
        let closed = Glibc_close(storage.fd) == 0
        guard synced, closed else {
            let msg = String(cString: strerror(errno))
            _ = unlink(temporary.path)
            throw Failure(description: "cannot write \(target): \(msg)")
        }
        let e = OutputSpare.install(temporary, as: target)
        guard e == 0 else {
            _ = unlink(temporary.path)
            throw Failure(description: "cannot write \(target): \(String(cString: strerror(e)))")
        }
    }

    /// Abandons a file output: the temporary file is removed and the previous output kept.
    public func discard() {
        storage.abandon()
    }
}

@inline(__always) private func Glibc_close(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    return Glibc.close(fd)
    #elseif canImport(Musl)
    return Musl.close(fd)
    #else
    return Darwin.close(fd)
    #endif
}

@inline(__always) private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, p, n)
    #elseif canImport(Musl)
    return Musl.write(fd, p, n)
    #else
    return Darwin.write(fd, p, n)
    #endif
}
