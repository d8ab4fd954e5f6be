import ReportDocument

enum DocxReader {
    static func read(_ bytes: [UInt8], options: NormalizerOptions) -> Result<[RawLine], ReadFailure> {
        .failure(ReadFailure("todo"))
    }
}
