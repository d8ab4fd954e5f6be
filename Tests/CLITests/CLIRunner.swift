import Foundation
import TestSupport

/// The CLI tests' view of the built binary (runs from the package root by default).
enum CLI {
    static let packageRoot = ReportLintBinary.packageRoot
    typealias Result = ReportLintBinary.Result

    @discardableResult
    static func run(_ arguments: [String], stdin: Data? = nil, cwd: String? = nil) throws -> Result {
        try ReportLintBinary.run(arguments, cwd: cwd, stdin: stdin)
    }

    static func tempDir() -> String { ReportLintBinary.tempDir(prefix: "rl-cli") }
}
