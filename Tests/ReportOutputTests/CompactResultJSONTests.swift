import Foundation
import ReportDocument
import RuleEngine
@testable import ReportOutput
import Testing

/// The compact JSON the result cache keeps: expanding it gives `ResultJSON`'s bytes exactly, it is much smaller, and
/// what this run's rules cannot expand is refused rather than written wrong.
@Suite struct CompactResultJSONTests {
    static let codec = CompactResultJSON(rules: Fixtures.rules)

    @Test(arguments: [Fixtures.passing, Fixtures.failing, Fixtures.inputError, Fixtures.hostile])
    func expandsToTheJSON(_ r: ReportResult) throws {
        let compact = Self.codec.encode(r)
        #expect(try #require(Self.codec.expand(compact)) == ResultJSON.encodeBytes(r))
        // JSON without markers (a row cached as full JSON) comes back as it is.
        #expect(Self.codec.expand(ResultJSON.encodeBytes(r)) == ResultJSON.encodeBytes(r))
        if !r.findings.isEmpty { #expect(compact.count < ResultJSON.encodeBytes(r).count) }
    }

    /// A finding whose rule texts are not this run's (read back from JSON written by another pack version, say)
    /// keeps its texts in full.
    @Test func otherTextsAreKept() throws {
        var r = Fixtures.failing
        r.findings[0].rule.hint = "另一版本的提示"
        let compact = Self.codec.encode(r)
        #expect(String(decoding: compact, as: UTF8.self).contains("另一版本的提示"))
        #expect(try #require(Self.codec.expand(compact)) == ResultJSON.encodeBytes(r))
        // A codec that knows no rules writes everything in full.
        #expect(CompactResultJSON(rules: []).encode(r) == ResultJSON.encodeBytes(r))
    }

    /// Markers a run cannot expand (fewer rules, a truncated or altered row) make `expand` fail.
    @Test func refusesWhatItCannotExpand() {
        let compact = Self.codec.encode(Fixtures.failing)
        #expect(Self.codec.canExpand(compact))
        #expect(Self.codec.canExpand(ResultJSON.encodeBytes(Fixtures.failing)), "no markers: nothing to expand")
        let fewer = CompactResultJSON(rules: Array(Fixtures.rules.prefix(2)))
        #expect(fewer.expand(compact) == nil)
        #expect(!fewer.canExpand(compact))
        let marker = compact.firstIndex(of: 0x01)!
        #expect(Self.codec.expand(Array(compact[...(marker + 2)])) == nil)
        #expect(!Self.codec.canExpand(Array(compact[...(marker + 2)])))
        var altered = compact
        altered[marker + 1] = UInt8(ascii: "X")
        #expect(Self.codec.expand(altered) == nil)
        #expect(!Self.codec.canExpand(altered))
        // A hash byte changed: the marker names another rule text.
        var rehashed = compact
        rehashed[marker + 11] ^= 0xFF
        #expect(Self.codec.expand(rehashed) == nil)
        #expect(!Self.codec.canExpand(rehashed))
    }

    /// Rules numbered differently (another set of configurations in the run) or with other texts under the same id
    /// do not expand a row written with the first numbering: its markers' hashes do not match, and the row is not
    /// reused, rather than expanded with another rule's texts.
    @Test func refusesRenumberedOrChangedRules() {
        let compact = Self.codec.encode(Fixtures.failing)
        let extra = RuleInfo(id: "aaa-custom", pack: "local", title: "自定义", severity: .warning, basis: "本地规定", hint: "写明")
        #expect(CompactResultJSON(rules: [extra] + Fixtures.rules).expand(compact) == nil)
        #expect(CompactResultJSON(rules: Fixtures.rules.reversed()).expand(compact) == nil)
        var changed = Fixtures.rules
        changed[2].hint = "另一版本的提示"
        #expect(CompactResultJSON(rules: changed).expand(compact) == nil)
        #expect(!CompactResultJSON(rules: changed).canExpand(compact))
        // The same rules in the same order, in another codec (the next run): expanded as written.
        #expect(CompactResultJSON(rules: Fixtures.rules).expand(compact) == ResultJSON.encodeBytes(Fixtures.failing))
    }

    /// `canExpand` agrees with `expand`, and writing the compact form to a sink gives the line written from the JSON.
    @Test func writesTheSameLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("compact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var annotation = BatchAnnotation(change: .unchanged)
        annotation.region = "吉林省"
        for (n, r) in [Fixtures.passing, Fixtures.failing, Fixtures.inputError].enumerated() {
            let compact = Self.codec.encode(r)
            #expect(Self.codec.canExpand(compact))
            #expect(!CompactResultJSON(rules: Array(Fixtures.rules.prefix(1))).canExpand(compact) || r.findings.count <= 1)
            for a in [annotation, BatchAnnotation()] {
                let path = dir.appendingPathComponent("\(n)-\(a.isEmpty).jsonl").path
                let sink = try OutputSink(path: path)
                try BatchAnnotation.writeLine(encoded: compact, expandingWith: Self.codec, annotation: a, to: sink)
                try sink.close()
                let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                #expect(written == BatchAnnotation.lineBytes(encoded: ResultJSON.encodeBytes(r), annotation: a))
            }
        }
    }

    /// Writing a row whose marker this run cannot expand fails with an error saying so (and writes nothing usable).
    @Test func writingAnUnexpandableRowThrows() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unexpandable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let compact = Self.codec.encode(Fixtures.failing)
        let sink = try OutputSink(path: dir.appendingPathComponent("o.jsonl").path)
        #expect(throws: CompactResultJSON.Unexpandable.self) {
            try BatchAnnotation.writeLine(encoded: compact, expandingWith: CompactResultJSON(rules: []),
                                          annotation: BatchAnnotation(), to: sink)
        }
        sink.discard()
        #expect("\(CompactResultJSON.Unexpandable())".contains("delete the cache"))
    }
}

