/// The input formats reportlint reads. The raw value is the contract name used in JSON output.
public enum InputFormat: String, Sendable, Codable, CaseIterable {
    case text
    case html
    case docx
}
