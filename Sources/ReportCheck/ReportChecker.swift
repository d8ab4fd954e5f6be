import Foundation
import ReportDocument
import ReportNormalizer
import RuleEngine

/// Checks one input end to end: read, normalize, evaluate. Never throws: an unreadable input becomes a
/// result with verdict `error` and a reason naming the file, so a batch always goes on.
public struct ReportChecker: Sendable {
    public var ruleSet: RuleSet
    public var options: NormalizerOptions
    /// A report year to use when the document states none (a draft checked with `--year`).
    public var defaultYear: Int?
    /// Time budget and findings caps per report (see Limits.swift).
    public var limits = Limits()

    public init(ruleSet: RuleSet, options: NormalizerOptions = NormalizerOptions(), defaultYear: Int? = nil) {
        self.ruleSet = ruleSet
        self.options = options
        self.defaultYear = defaultYear
    }

    /// `profile`: adds each rule's evaluation time to it (for `check --profile`).
    public func check(path: String, format: InputFormat? = nil,
                      profile: UnsafeMutablePointer<[String: Double]>? = nil) -> ReportResult {
        guard let format = format ?? Normalizer.format(forPath: path) else {
            return .inputError(path: path, format: nil, message: "\(path): unsupported file type (expected .txt, .html, .htm, .shtml or .docx)")
        }
        return withinLimits(path: path, format: format) {
        do throws(InputError) {
            return evaluate(try Normalizer.normalize(fileAt: path, format: format, options: options), profile: profile)
        } catch {
            return .inputError(path: path, format: format, message: error.description)
        }
        }
    }

    public func check(bytes: [UInt8], path: String, format: InputFormat) -> ReportResult {
        withinLimits(path: path, format: format) {
        do throws(InputError) {
            return evaluate(try Normalizer.normalize(bytes: bytes, path: path, format: format, options: options))
        } catch {
            return .inputError(path: path, format: format, message: error.description)
        }
        }
    }

    public func evaluate(_ document: Document, profile: UnsafeMutablePointer<[String: Double]>? = nil) -> ReportResult {
        var document = document
        if document.metadata.year == nil, let defaultYear {
            document.metadata.year = MetadataField(value: defaultYear, source: "cli", text: "\(defaultYear)")
        }
        let findings = profile.map { ruleSet.evaluateProfiled(document, times: &$0.pointee) } ?? ruleSet.evaluate(document)
        return ReportResult(path: document.path, format: document.format, encoding: document.encoding,
                            verdict: ReportResult.verdict(for: findings), metadata: document.metadata,
                            findings: findings)
    }
}
