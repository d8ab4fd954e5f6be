import Foundation
@testable import ReportNormalizer
import Testing

/// `byteRange(of:)` (memmem on UTF-8) finds what Foundation's `range(of:)` finds for the labels the normalizer
/// searches, at the same String indices.
@Suite struct ByteRangeTests {
    static let texts = ["发布时间：2025-01-29 来源：白山市江源区人民政府", "江源区卫生健康局关于2024年度法治政府建设情况的报告",
                        "二〇二五年一月", "二零二五年", "抚松县 - 政府网站", "a - b - c", "来源", "", "无关键字的一行",
                        "ｘ发布时间:2025年1月", "😀发布日期\t2025-01-02"]
    static let needles = ["发布时间", "发布日期", "来源", "关于", "二〇", "二零", " - ", "－", "|", "｜", "x"]

    @Test func agreesWithFoundation() {
        for text in Self.texts {
            for needle in Self.needles {
                let ours = text.byteRange(of: needle)
                let foundation = text.range(of: needle)
                #expect(ours == foundation, "\(needle) in \(text)")
                if let ours { #expect(String(text[ours]) == needle) }
            }
        }
    }

    @Test func emptyNeedleFindsNothing() {
        #expect("abc".byteRange(of: "") == nil)
        #expect("".byteRange(of: "a") == nil)
    }
}
