import CLibXML2
import Foundation
import ReportDocument

/// Limits and content-container selectors for the readers. Every value has a default suited to the nightly batch.
public struct NormalizerOptions: Sendable {
    /// Inputs larger than this are rejected before any parsing.
    public var maxInputBytes: Int
    /// Cap on the decompressed size of `word/document.xml` (and `word/styles.xml`) in a .docx: zip-bomb guard.
    public var maxDocxUncompressedBytes: Int
    /// HTML element nesting deeper than this is an input error.
    public var maxNestingDepth: Int
    /// CMS content containers, tried in order: ".class" or "#id" (exact class token / id, case-insensitive).
    public var contentSelectors: [String] {
        didSet { parsedSelectors = ContentSelector.parse(contentSelectors) }
    }
    /// `contentSelectors` parsed once here rather than for every page.
    private(set) var parsedSelectors: [ContentSelector]

    public init() {
        maxInputBytes = 50 * 1024 * 1024
        maxDocxUncompressedBytes = 100 * 1024 * 1024
        maxNestingDepth = 1_000
        contentSelectors = [".TRS_Editor", ".TRS_UEDITOR", ".TRS_PreAppend", "#zoom", "#UCAP-CONTENT", "#ivs_content",
                            ".zwnr", ".arti", ".article-content", ".gkxl-article", ".article", ".content"]
        parsedSelectors = ContentSelector.parse(contentSelectors)
    }
}

/// One content selector: class or id, its name lowercased, and the name's bytes when ASCII (compared on bytes).
struct ContentSelector: Sendable {
    var isClass: Bool
    var name: String
    var bytes: [UInt8]?

    /// ".class" and "#id" entries; anything else is ignored.
    static func parse(_ selectors: [String]) -> [ContentSelector] {
        selectors.compactMap { s in
            guard let first = s.first, first == "." || first == "#", s.count > 1 else { return nil }
            let name = String(s.dropFirst()).lowercased()
            return ContentSelector(isClass: first == ".", name: name,
                                   bytes: name.utf8.allSatisfy { $0 < 0x80 } ? Array(name.utf8) : nil)
        }
    }
}

/// An input that cannot be read as a report. `description` is "PATH: reason".
public struct InputError: Error, Sendable, CustomStringConvertible {
    public var path: String
    /// What is wrong, in plain English ("binary file (NUL bytes)", "empty file", …).
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Reads .txt, .html and .docx reports into the canonical `Document`.
///
/// Thread safety: call `setUp()` once on the main thread; afterwards `normalize` may run on several threads at once
/// (each call owns its libxml2 parser and silences libxml2's per-thread error handlers on its own thread).
public enum Normalizer {
    /// Initialises libxml2 and installs an external-entity loader that refuses everything. Idempotent.
    public static func setUp() {
        LibXML.setUpOnce()
    }

    /// The input format for a file name by extension, or nil for an unknown extension.
    public static func format(forPath path: String) -> InputFormat? {
        // The extension of the last path component (trailing slashes ignored), read on the UTF-8 bytes: this runs
        // for every file of a directory walk.
        let bytes = path.utf8
        var end = bytes.endIndex
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        var i = end
        var dot: String.Index?
        while i > bytes.startIndex {
            let j = bytes.index(before: i)
            let b = bytes[j]
            if b == UInt8(ascii: "/") { break }
            if b == UInt8(ascii: "."), dot == nil { dot = j }
            i = j
        }
        guard let dot else { return nil }
        var ext: [UInt8] = []
        for b in bytes[bytes.index(after: dot)..<end] {
            guard ext.count < 5 else { return nil }   // longer than any known extension
            ext.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
        }
        switch String(decoding: ext, as: UTF8.self) {
        case "txt", "text": return .text
        case "html", "htm", "shtml", "xhtml": return .html
        case "docx": return .docx
        default: return nil
        }
    }

    public static func normalize(bytes: [UInt8], path: String, format: InputFormat,
                                 options: NormalizerOptions = .init()) throws(InputError) -> Document {
        LibXML.setUpOnce()
        func fail(_ reason: String) -> InputError { InputError(path: path, reason: reason) }
        if bytes.isEmpty { throw fail("empty file") }
        if bytes.count > options.maxInputBytes {
            throw fail("file larger than the \(ByteLimit.describe(options.maxInputBytes)) limit")
        }
        let lines: [RawLine]
        let encoding: String
        var pageMeta = PageMetadata()
        switch format {
        case .text:
            let decoded = try TextDecoder.decode(bytes, sniffMarkup: false).get(path: path)
            encoding = decoded.encoding
            try Self.checkDeadline(path: path, stage: "decoding")
            lines = TextReader.lines(of: decoded.text)
        case .html:
            // Bytes, not a String: libxml2 reads UTF-8 bytes, and the page is never needed as one String.
            let decoded = try TextDecoder.decodeBytes(bytes, sniffMarkup: true).get(path: path)
            encoding = decoded.encoding
            try Self.checkDeadline(path: path, stage: "decoding")
            let result = try HTMLReader.read(utf8: decoded.utf8, options: options).get(path: path)
            lines = result.lines
            pageMeta = result.metadata
        case .docx:
            encoding = "UTF-8"
            lines = try DocxReader.read(bytes, options: options).get(path: path)
        }
        try Self.checkDeadline(path: path, stage: "parsing")
        let blocks = BlockBuilder.build(lines, format: format)
        if blocks.isEmpty { throw fail("no text found") }
        try Self.checkDeadline(path: path, stage: "structuring")
        let metadata = MetadataExtractor.extract(blocks: blocks, page: pageMeta)
        try Self.checkDeadline(path: path, stage: "metadata extraction")
        return Document(path: path, format: format, encoding: encoding, metadata: metadata, blocks: blocks)
    }

