import CLibXML2
import Foundation
import Testing
import ReportDocument
import RuleEngine
import TestSupport
@testable import ReportOutput

/// Runs a Python snippet with the given stdin; returns (status, stdout+stderr).
func runPython(_ script: String, input: String) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script]
    let inPipe = Pipe(), outPipe = Pipe()
    p.standardInput = inPipe
    p.standardOutput = outPipe
    p.standardError = outPipe
    try p.run()
    let data = Data(input.utf8)
    let writer = Thread { inPipe.fileHandleForWriting.write(data); try? inPipe.fileHandleForWriting.close() }
    writer.start()
    let out = outPipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: out, as: UTF8.self))
}

let allResults = [Fixtures.passing, Fixtures.failing, Fixtures.inputError, Fixtures.hostile]

@Suite("SARIF")
struct SARIFTests {
    static let schemaPath = ProcessInfo.processInfo.environment["SARIF_SCHEMA"] ?? {
        // Tests/ReportOutputTests → worktree → /work/shared/schemas
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let candidates = [
            here.appendingPathComponent("../../../shared/schemas/sarif-schema-2.1.0.json").standardized.path,
            "/work/shared/schemas/sarif-schema-2.1.0.json",
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0) } ?? candidates[0]
    }()

    /// The schema file keeps the log's definition under `definitions.Root` (its top level has no `properties`),
    /// so validating against the file as is would accept anything: validate against `#/definitions/Root`.
    static let validator = """
    import json, sys
    import jsonschema
    schema = json.load(open(sys.argv[1] if len(sys.argv) > 1 else SCHEMA, encoding='utf-8'))
    root = {'$schema': schema['$schema'], 'definitions': schema['definitions'], '$ref': '#/definitions/Root'}
    log = json.load(sys.stdin)
    v = jsonschema.Draft7Validator(root)
    errors = sorted(v.iter_errors(log), key=lambda e: list(e.path))
    for e in errors[:10]:
        print(list(e.path), e.message)
    sys.exit(1 if errors else 0)
    """

    func validate(_ sarif: String) throws -> (Int32, String) {
        let script = "SCHEMA = \(String(reflecting: Self.schemaPath))\n" + Self.validator
        return try runPython(script, input: sarif)
    }

    @Test func validatesAgainstSchema() throws {
        #expect(FileManager.default.fileExists(atPath: Self.schemaPath), "SARIF schema not found at \(Self.schemaPath)")
        let out = Reporters.render(.sarif, context: Fixtures.context, results: allResults)
        let (status, text) = try validate(out)
        #expect(status == 0, "\(text)")
    }

    @Test func validatorRejectsBrokenLog() throws {
        // Guard against a validator that accepts everything.
        let out = Reporters.render(.sarif, context: Fixtures.context, results: [Fixtures.failing])
        let broken = out.replacingOccurrences(of: "\"level\": \"warning\"", with: "\"level\": \"fatal\"")
        #expect(broken != out)
        let (status, text) = try validate(broken)
        #expect(status == 1, "\(text)")
        #expect(text.contains("fatal"))
    }

    @Test func resultsAndRules() throws {
        var parser = JSONParser(Reporters.render(.sarif, context: Fixtures.context, results: allResults))
        let log = try parser.parseDocument()
        let run = log["runs"]!.array![0]
        let rules = run["tool"]!["driver"]!["rules"]!.array!
        #expect(rules.count == 13)
        #expect(rules.map { $0["id"]!.string! } == Fixtures.rules.map(\.id))
        #expect(run["columnKind"]?.string == "unicodeCodePoints")
        let results = run["results"]!.array!
        // failing: causes, first-responsible-person, title; passing: 2 warnings; hostile: 1
        #expect(results.count == 6)
        for r in results {
            let idx = r["ruleIndex"]!.int!
            #expect(rules[idx]["id"]!.string == r["ruleId"]!.string)
            #expect(r["partialFingerprints"]?["reportlint/v1"]?.string?.isEmpty == false)
        }
        let levels = results.map { $0["level"]!.string! }
        #expect(levels.filter { $0 == "error" }.count == 3)
        let first = results[0]["locations"]!.array![0]["physicalLocation"]!
        #expect(first["artifactLocation"]!["uri"]!.string == "2025/%E6%B1%9F%E6%BA%90%E5%8C%BA%E5%8D%AB%E7%94%9F%E5%81%A5%E5%BA%B7%E5%B1%80.txt")
        #expect(first["artifactLocation"]!["uriBaseId"]!.string == "%SRCROOT%")
        #expect(first["region"]!["startColumn"]!.int == 212)
        let notes = run["invocations"]!.array![0]["toolExecutionNotifications"]!.array!
        #expect(notes.count == 1)
        #expect(run["invocations"]!.array![0]["executionSuccessful"] == .bool(true))
        // a path outside the base directory is an absolute file URI without uriBaseId
        var outside = Fixtures.failing
        outside.path = "/tmp/其他/a b.txt"
        var p2 = JSONParser(Reporters.render(.sarif, context: Fixtures.context, results: [outside]))
        let loc = try p2.parseDocument()["runs"]!.array![0]["results"]!.array![0]["locations"]!.array![0]
        #expect(loc["physicalLocation"]!["artifactLocation"] == .object([("uri", .string("file:///tmp/%E5%85%B6%E4%BB%96/a%20b.txt"))]))
    }
}

