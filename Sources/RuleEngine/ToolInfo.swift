/// The tool's identity, as printed in outputs (JSON `tool`, SARIF `driver`, checklists).
public enum ToolInfo {
    public static let name = "reportlint"
    public static let version = "0.1.0"
    public static let informationURI = "https://github.com/reportlint/reportlint"
}
