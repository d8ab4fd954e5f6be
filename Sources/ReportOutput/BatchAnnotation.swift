import RuleEngine

/// What a batch run knows about a report besides its result: how it changed since the previous run (from the
/// cache's run history) and the manifest's region and URL. Appended to the report's JSONL object as a last key
/// `"batch"`, read back by `merge`, shown by the HTML dashboard.
public struct BatchAnnotation: Sendable, Equatable {
    public enum Change: String, Sendable, CaseIterable {
        /// Not checked by any earlier completed run.
        case new
        /// Same verdict as in the previous run.
        case unchanged
        /// Passed before, fails now (or cannot be read any more).
        case newlyFailing = "newly-failing"
        /// Failed before (or could not be read), passes now.
        case fixed

        /// Its position in `allCases`.
        var index: Int {
            switch self {
            case .new: 0
            case .unchanged: 1
            case .newlyFailing: 2
            case .fixed: 3
            }
        }
    }

    public var change: Change?
    /// Rules that fail now but did not in the previous run, and the reverse.
    public var newlyFailingRules: [String] = []
    public var fixedRules: [String] = []
    public var region: String?
    public var url: String?

    public init(change: Change? = nil, newlyFailingRules: [String] = [], fixedRules: [String] = [],
                region: String? = nil, url: String? = nil) {
        self.change = change
        self.newlyFailingRules = newlyFailingRules
        self.fixedRules = fixedRules
        self.region = region
        self.url = url
    }

    public var isEmpty: Bool { change == nil && region == nil && url == nil }

    /// The change of a report given its previous verdict and failing rules (nil previous: new).
    public static func change(previousVerdict: String?, previousFailing: Set<String>, now result: ReportResult) -> BatchAnnotation {
        guard let previousVerdict else { return BatchAnnotation(change: .new) }
        let nowFailing = failingRules(result)
        let wasOK = previousVerdict == Verdict.pass.rawValue
        let isOK = result.verdict == .pass
        let change: Change = wasOK == isOK ? .unchanged : isOK ? .fixed : .newlyFailing
        // A report that cannot be read (now or before) has no rule results to compare: none of its rules was fixed
        // by becoming unreadable, nor started failing by becoming readable.
        guard result.verdict != .error, previousVerdict != Verdict.error.rawValue else {
            return BatchAnnotation(change: change)
        }
        return BatchAnnotation(change: change,
                               newlyFailingRules: nowFailing.filter { !previousFailing.contains($0) },
                               fixedRules: previousFailing.filter { !nowFailing.contains($0) }.sorted())
    }

    /// The constant JSON of each change alone, and its line tail, by `Change.allCases` order (an array index:
    /// hashing the enum for a dictionary lookup on every line was 1.6% of a warm rerun's delivering thread).
    private static let changeOnlyJSON: [String] = Change.allCases.map { "{\"change\":" + Escape.json($0.rawValue) + "}" }
    private static let changeOnlyLineTail: [String] = changeOnlyJSON.map { ",\"batch\":" + $0 + "}\n" }

    /// The change, when it is all the annotation says (most reports of a nightly rerun: "unchanged"), whose JSON is
    /// a constant.
    private var changeOnly: Change? {
        newlyFailingRules.isEmpty && fixedRules.isEmpty && region == nil && url == nil ? change : nil
    }

    /// True when `result` has this verdict and these failing rules (`failingRules` joined by spaces), compared in
    /// place: most reports of a nightly rerun are in the status the last run left, and building the string to
    /// compare was a visible part of reusing each.
    public static func hasStatus(_ result: ReportResult, verdict: String, failing: String) -> Bool {
        guard result.verdict.rawValue == verdict else { return false }
        let expected = failing.utf8
        var at = expected.startIndex
        var first = true
        // Fields read through a span: `for f in result.findings` copied every finding (a retain per String).
        let findings = result.findings.span
        for i in findings.indices where findings[i].status == .fail {
            if !first {
                guard at < expected.endIndex, expected[at] == UInt8(ascii: " ") else { return false }
                at = expected.index(after: at)
            }
            first = false
            for b in findings[i].rule.id.utf8 {
                guard at < expected.endIndex, expected[at] == b else { return false }
                at = expected.index(after: at)
            }
        }
        return at == expected.endIndex
    }