@Suite("JUnit")
struct JUnitTests {
    struct Counts { var suites = 0, cases = 0, failures = 0, skipped = 0, errors = 0; var attrs: [String: String] = [:] }

    func parse(_ xml: String) -> Counts? {
        let bytes = Array(xml.utf8)
        let opts = Int32(bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        guard let doc = bytes.withUnsafeBufferPointer({ buf in
            buf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                xmlReadMemory($0, Int32(bytes.count), "junit.xml", "UTF-8", opts)
            }
        }) else { return nil }
        defer { xmlFreeDoc(doc) }
        var c = Counts()
        func walk(_ node: xmlNodePtr?) {
            var n = node
            while let cur = n {
                if cur.pointee.type == XML_ELEMENT_NODE {
                    let name = String(cString: cur.pointee.name)
                    switch name {
                    case "testsuite": c.suites += 1
                    case "testcase": c.cases += 1
                    case "failure": c.failures += 1
                    case "skipped": c.skipped += 1
                    case "error": c.errors += 1
                    default: break
                    }
                    if name == "testsuites" {
                        for key in ["tests", "failures", "errors", "skipped"] {
                            if let v = xmlGetProp(cur, key) {
                                c.attrs[key] = String(cString: v)
                                cxml_free(v)
                            }
                        }
                    }
                    walk(cur.pointee.children)
                }
                n = cur.pointee.next
            }
        }
        walk(xmlDocGetRootElement(doc))
        return c
    }

    @Test func parsesBackWithLibxml2() throws {
        let xml = Reporters.render(.junit, context: Fixtures.context, results: allResults)
        let c = try #require(parse(xml), "JUnit output is not well-formed XML")
        #expect(c.suites == 4)
        #expect(c.cases == 13 + 13 + 1 + 2)
        #expect(c.failures == 2 + 3 + 1)
        #expect(c.skipped == 1 + 1)
        #expect(c.errors == 1)
        #expect(c.attrs == ["tests": "29", "failures": "6", "errors": "1", "skipped": "2"])
        #expect(xml.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.contains("江源区卫生健康局"))   // real UTF-8, not &#x...; references
        #expect(!xml.contains("\u{1B}"))
    }
}

@Suite("GitHub workflow commands")
struct GitHubTests {
    @Test func escapesDataAndProperties() {
        #expect(Escape.githubData("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b")
        #expect(Escape.githubProperty("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext%3A a%2Cb")
    }

    @Test func hostileReportStaysOneCommandPerLine() {
        let out = Reporters.render(.github, context: Fixtures.context, results: [Fixtures.hostile])
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty)
        let line = String(lines[0])
        #expect(line.hasPrefix("::error file=x%2Cy%3Az%25w|v%0A.txt,line=2,col=3,title="))
        #expect(!line.contains("\r"))
        // properties part has no raw ':' or ',' beyond the separators
        let props = line.dropFirst("::error ".count).prefix { $0 != ":" }
        #expect(props.split(separator: ",").count == 4)
        #expect(line.contains("::原因a|b,c:d%25e%0D%0Af"))
    }

    @Test func severitiesMapToCommands() {
        let out = Reporters.render(.github, context: Fixtures.context, results: [Fixtures.passing, Fixtures.failing, Fixtures.inputError])
        #expect(out.components(separatedBy: "::error ").count - 1 == 3)
        #expect(out.components(separatedBy: "::warning ").count - 1 == 3)
    }
}

