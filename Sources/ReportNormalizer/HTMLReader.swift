import ReportDocument

enum HTMLReader {
    struct Output {
        var lines: [RawLine]
        var metadata: PageMetadata
    }

    static func read(utf8 text: String, options: NormalizerOptions) -> Result<Output, ReadFailure> {
        .failure(ReadFailure("todo"))
    }
}
