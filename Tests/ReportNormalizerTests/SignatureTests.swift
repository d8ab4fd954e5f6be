import Testing
import ReportDocument
@testable import ReportNormalizer

/// The 落款 (agency and date at the end) is found even when review fields or 抄送 lines follow it.
@Suite struct SignatureTests {
    func normalize(_ text: String) throws -> Document {
        Normalizer.setUp()
        return try Normalizer.normalize(bytes: Array(text.utf8), path: "t.txt", format: .text)
    }

    @Test func signatureBeforeEmptyReviewFields() throws {
        let doc = try normalize("一、工作情况\n全年培训3次。\n襄垣县商务局\n2020年2月25日\n\n初审:    复审:    终审:\n")
        #expect(doc.metadata.agency?.value == "襄垣县商务局")
        #expect(doc.metadata.date?.value.description == "2020-02-25")
        #expect(doc.blocks.map(\.kind).suffix(3) == [.signature, .signature, .paragraph])
        #expect(doc.blocks.last?.text == "初审: 复审: 终审:")
    }

    @Test func reviewFieldsAloneAreNotASignature() throws {
        let doc = try normalize("一、工作情况\n全年培训3次。\n初审:    复审:    终审:\n")
        #expect(doc.metadata.date == nil)
        #expect(!doc.blocks.contains { $0.kind == .signature })
    }
}
