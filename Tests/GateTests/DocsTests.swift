import Foundation
import Testing

/// The documentation's examples are run: every `reportlint …` command line in docs/ci.md and docs/configuration.md,
/// every configuration in docs/configuration.md, and the pre-commit hook definition.
@Suite struct DocsTests {
    /// Fenced code blocks of a Markdown file: (info string, lines).
    static func codeBlocks(_ file: String) throws -> [(info: String, lines: [String])] {
        let text = try String(contentsOfFile: CLI.root.appendingPathComponent(file).path, encoding: .utf8)
        var blocks: [(String, [String])] = []
        var current: (String, [String])?
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let c = current { blocks.append(c); current = nil } else { current = (String(line.dropFirst(3)), []) }
            } else if current != nil {
                current!.1.append(line)
            }
        }
        return blocks
    }

    /// `reportlint …` command lines inside code blocks (shell lines, `run:` steps and YAML list items).
    static func commands(_ file: String) throws -> [[String]] {
        var out: [[String]] = []
        for block in try codeBlocks(file) {
            for raw in block.lines {
                var line = raw.trimmingCharacters(in: .whitespaces)
                for prefix in ["- ", "run: "] where line.hasPrefix(prefix) { line.removeFirst(prefix.count) }
                guard line.hasPrefix("reportlint ") else { continue }
                if let hash = line.range(of: " #") { line = String(line[..<hash.lowerBound]) }
                out.append(line.split(separator: " ").dropFirst().map { String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\"'")) })
            }
        }
        return out
    }

    @Test(arguments: ["docs/ci.md", "docs/configuration.md"])
    func commandLinesRunOnTheSamples(file: String) throws {
        let commands = try Self.commands(file)
        #expect(commands.count >= (file == "docs/ci.md" ? 10 : 2))
        let box = try Sandbox()
        for seed in ["000", "001", "002", "003", "004"] { try box.sample(seed, into: "reports") }
        for args in commands {
            let r = try CLI.run(args, in: box.path)
            let shown = "reportlint " + args.joined(separator: " ")
            #expect(r.code == 0 || r.code == 1, "\(shown) exited \(r.code): \(r.stderr)")
            if args.contains("never") { #expect(r.code == 0, "\(shown)") }
            #expect(!r.stderr.contains("Error:") && !r.stderr.contains("Usage:"), "\(shown): \(r.stderr)")
            if let i = args.firstIndex(of: "--output") {
                #expect(FileManager.default.fileExists(atPath: box.path + "/" + args[i + 1]), "\(shown) wrote no output")
            }
        }
        if file == "docs/ci.md" {
            #expect(FileManager.default.fileExists(atPath: box.path + "/.reportlint-baseline.json"))
        }
    }

    @Test func configurationExamplesAreValid() throws {
        let blocks = try Self.codeBlocks("docs/configuration.md").filter { $0.info == "yaml" }
        #expect(blocks.count >= 2)
        for block in blocks {
            let box = try Sandbox()
            try box.sample("000", into: "reports")
            try box.write(".reportlint.yml", block.lines.joined(separator: "\n"))
            let r = try box.run("config", "show", "reports")
            #expect(r.code == 0, "\(block.lines.joined(separator: "\n"))\n→ \(r.stderr)")
            #expect(try box.run("check", "reports").code != 2)
        }
    }

    @Test func preCommitHookDefinition() throws {
        let text = try String(contentsOfFile: CLI.root.appendingPathComponent(".pre-commit-hooks.yaml").path, encoding: .utf8)
        for expected in ["- id: reportlint", "entry: reportlint check", "language: system"] {
            #expect(text.contains(expected))
        }
        let filesLine = try #require(text.components(separatedBy: "\n").first { $0.hasPrefix("  files: ") })
        let pattern = filesLine.dropFirst("  files: ".count).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        let regex = try NSRegularExpression(pattern: pattern)
        func matches(_ s: String) -> Bool { regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }
        for name in ["a.txt", "b/c.html", "d.htm", "草稿.docx"] { #expect(matches(name), "\(name)") }
        for name in ["a.pdf", "b.yml", "c.doc", "htmlx"] { #expect(!matches(name), "\(name)") }
        // What pre-commit runs: the entry followed by the changed file names.
        let box = try Sandbox()
        let a = try box.sample("001"), b = try box.sample("004")
        #expect(try box.run("check", a, b).code == 0)
    }
}
