import Foundation
import Testing
import TestSupport
@testable import ReportOutput

/// A large output's replaced file is kept as `.NAME.reportlint-spare` and written over by the next run; the spare is
/// used only when it is plainly ours, and whatever happens the output is complete and the previous one intact until
/// the new one is.
@Suite("OutputSpare")
struct OutputSpareTests {
    let dir = TestTemporaryFiles.directoryURL(prefix: "reportlint-spare")
    var out: String { dir.appendingPathComponent("out.jsonl").path }
    var spare: String { dir.appendingPathComponent(".out.jsonl.reportlint-spare").path }

    /// A `size`-byte text whose bytes depend on `seed`.
    func text(_ seed: Int, size: Int) -> String {
        let line = "第\(seed)行 " + String(repeating: Character(UnicodeScalar(UInt8(97 + seed % 26))), count: 50) + "\n"
        return String(repeating: line, count: size / line.utf8.count + 1)
    }

    func write(_ s: String) throws {
        let sink = try OutputSink(path: out)
        try sink.write(s)
        try sink.close()
    }

    func inode(_ path: String) -> ino_t? {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_ino : nil
    }

    /// Writes two large outputs, so that a spare exists (holding the first), and returns their size.
    func outputWithSpare() throws -> Int {
        let big = OutputSpare.minimumSize + 1
        try write(text(1, size: big))
        try write(text(2, size: big))
        return big
    }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    func contents(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func theReplacedFileIsKeptAndWrittenOverNextTime() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = OutputSpare.minimumSize + 100_000
        try write(text(1, size: big))
        let first = inode(out)
        #expect(try names() == ["out.jsonl"], "nothing replaced: no spare")
        try write(text(2, size: big))
        let second = inode(out)
        #expect(try contents(out) == text(2, size: big))
        #expect(inode(spare) == first, "the replaced file is the spare")
        #expect(try contents(spare) == text(1, size: big))
        // Shorter this time: the spare is written over and cut to the new length.
        try write(text(3, size: big - 50_000))
        #expect(inode(out) == first, "the spare became the output")
        #expect(inode(spare) == second)
        #expect(try contents(out) == text(3, size: big - 50_000))
        #expect(try names() == [".out.jsonl.reportlint-spare", "out.jsonl"])
    }

