import ArgumentParser
import Foundation
import ReportDocument
import ReportNormalizer

/// `reportlint normalize FILE [--format xml|json|text]`: the canonical document of one input.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Print the canonical normalized document of a report (.txt, .html, .docx).")

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case xml, json, text
    }

    @Argument(help: "The report file.")
    var file: String

    @Option(name: .long, help: "Output format: xml, json or text.")
    var format: OutputFormat = .xml

    @Option(name: .long, help: "Input format (text, html, docx); default: by file extension.")
    var inputFormat: String?

    func run() throws {
        Normalizer.setUp()
        var input: InputFormat? = nil
        if let inputFormat {
            guard let f = InputFormat(rawValue: inputFormat) else {
                throw ValidationError("unknown input format '\(inputFormat)' (expected text, html or docx)")
            }
            input = f
        }
        let document: Document
        do {
            document = try Normalizer.normalize(fileAt: file, format: input)
        } catch {
            FileHandle.standardError.write(Data("reportlint: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        switch format {
        case .xml: print(CanonicalXML.render(document), terminator: "")
        case .json: print(DocumentJSON.render(document), terminator: "")
        case .text: print(DocumentText.render(document), terminator: "")
        }
    }
}