/// A file sink whose writer thread expands compact JSON lines (a warm rerun's JSON-lines output): the file holds
/// exactly the expanded lines, compact or not, however the buffers split them; a marker it cannot expand fails the
/// output instead of writing it, and the previous output stays.
@Suite struct BackgroundExpansionTests {
    static let codec = CompactResultJSON(rules: Fixtures.rules)

    @Test func writesTheExpandedLines() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rl-bgx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.jsonl").path
        let results = [Fixtures.passing, Fixtures.failing, Fixtures.inputError, Fixtures.hostile]
        var expected: [UInt8] = []
        let sink = try OutputSink(path: path)
        #expect(sink.expandInBackground(with: Self.codec))
        // Enough lines for several 1 MB buffers, compact and expanded lines mixed.
        for i in 0..<3000 {
            let r = results[i % results.count]
            let line = (i % 7 == 0 ? ResultJSON.encodeBytes(r) : Self.codec.encode(r)) + Array("\n".utf8)
            try sink.write(bytes: line)
            expected += ResultJSON.encodeBytes(r) + Array("\n".utf8)
        }
        try sink.close()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
        // Standard output has no writer thread: the caller expands.
        #expect(try !OutputSink(path: nil).expandInBackground(with: Self.codec))
    }

    @Test func failsOnAMarkerItCannotExpand() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rl-bgx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.jsonl").path
        try "previous\n".write(toFile: path, atomically: false, encoding: .utf8)
        let sink = try OutputSink(path: path)
        sink.expandInBackground(with: CompactResultJSON(rules: Array(Fixtures.rules.prefix(2))))
        try sink.write(bytes: Self.codec.encode(Fixtures.failing) + Array("\n".utf8))
        let error = #expect(throws: OutputSink.Failure.self) { try sink.close() }
        // The message names the output and the reason, and says what to do.
        #expect(error?.description.contains(path) == true)
        #expect(error?.description.contains("cannot expand") == true)
        #expect(error?.description.contains("delete the cache") == true)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous\n")
    }
}