@Suite("JSON")
struct JSONTests {
    @Test func roundTripThroughDecode() throws {
        for r in allResults {
            let line = ResultJSON.encode(r)
            #expect(!line.contains("\n"))
            let back = try ResultJSON.decode(line: line)
            #expect(ResultJSON.encode(back) == line)
            #expect(back.path == r.path && back.verdict == r.verdict && back.error == r.error)
            #expect(back.metadata.date?.value == r.metadata.date?.value)
            #expect(back.findings.map(\.status) == r.findings.map(\.status))
            #expect(back.findings.map(\.evidence) == r.findings.map(\.evidence))
            #expect(back.findings.map(\.fingerprint) == r.findings.map(\.fingerprint))
            // with the loaded rules, findings come back whole
            let full = try ResultJSON.decode(line: line, rules: Dictionary(uniqueKeysWithValues: Fixtures.rules.map { ($0.id, $0) }))
            #expect(full.findings == r.findings)
        }
    }

    @Test func contractShape() throws {
        let out = Reporters.render(.json, context: Fixtures.context, results: [Fixtures.failing, Fixtures.inputError])
        #expect(out.hasPrefix("{\"tool\":{\"name\":\"reportlint\",\"version\":\"\(ToolInfo.version)\"},\"packs\":[{\"id\":\"rule-of-law-annual\",\"version\":\"1.0.0\"}],\"reports\":["))
        #expect(out.hasSuffix("],\"summary\":{\"reports\":2,\"passed\":0,\"failed\":1,\"errors\":1}}\n"))
        #expect(out.contains("\"metadata\":{\"title\":null,\"agency\":\"市卫生健康委员会\",\"year\":2025,\"date\":\"2026-02-05\"}"))
        #expect(out.contains("\"path\":\"/srv/reports/2025/市卫生健康委员会 (草稿).txt\""))   // `/` and Chinese unescaped
        #expect(try ResultJSON.decodeDocument(out).count == 2)
        let jsonl = Reporters.render(.jsonl, context: Fixtures.context, results: allResults)
        #expect(jsonl.split(separator: "\n").count == 4)
    }

    @Test func escapesLikePythonReadsIt() throws {
        let line = ResultJSON.encode(Fixtures.hostile)
        #expect(line.contains("\\u2028") && line.contains("\\u001b") && line.contains("\\r\\n"))
        let (status, out) = try runPython("""
        import json, sys
        r = json.loads(sys.stdin.read())
        sys.stdout.write(r["findings"][0]["evidence"][0]["text"] + "\\u0000" + r["path"])
        """, input: line)
        #expect(status == 0, "\(out)")
        #expect(out == Fixtures.hostile.findings[0].evidence[0].text + "\u{0}" + Fixtures.hostile.path)
    }

    @Test func decodeRejectsGarbage() {
        #expect(throws: ResultJSON.DecodingError.self) { try ResultJSON.decode(line: "{\"path\":1}") }
        #expect(throws: ResultJSON.DecodingError.self) { try ResultJSON.decode(line: "{\"path\":\"a\",\"verdict\":\"pass\"") }
        #expect(throws: ResultJSON.DecodingError.self) { try ResultJSON.decode(line: "[1,2]") }
        #expect(throws: ResultJSON.DecodingError.self) { try ResultJSON.decode(line: "\"\\ud800\"") }
    }
}

@Suite("CSV, Markdown, Code Climate, compact, text")
struct OtherFormatTests {
    @Test func csvBOMAndQuoting() throws {
        let out = Reporters.render(.csv, context: Fixtures.context, results: allResults)
        #expect(out.hasPrefix("\u{FEFF}path,format,encoding,verdict,error,title,agency,year,date,measures-and-results,"))
        #expect(Array(out.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        // Python's csv module reads it back: 1 header + 4 rows, 9 + 13 + 3 columns each
        let (status, text) = try runPython("""
        import csv, sys, io
        data = sys.stdin.buffer.read().decode('utf-8-sig')
        rows = list(csv.reader(io.StringIO(data, newline='')))
        print(len(rows), sorted(set(len(r) for r in rows)))
        print(rows[4][0])
        print(rows[4][5])
        print(rows[2][11], rows[2][12], rows[2][-3], rows[2][-2])
        """, input: out)
        #expect(status == 0, "\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "5 [25]")
        #expect(text.contains(Fixtures.hostile.path))
        #expect(lines.contains { $0.hasPrefix("'=HYPERLINK(\"http://evil\")a|b,c:d%e") })   // formula guarded
        #expect(text.contains("fail fail 2 1"))
    }