    /// Ids of the rules that failed, in finding order.
    public static func failingRules(_ result: ReportResult) -> [String] {
        result.findings.filter { $0.status == .fail }.map(\.rule.id)
    }

    /// The `"batch"` object's JSON.
    public var json: String {
        if let changeOnly { return Self.changeOnlyJSON[changeOnly.index] }
        var parts: [String] = []
        if let change { parts.append("\"change\":" + Escape.json(change.rawValue)) }
        if !newlyFailingRules.isEmpty { parts.append("\"newly_failing\":[" + newlyFailingRules.map { Escape.json($0) }.joined(separator: ",") + "]") }
        if !fixedRules.isEmpty { parts.append("\"fixed\":[" + fixedRules.map { Escape.json($0) }.joined(separator: ",") + "]") }
        if let region { parts.append("\"region\":" + Escape.json(region)) }
        if let url { parts.append("\"url\":" + Escape.json(url)) }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// A report's JSONL line (without the newline): `ResultJSON.encode`, plus `"batch"` when there is anything to say.
    public static func line(encoded: String, annotation: BatchAnnotation) -> String {
        guard !annotation.isEmpty, encoded.hasSuffix("}") else { return encoded }
        // Drop the closing brace without walking the line by Characters (String(dropLast()) did, and was the
        // largest cost of a warm rerun).
        var line = encoded
        line.removeLast()
        line += ",\"batch\":" + annotation.json + "}"
        return line
    }

    /// The same line as UTF-8 with its newline, from the encoded result's UTF-8 (a reused report's JSON is never
    /// made a String).
    public static func lineBytes(encoded: [UInt8], annotation: BatchAnnotation) -> [UInt8] {
        var line: [UInt8] = []
        guard !annotation.isEmpty, encoded.last == UInt8(ascii: "}") else {
            line.reserveCapacity(encoded.count + 1)
            line += encoded
            line.append(UInt8(ascii: "\n"))
            return line
        }
        let tail = annotation.lineTail
        line.reserveCapacity(encoded.count + tail.utf8.count)
        encoded.withUnsafeBufferPointer { line.append(contentsOf: UnsafeBufferPointer(rebasing: $0.dropLast())) }
        line.append(contentsOf: tail.utf8)
        return line
    }

    /// Writes `lineBytes(encoded:annotation:)` to `sink` without building it (no copy of the report's JSON but the
    /// sink's own); with `codec`, `encoded` is in the cache's compact form and is expanded as it is written.
    public static func writeLine(encoded: [UInt8], expandingWith codec: CompactResultJSON? = nil,
                                 annotation: BatchAnnotation, to sink: OutputSink) throws {
        let withTail = !annotation.isEmpty && encoded.last == UInt8(ascii: "}")
        let end = withTail ? encoded.count - 1 : encoded.count
        if let codec { try codec.write(encoded, upTo: end, to: sink) } else { try sink.write(bytes: encoded[..<end]) }
        try sink.write(withTail ? annotation.lineTail : "\n")
    }

    /// What follows a report's JSON, without its closing brace, on its JSON-lines line.
    var lineTail: String {
        if let changeOnly { return Self.changeOnlyLineTail[changeOnly.index] }
        return ",\"batch\":" + json + "}\n"
    }

    /// Splits a JSONL line written by `line(encoded:annotation:)` back into the report JSON and the annotation.
    public static func split(line: String) -> (report: String, annotation: BatchAnnotation) {
        let marker = ",\"batch\":{"
        guard line.hasSuffix("}}"), let r = line.range(of: marker, options: .backwards) else { return (line, BatchAnnotation()) }
        let objectText = String(line[line.index(r.lowerBound, offsetBy: marker.count - 1)..<line.index(before: line.endIndex)])
        var parser = JSONParser(objectText)
        guard let v = try? parser.parseDocument(), case .object = v else { return (line, BatchAnnotation()) }
        var a = BatchAnnotation()
        a.change = v["change"]?.string.flatMap(Change.init(rawValue:))
        if case .array(let xs)? = v["newly_failing"] { a.newlyFailingRules = xs.compactMap(\.string) }
        if case .array(let xs)? = v["fixed"] { a.fixedRules = xs.compactMap(\.string) }
        a.region = v["region"]?.string
        a.url = v["url"]?.string
        return (String(line[..<r.lowerBound]) + "}", a)
    }
}
