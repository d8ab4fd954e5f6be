import Foundation

/// A manifest of reports to check (`check --manifest FILE`), as a scraper writes it: CSV with a header row or JSON
/// Lines, each entry a `path` (relative paths are resolved against the manifest's directory) and optionally
/// `agency`, `region`, `year`, `url`. The fields override or complete what is extracted from the report.
public struct Manifest: Sendable {
    public struct Entry: Sendable, Equatable {
        public var path: String
        public var agency: String?
        public var region: String?
        public var year: Int?
        public var url: String?

        public init(path: String, agency: String? = nil, region: String? = nil, year: Int? = nil, url: String? = nil) {
            self.path = path
            self.agency = agency
            self.region = region
            self.year = year
            self.url = url
        }

        /// A digest of the fields that change a report's result (part of the cache key).
        public var evaluationKey: String { "\(agency ?? "")\u{1F}\(year.map(String.init) ?? "")" }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public var entries: [Entry] = []

    public init(entries: [Entry]) { self.entries = entries }

    public static func load(_ file: String) throws -> Manifest {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Failure(description: "cannot read manifest \(file)")
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let base = (file as NSString).deletingLastPathComponent
        let trimmed = text.drop { $0.isWhitespace }
        var entries = trimmed.hasPrefix("{") ? try jsonLines(text, file: file) : try csv(text, file: file)
        for i in entries.indices where !entries[i].path.hasPrefix("/") && !base.isEmpty {
            entries[i].path = (base as NSString).appendingPathComponent(entries[i].path)
        }
        return Manifest(entries: entries)
    }

    static func jsonLines(_ text: String, file: String) throws -> [Entry] {
        var out: [Entry] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if l.isEmpty { continue }
            guard let obj = try? JSONSerialization.jsonObject(with: Data(l.utf8)) as? [String: Any] else {
                throw Failure(description: "\(file):\(n + 1): not a JSON object")
            }
            guard let path = obj["path"] as? String, !path.isEmpty else {
                throw Failure(description: "\(file):\(n + 1): missing \"path\"")
            }
            var year: Int?
            if let y = obj["year"] as? Int { year = y } else if let y = obj["year"] as? String, !y.isEmpty {
                guard let v = Int(y) else { throw Failure(description: "\(file):\(n + 1): year \"\(y)\" is not a number") }
                year = v
            }
            out.append(Entry(path: path, agency: nonEmpty(obj["agency"] as? String), region: nonEmpty(obj["region"] as? String),
                             year: year, url: nonEmpty(obj["url"] as? String)))
        }
        return out
    }

    static func csv(_ text: String, file: String) throws -> [Entry] {
        let rows: [[String]]
        do {
            rows = try CSVParser.rows(text)
        } catch {
            throw Failure(description: "\(file):\(error.line): unterminated quoted field (a \" without its closing \")")
        }
        guard let header = rows.first else { return [] }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let pathCol = names.firstIndex(of: "path") else {
            throw Failure(description: "\(file): the header row has no \"path\" column")
        }
        func col(_ name: String) -> Int? { names.firstIndex(of: name) }
        let (a, r, y, u) = (col("agency"), col("region"), col("year"), col("url"))
        var out: [Entry] = []
        for (n, row) in rows.dropFirst().enumerated() {
            func cell(_ i: Int?) -> String? { i.flatMap { $0 < row.count ? nonEmpty(row[$0]) : nil } }
            guard let path = cell(pathCol) else {
                if row.allSatisfy({ $0.isEmpty }) { continue }
                throw Failure(description: "\(file):\(n + 2): empty path")
            }
            var year: Int?
            if let ys = cell(y) {
                guard let v = Int(ys) else { throw Failure(description: "\(file):\(n + 2): year \"\(ys)\" is not a number") }
                year = v
            }
            out.append(Entry(path: path, agency: cell(a), region: cell(r), year: year, url: cell(u)))
        }
        return out
    }

    private static func nonEmpty(_ s: String?) -> String? {
        guard let t = s?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
        return t
    }
}

/// RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF).
enum CSVParser {
    /// A quoted field still open at the end of the text; `line` is where it was opened (1-based).
    struct UnterminatedQuote: Error { var line: Int }

    static func rows(_ text: String) throws(UnterminatedQuote) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var line = 1
        var quoteLine = 1
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"": quoted = true; quoteLine = line
            case ",": row.append(field); field = ""
            case "\r": break
            case "\n": row.append(field); rows.append(row); row = []; field = ""; line += 1
            default: field.unicodeScalars.append(c)
            }
        }
        if quoted { throw UnterminatedQuote(line: quoteLine) }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
