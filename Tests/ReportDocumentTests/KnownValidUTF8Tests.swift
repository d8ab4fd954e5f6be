import ReportDocument
import Testing

/// `String(knownValidUTF8:)` skips validation: for valid input it must make exactly the String `String(decoding:)`
/// makes (same scalars, same characters, same UTF-8), whatever the mix of one- to four-byte scalars.
@Suite struct KnownValidUTF8Tests {
    @Test(arguments: ["", "a", "2024年度法治政府建设情况报告", "（一）强化政治引领，压实法治责任。", "e\u{301} 𠀀𪚥 😀\r\n\t",
                      String(repeating: "推动法治政府建设，abc 一、二（三）", count: 300)])
    func sameStringAsDecoding(_ text: String) {
        let bytes = Array(text.utf8)
        let unchecked = String(knownValidUTF8: bytes)
        #expect(unchecked == String(decoding: bytes, as: UTF8.self))
        #expect(Array(unchecked.utf8) == bytes)
        #expect(Array(unchecked.unicodeScalars) == Array(text.unicodeScalars))
        #expect(unchecked.count == text.count)
        let sliced = bytes.withUnsafeBufferPointer { String(knownValidUTF8: UnsafeBufferPointer(rebasing: $0[0..<$0.count])) }
        #expect(sliced == text)
    }
}
