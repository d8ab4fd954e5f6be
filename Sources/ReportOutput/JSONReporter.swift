import RuleEngine

/// `--format json`: the DESIGN §5 document. Streams: the wrapper opens in the header, each report is one line,
/// the summary closes it, so memory stays flat on big batches.
public struct JSONReporter: Reporter {
    let context: ReportContext
    var count = 0

    public init(context: ReportContext) { self.context = context }

    public mutating func header() -> String {
        var o = "{\"tool\":{\"name\":" + Escape.json(ToolInfo.name) + ",\"version\":" + Escape.json(ToolInfo.version) + "}"
        o += ",\"packs\":["
        o += context.packs.map { "{\"id\":" + Escape.json($0.id) + ",\"version\":" + Escape.json($0.version) + "}" }
            .joined(separator: ",")
        o += "],\"reports\":["
        return o
    }

    public mutating func report(_ result: ReportResult) -> String {
        defer { count += 1 }
        return (count == 0 ? "\n" : ",\n") + ResultJSON.encode(result)
    }

    public mutating func footer(summary: RunSummary) -> String {
        (count == 0 ? "" : "\n") + "],\"summary\":{\"reports\":\(summary.reports),\"passed\":\(summary.passed),"
            + "\"failed\":\(summary.failed),\"errors\":\(summary.errors)}}\n"
    }
}

/// `--format jsonl`: one report object per line, nothing else.
public struct JSONLinesReporter: Reporter {
    public init(context: ReportContext) {}
    public mutating func header() -> String { "" }
    public mutating func report(_ result: ReportResult) -> String { ResultJSON.encode(result) + "\n" }
    public mutating func footer(summary: RunSummary) -> String { "" }
    public mutating func write(_ result: ReportResult, to sink: OutputSink) throws {
        var line = ResultJSON.encodeBytes(result)
        line.append(UInt8(ascii: "\n"))
        try sink.write(bytes: line)
    }
}
