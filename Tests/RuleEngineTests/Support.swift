import Foundation
import ReportDocument
import ReportNormalizer
import TestSupport
@testable import RuleEngine

/// Shared helpers: packs written from YAML strings into temp directories, documents from plain text.
enum Support {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func samplePath(_ name: String) -> String {
        packageRoot.appendingPathComponent("Samples").appendingPathComponent(name).path
    }

    /// Writes files (relative path → text) under a fresh temp directory and returns its path.
    static func tempDir(_ files: [String: String]) -> String {
        let dir = TestTemporaryFiles.directoryURL(prefix: "rl")
        for (rel, text) in files {
            let url = dir.appendingPathComponent(rel)
            try! FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try! text.write(to: url, atomically: true, encoding: .utf8)
        }
        return dir.path
    }

    /// A one-file pack with the given sections and rules (YAML fragments, already indented for their keys).
    static func pack(sections: String = "", parameters: String = "", rules: String) -> String {
        var yaml = "id: test-pack\nversion: 1.0.0\n"
        if !parameters.isEmpty { yaml += "parameters:\n\(parameters)\n" }
        if !sections.isEmpty { yaml += "sections:\n\(sections)\n" }
        yaml += "rules:\n\(rules)\n"
        return yaml
    }

    static func loadPack(_ yaml: String) throws -> RuleSet {
        let dir = tempDir(["pack.yml": yaml])
        return try RuleSetLoader.load([dir])
    }

    static func document(_ text: String, path: String = "test.txt") throws -> Document {
        Normalizer.setUp()
        return try Normalizer.normalize(bytes: Array(text.utf8), path: path, format: .text)
    }

    /// The finding of rule `id` for `text`.
    static func finding(_ id: String, _ set: RuleSet, _ text: String) throws -> Finding {
        let findings = set.evaluate(try document(text))
        return findings.first { $0.rule.id == id }!
    }

    /// A minimal rule with the given pass_if (YAML, indented 4 spaces) and extra keys.
    static func rule(_ id: String = "r", passIf: String, extra: String = "") -> String {
        """
          - id: \(id)
            title: 测试规则
            severity: error
            basis: 测试依据
            hint: 测试建议
        \(extra)
            pass_if:
        \(passIf)
        """
    }
}