    @Test func markdownEscapesPipesAndNewlines() {
        let out = Reporters.render(.markdown, context: Fixtures.context, results: [Fixtures.hostile])
        let rows = out.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Rule |") }
        #expect(rows.count == 2)
        for row in rows {
            // count unescaped pipes: exactly 6 cell borders
            var count = 0, prev: Character = " "
            for c in row { if c == "|" && prev != "\\" { count += 1 }; prev = c }
            #expect(count == 6, "\(row)")
        }
        #expect(!out.contains("<i>"))
        #expect(out.contains("&lt;i&gt;"))
        #expect(!out.contains("\u{1B}"))
    }

    @Test func codeClimateIsValidJSON() throws {
        let out = Reporters.render(.codeclimate, context: Fixtures.context, results: allResults)
        let (status, text) = try runPython("""
        import json, sys
        issues = json.load(sys.stdin)
        need = ["description", "check_name", "fingerprint", "severity", "location"]
        assert all(all(k in i for k in need) for i in issues), "missing keys"
        assert len(set(i["fingerprint"] for i in issues)) == len(issues), "duplicate fingerprints"
        print(len(issues), ",".join(i["severity"] for i in issues), issues[0]["location"]["path"])
        """, input: out)
        #expect(status == 0, "\(text)")
        #expect(text == "7 minor,minor,major,major,minor,critical,major 2025/江源区卫生健康局.txt\n")
    }

    @Test func compactOneLinePerFinding() {
        let out = Reporters.render(.compact, context: Fixtures.context, results: allResults)
        let lines = out.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.allSatisfy { !$0.contains("\r") && !$0.contains("\u{1B}") })
        #expect(lines.contains("/srv/reports/2025/扫描件.docx:1:1: error: [input] 不是有效的 .docx 文件（zip 目录损坏）"))
    }

    @Test func textColourOnlyWhenAsked() {
        var ctx = Fixtures.context
        let plain = Reporters.render(.text, context: ctx, results: allResults)
        #expect(!plain.contains("\u{1B}"))   // hostile ESC neutralised too
        ctx.color = true
        let coloured = Reporters.render(.text, context: ctx, results: allResults)
        #expect(coloured.contains("\u{1B}[1;31m"))
        #expect(!coloured.contains("\u{1B}[31mred"))
        #expect(plain.hasSuffix("\n4 reports: 1 passed, 2 failed, 1 error\n"))
    }

    @Test func relativePaths() {
        let ctx = ReportContext(baseDirectory: "/srv/reports/")
        #expect(ctx.relativePath("/srv/reports/a/b.txt") == "a/b.txt")
        #expect(ctx.relativePath("/srv/reportsX/b.txt") == "/srv/reportsX/b.txt")
        #expect(ctx.relativePath("./a.txt") == "a.txt")
        #expect(ReportContext(baseDirectory: "").relativePath("a.txt") == "a.txt")
        #expect(Escape.uriPath("报告 1.txt") == "%E6%8A%A5%E5%91%8A%201.txt")
    }
}

/// Bytes read from a pipe by another thread.
private final class ReceivedBytes: @unchecked Sendable {
    private let done = NSCondition()
    private var count = 0
    private var ended = false
    func add(_ n: Int) { done.lock(); count += n; done.unlock() }
    func finish() { done.lock(); ended = true; done.broadcast(); done.unlock() }
    func waitForEnd() -> Int {
        done.lock(); defer { done.unlock() }
        while !ended { done.wait() }
        return count
    }
}

@Suite("OutputSink")
struct OutputSinkTests {
    func tempDir() throws -> URL {
        TestTemporaryFiles.directoryURL(prefix: "reportlint-sink")
    }

