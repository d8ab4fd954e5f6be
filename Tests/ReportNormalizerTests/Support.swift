import Foundation
import TestSupport
import Testing
import ReportDocument
@testable import ReportNormalizer

/// Paths and helpers shared by the normalizer tests.
enum Fixtures {
    /// The package root (…/Tests/ReportNormalizerTests/Support.swift → …).
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples")
    static let goldens = samples.appendingPathComponent("expected/normalized")

    static let seeds = ["000_83d38fe75baf5df9.txt", "001_c02aed8d6fac53b2.txt", "002_c0349860ebe2af33.txt",
                        "003_7c599ebba73ae197.txt", "004_eded0069a967b318.txt"]
    static let madeUp = ["made_up_gbk_county_page.html", "made_up_table_layout_page.html", "made_up_docx_draft.docx",
                         "made_up_utf16le_report.txt", "made_up_gb18030_pdf_text.txt"]

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: samples.appendingPathComponent(name)))
    }

    /// Normalizes a sample with a stable, repository-relative path (goldens do not depend on the checkout location).
    static func document(_ name: String) throws -> Document {
        Normalizer.setUp()
        let format = try #require(Normalizer.format(forPath: name))
        return try Normalizer.normalize(bytes: try bytes(name), path: "Samples/\(name)", format: format)
    }

    static func level1(_ doc: Document) -> [String] {
        doc.blocks.compactMap { b in
            guard let h = b.heading, h.level == 1 else { return nil }
            return "\(h.number)、\(h.title)"
        }
    }

    static func allText(_ doc: Document) -> String {
        doc.blocks.map(\.text).joined(separator: "\n")
    }

    /// A .docx in memory with the given parts.
    static func docx(_ parts: [String: [UInt8]]) throws -> [UInt8] { try Docx.make(parts) }

    static func documentXML(_ body: String, prolog: String = "") -> [UInt8] { Docx.documentXML(body, prolog: prolog) }
}