    /// The per-report time budget (`Deadline.current`), checked between stages.
    static func checkDeadline(path: String, stage: String) throws(InputError) {
        if let deadline = Deadline.current, deadline.isExpired {
            throw InputError(path: path, reason: "\(deadline) exceeded after \(stage)")
        }
    }

    public static func normalize(fileAt path: String, format: InputFormat? = nil,
                                 options: NormalizerOptions = .init()) throws(InputError) -> Document {
        guard let format = format ?? Self.format(forPath: path) else {
            throw InputError(path: path, reason: "unknown file type (expected .txt, .html, .htm or .docx)")
        }
        let bytes = try FileInput.read(path: path, limit: options.maxInputBytes)
        return try normalize(bytes: bytes, path: path, format: format, options: options)
    }
}

/// A reader-side failure; the reason gets the path attached at the API boundary.
struct ReadFailure: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}

extension Result where Failure == ReadFailure {
    func get(path: String) throws(InputError) -> Success {
        switch self {
        case .success(let value): return value
        case .failure(let failure): throw InputError(path: path, reason: failure.reason)
        }
    }
}

enum ByteLimit {
    static func describe(_ bytes: Int) -> String {
        if bytes >= 1024 * 1024, bytes % (1024 * 1024) == 0 { return "\(bytes / (1024 * 1024)) MB" }
        if bytes >= 1024, bytes % 1024 == 0 { return "\(bytes / 1024) KB" }
        return "\(bytes) bytes"
    }
}

enum FileInput {
    /// Reads the file with POSIX calls straight into the array (FileHandle → Data → [UInt8] copied twice). Same
    /// reasons as the checks they replace: a path that cannot be stat'ed is "no such file", a directory "is a
    /// directory", an open failure "cannot open file", a read error "cannot read file".
    static func read(path: String, limit: Int) throws(InputError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            var st = stat()
            guard stat(path, &st) == 0 else { throw InputError(path: path, reason: "no such file") }
            if (st.st_mode & S_IFMT) == S_IFDIR { throw InputError(path: path, reason: "is a directory") }
            throw InputError(path: path, reason: "cannot open file (permission denied?)")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw InputError(path: path, reason: "no such file") }
        if (st.st_mode & S_IFMT) == S_IFDIR { throw InputError(path: path, reason: "is a directory") }
        // The size is checked before anything is read; the bounded read below still guards special files and
        // files that grow while being read.
        if (st.st_mode & S_IFMT) == S_IFREG, Int64(st.st_size) > Int64(limit) {
            throw InputError(path: path, reason: "file larger than the \(ByteLimit.describe(limit)) limit")
        }
        // Read at most limit + 1 bytes: one more than the limit says the file is too large.
        let cap = limit + 1
        var capacity = min(cap, max(Int(st.st_size), 0) + 1)
        var bytes: [UInt8] = []
        var failed = false
        while true {
            var total = bytes.count
            let grown = [UInt8](unsafeUninitializedCapacity: capacity) { buf, initialized in
                if total > 0 { _ = UnsafeMutableRawBufferPointer(buf).initializeMemory(as: UInt8.self, from: bytes) }
                while total < capacity {
                    let n = Glibc.read(fd, buf.baseAddress! + total, capacity - total)
                    if n > 0 { total += n; continue }
                    if n < 0, errno == EINTR { continue }
                    if n < 0 { failed = true }
                    break
                }
                initialized = total
            }
            bytes = grown
            if failed { throw InputError(path: path, reason: "cannot read file") }
            // Stopped short of the buffer: end of file. Filled it: grow, unless the limit is passed already.
            if total < capacity || capacity >= cap { break }
            capacity = min(cap, capacity * 2)
        }
        if bytes.count > limit {
            throw InputError(path: path, reason: "file larger than the \(ByteLimit.describe(limit)) limit")
        }
        return bytes
    }
}

/// libxml2 process set-up and per-thread error silencing.
enum LibXML {
    private static let once: Void = {
        xmlInitParser()
        cxml_install_refusing_entity_loader()
    }()

    static func setUpOnce() {
        _ = once
        cxml_silence_errors_on_this_thread()
    }
}
