import CFileIO
import Foundation

/// Writes an output file's buffers on a background queue, in order, so the thread producing the output (a batch's
/// delivering thread, which also feeds the cache) does not wait for the kernel to copy 100 MB into the page cache.
/// At most `depth` buffers are in flight (memory stays bounded); pages are sent to disk every `writebackChunk`
/// bytes as the file grows, so the final fsync waits for the last piece only. The first write error is kept and
/// reported by the next `submit` or by `finish`.
final class BackgroundFileWriter: @unchecked Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "reportlint.output-writer")
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    /// errno of the first failed write; 0 while all is well (guarded by `lock`).
    private var failure: Int32 = 0
    // Touched on `queue` only.
    private var written = 0
    private var writebackStarted = 0
    /// Written buffers, emptied, for the producer to fill again (guarded by `lock`): the same few megabytes serve
    /// the whole output, instead of a fresh megabyte per flush allocated on the producing thread and freed on this
    /// one (page faults on every new buffer, and memory the allocator keeps per thread).
    private var spares: [[UInt8]] = []
    private let depth: Int
    /// Rewrites a buffer before it is written, on the writer's thread (set before the first submit; see
    /// `rewriteBuffers`).
    private var transform: (@Sendable (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Bool?)?
    /// The transform's output buffer, reused (touched on `queue` only).
    private var scratch: [UInt8] = []
    /// Bytes after the last whole page written, held for the next buffer (touched on `queue` only): every write but
    /// the last covers whole pages, so writing over a reused file (`OutputSpare`) whose pages have left the page
    /// cache never makes the kernel read a page from disk first to merge a partial one into it.
    private var tail: [UInt8] = []
    static let pageSize = 4096

    static let writebackChunk = 8 << 20
    /// The failure recorded when `transform` refuses a buffer (not an errno: errno values are positive).
    static let transformFailed: Int32 = -1

    /// Sets the rewrite every buffer goes through before it is written: `body` appends the bytes to write to its
    /// second argument and returns true, returns nil to write the buffer as it is, or false to fail the output.
    func rewriteBuffers(with body: @escaping @Sendable (UnsafeBufferPointer<UInt8>, inout [UInt8]) -> Bool?) {
        transform = body
    }

    init(fd: Int32, depth: Int = 4) {
        self.fd = fd
        self.depth = depth
        self.slots = DispatchSemaphore(value: depth)
    }

    private func recycle(_ bytes: inout [UInt8]) {
        var buffer: [UInt8] = []
        swap(&buffer, &bytes)
        buffer.removeAll(keepingCapacity: true)
        lock.lock(); defer { lock.unlock() }
        if spares.count < depth { spares.append(buffer) }
    }

    /// Queues the bytes of `buffer` after the buffers submitted before, and leaves an empty buffer in its place: one
    /// already written, or a new one of `capacity` while fewer than `depth` + 1 exist. Waits while `depth` buffers
    /// are still being written — before taking a spare, so that the one just written is reused (taking it first
    /// found none while all were in flight: a fresh megabyte every flush, its pages faulted in, and the spare freed
    /// later). Returns the errno of an earlier failed write (nothing more is written then), else 0.
    func submit(swapping buffer: inout [UInt8], capacity: Int) -> Int32 {
        if let e = firstFailure { return e }
        slots.wait()
        lock.lock()
        var bytes = spares.popLast() ?? []
        lock.unlock()
        if bytes.capacity == 0 { bytes.reserveCapacity(capacity) }
        swap(&bytes, &buffer)
        // Consumed, not copied: the writer must hold the only reference, or emptying it for reuse reallocates it.
        let box = BufferBox(consume bytes)
        queue.async { [self] in
            defer { slots.signal() }
            guard firstFailure == nil else { return }
            var bytes = box.take()
            defer { recycle(&bytes) }
            var rewritten = false
            if let transform {
                scratch.removeAll(keepingCapacity: true)
                switch bytes.withUnsafeBufferPointer({ transform($0, &scratch) }) {
                case true?: rewritten = true
                case false?: record(Self.transformFailed); return
                case nil: break
                }
            }
            let ok = rewritten ? scratch.withUnsafeBytes(writePages) : bytes.withUnsafeBytes(writePages)
            if !ok { return }
            if written - writebackStarted >= Self.writebackChunk {
                _ = rl_start_writeback(fd, writebackStarted, written - writebackStarted)
                writebackStarted = written
            }
        }
        return 0
    }

    /// Writes the whole pages of `tail` + `raw` and keeps the rest in `tail` (on `queue`); false after recording a
    /// failed write.
    private func writePages(_ raw: UnsafeRawBufferPointer) -> Bool {
        var rest = raw
        if !tail.isEmpty {
            let fill = min(Self.pageSize - tail.count, rest.count)
            tail.append(contentsOf: rest[..<fill])
            rest = UnsafeRawBufferPointer(rebasing: rest[fill...])
            if tail.count < Self.pageSize { return true }
            guard tail.withUnsafeBytes(writeAll) else { return false }
            tail.removeAll(keepingCapacity: true)
        }
        let whole = rest.count & ~(Self.pageSize - 1)
        guard writeAll(UnsafeRawBufferPointer(rebasing: rest[..<whole])) else { return false }
        tail.append(contentsOf: rest[whole...])
        return true
    }

    /// Writes all of `raw` (on `queue`); false after recording a failed write.
    private func writeAll(_ raw: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset < raw.count {
            let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                record(errno)
                return false
            }
            offset += n
        }
        written += offset
        return true
    }

    /// Waits until everything submitted is written; the errno of a failed write, else 0.
    func finish() -> Int32 {
        queue.sync {
            if firstFailure == nil, !tail.isEmpty { _ = tail.withUnsafeBytes(writeAll) }
            tail.removeAll()
        }
        return firstFailure ?? 0
    }

    private var firstFailure: Int32? {
        lock.lock(); defer { lock.unlock() }
        return failure == 0 ? nil : failure
    }

    private func record(_ e: Int32) {
        lock.lock(); defer { lock.unlock() }
        if failure == 0 { failure = e == 0 ? EIO : e }
    }
}

/// Hands a buffer to the writer's queue so it is owned there alone (taken out, it can be emptied and reused without
/// a copy: the closure no longer holds it).
private final class BufferBox: @unchecked Sendable {
    private var bytes: [UInt8]
    init(_ bytes: consuming [UInt8]) { self.bytes = bytes }
    func take() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &bytes)
        return out
    }
}