    @Test func smallOutputsKeepNoSpare() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        try write(text(1, size: 10_000))
        try write(text(2, size: OutputSpare.minimumSize + 10))   // replaces a small file: nothing kept
        #expect(try names() == ["out.jsonl"])
        try write(text(3, size: 10_000))   // replaces a large one: kept, whatever the new size
        #expect(try names() == [".out.jsonl.reportlint-spare", "out.jsonl"])
        try write(text(4, size: 20_000))   // written over the spare; replaces a small file: none left
        #expect(try names() == ["out.jsonl"])
        #expect(try contents(out) == text(4, size: 20_000))
    }

    @Test func anOutputWithAnotherNameIsReplacedNotSwapped() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = OutputSpare.minimumSize + 1
        try write(text(1, size: big))
        let archive = dir.appendingPathComponent("archive.jsonl").path
        #expect(link(out, archive) == 0)
        try write(text(2, size: big))
        try write(text(3, size: big))
        #expect(try contents(archive) == text(1, size: big), "a hard link to an old output is never written over")
        #expect(try contents(out) == text(3, size: big))
    }

    @Test func aSpareThatIsNotPlainlyOursIsNotWrittenThrough() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = OutputSpare.minimumSize + 1
        try write(text(1, size: big))
        // A link planted under the spare's name is not followed.
        let victim = dir.appendingPathComponent("victim").path
        try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
        #expect(symlink(victim, spare) == 0)
        try write(text(2, size: big))
        #expect(try contents(victim) == "keep me")
        #expect(try contents(out) == text(2, size: big))
        // A file with a second name under the spare's name is not written over either.
        #expect(unlink(spare) == 0 || errno == ENOENT)
        try "other".write(toFile: victim, atomically: false, encoding: .utf8)
        #expect(link(victim, spare) == 0)
        try write(text(3, size: big))
        #expect(try contents(victim) == "other")
        #expect(try contents(out) == text(3, size: big))
    }

    @Test func anAbandonedRunOverTheSpareKeepsThePreviousOutput() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = try outputWithSpare()
        do {
            let sink = try OutputSink(path: out)
            try sink.write(text(9, size: 3_000_000))   // written into the claimed spare, never closed
        }
        #expect(try contents(out) == text(2, size: big))
        let sink = try OutputSink(path: out)
        try sink.write(text(8, size: 3_000_000))
        sink.discard()
        #expect(try contents(out) == text(2, size: big))
        try write(text(4, size: big))
        #expect(try contents(out) == text(4, size: big))
    }

    /// Two runs writing the same output at once: one claims the spare, the other a new file; each result is whole.
    @Test func twoWritersNeverShareTheSpare() throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = try outputWithSpare()
        let a = try OutputSink(path: out)
        let b = try OutputSink(path: out)
        try a.write(text(5, size: big))
        try b.write(text(6, size: big + 7))
        try a.close()
        #expect(try contents(out) == text(5, size: big))
        try b.close()
        #expect(try contents(out) == text(6, size: big + 7))
        #expect(try contents(spare) == text(5, size: big))
        #expect(try names() == [".out.jsonl.reportlint-spare", "out.jsonl"])
    }

    /// Every write but the last covers whole pages, whatever the buffers' sizes, so writing over a spare whose pages
    /// left the page cache never reads a page to merge a partial one. Seen through a packet socket: each write() is
    /// one packet.
    @Test func writesCoverWholePages() throws {
        var pair: [Int32] = [0, 0]
        #expect(socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &pair) == 0)
        defer { close(pair[0]) }
        let readEnd = pair[1]
        let packets = PacketLog()
        let reader = Thread {
            var chunk = [UInt8](repeating: 0, count: 1 << 17)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                packets.add(Array(chunk[..<n]))
            }
            close(readEnd)
            packets.finish()
        }
        reader.start()
        let writer = BackgroundFileWriter(fd: pair[0])
        var expected: [UInt8] = []
        for (k, size) in [1, 4095, 1, 10_000, 4096, 8192, 3, 20_000, 100].enumerated() {
            var buffer = (0..<size).map { UInt8(($0 &* 7 &+ k) % 251) }
            expected += buffer
            #expect(writer.submit(swapping: &buffer, capacity: 1024) == 0)
        }
        #expect(writer.finish() == 0)
        shutdown(pair[0], Int32(SHUT_WR))
        let sizes = packets.waitForEnd().map(\.count)
        #expect(sizes.dropLast().allSatisfy { $0 > 0 && $0 % BackgroundFileWriter.pageSize == 0 }, "\(sizes)")
        #expect(sizes.last == expected.count % BackgroundFileWriter.pageSize)
        #expect(packets.bytes == expected)
    }

    /// The output's directory removed during the run (a cleanup job): closing fails with a message naming the
    /// output and the reason, whether the temporary file was new or the spare written over.
    @Test(arguments: [false, true])
    func aVanishedDirectoryFailsNamingTheOutput(withSpare: Bool) throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        if withSpare { _ = try outputWithSpare() }
        let sink = try OutputSink(path: out)
        try sink.write(text(5, size: 2_000_000))
        try FileManager.default.removeItem(at: dir)
        do {
            try sink.close()
            Issue.record("close succeeded without a directory")
        } catch let e as OutputSink.Failure {
            #expect(e.description.hasPrefix("cannot write \(out): "), "\(e)")
            #expect(e.description.contains("No such file or directory"), "\(e)")
        }
    }
}

private final class PacketLog: @unchecked Sendable {
    private let done = NSCondition()
    private var packets: [[UInt8]] = []
    private var ended = false
    func add(_ p: [UInt8]) { done.lock(); packets.append(p); done.unlock() }
    func finish() { done.lock(); ended = true; done.broadcast(); done.unlock() }
    func waitForEnd() -> [[UInt8]] {
        done.lock(); defer { done.unlock() }
        while !ended { done.wait() }
        return packets
    }
    var bytes: [UInt8] { done.lock(); defer { done.unlock() }; return packets.flatMap { $0 } }
}