    @Test func atomicReplace() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.jsonl").path
        try "old\n".write(toFile: path, atomically: false, encoding: .utf8)
        let sink = try OutputSink(path: path)
        try sink.write("new 内容\n")
        try sink.write(String(repeating: "x", count: 200_000))   // past the buffer: really written to the temp file
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(names.count == 2 && names.contains { $0.hasPrefix(".out.jsonl.tmp-") })
        try sink.close()
        let now = try String(contentsOfFile: path, encoding: .utf8)
        #expect(now.hasPrefix("new 内容\n") && now.count == 7 + 200_000)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.jsonl"])
    }

    @Test func droppedSinkKeepsOldContent() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("report.sarif").path
        try "previous".write(toFile: path, atomically: false, encoding: .utf8)
        do {
            let sink = try OutputSink(path: path)
            try sink.write("half a document")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["report.sarif"])
        let sink = try OutputSink(path: path)
        try sink.write("abandoned")
        sink.discard()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous")
    }

    /// `-o /dev/null` or a named pipe is written to, never replaced: renaming a temporary file over it used to
    /// turn /dev/null into a regular file when run as root. (Tested on a pipe, the same path as a device, so a
    /// regression cannot damage the machine running the tests.)
    @Test func devicesAndPipesAreWrittenNotReplaced() throws {
        var st = stat()
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = ReceivedBytes()
        let reader = Thread {
            let fd = open(fifo, O_RDONLY)   // the writer's open waits for this
            var chunk = [UInt8](repeating: 0, count: 65_536)
            while fd >= 0 {
                let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                received.add(n)
            }
            close(fd)
            received.finish()
        }
        reader.start()
        let piped = try OutputSink(path: fifo)
        try piped.write("through the pipe\n")
        try piped.write(String(repeating: "x", count: 200_000))
        try piped.close()
        #expect(received.waitForEnd() == 17 + 200_000)
        #expect(lstat(fifo, &st) == 0 && st.st_mode & S_IFMT == S_IFIFO)
        #expect(throws: OutputSink.Failure.self) { try OutputSink(path: dir.path) }   // a directory
    }

    /// A failed background write is reported (by the next submit or by finish), never lost.
    @Test func backgroundWriteErrorsAreReported() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ro.txt").path
        FileManager.default.createFile(atPath: path, contents: Data())
        let fd = open(path, O_RDONLY)   // writes fail with EBADF
        defer { close(fd) }
        let writer = BackgroundFileWriter(fd: fd)
        var buffer = Array("first".utf8)
        _ = writer.submit(swapping: &buffer, capacity: 16)
        #expect(writer.finish() == EBADF)
        buffer = Array("second".utf8)
        #expect(writer.submit(swapping: &buffer, capacity: 16) == EBADF)
    }

    /// Each submit leaves an empty buffer in the producer's hands: a new one only while fewer than `depth` + 1 exist,
    /// else one already written (so a long output is written through the same few buffers, whose pages are faulted
    /// in once), and the file holds every byte submitted, in order.
    @Test func writtenBuffersAreHandedBackForReuse() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.bin").path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(fd) }
        let writer = BackgroundFileWriter(fd: fd, depth: 2)
        var expected: [UInt8] = []
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        var addresses = Set<UInt>()
        for k in 0..<40 {
            #expect(buffer.isEmpty, "the producer always gets an empty buffer")
            #expect(buffer.capacity >= 4096)
            let chunk = (0..<4000).map { UInt8(($0 &+ k) % 251) }
            buffer.append(contentsOf: chunk)
            expected += chunk
            addresses.insert(buffer.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) })
            #expect(writer.submit(swapping: &buffer, capacity: 4096) == 0)
        }
        #expect(writer.finish() == 0)
        #expect(addresses.count <= 3, "at most depth + 1 buffers for 40 submits: \(addresses.count)")
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }

    @Test func aSymbolicLinkStaysALink() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real.jsonl").path
        let link = dir.appendingPathComponent("latest.jsonl").path
        try "old".write(toFile: real, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let sink = try OutputSink(path: link)
        try sink.write("new")
        try sink.close()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "new")
    }

    @Test func newFileAndBadDirectory() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("new.csv").path
        let sink = try OutputSink(path: path)
        try sink.write("a,b\r\n")
        try sink.close()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "a,b\r\n")
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        #expect(((attrs[.posixPermissions] as? Int) ?? 0) & 0o044 != 0)   // not left at mkstemp's 0600
        #expect(throws: OutputSink.Failure.self) { try OutputSink(path: dir.path + "/missing/x.json") }
    }
}
