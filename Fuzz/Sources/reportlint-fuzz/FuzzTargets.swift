// libFuzzer targets: `REPORTLINT_FUZZ_TARGET=html reportlint-fuzz [libFuzzer options] [corpus dirs]`.
// Targets:
//   html      bytes → decoding (BOM, meta charset, UTF-8/GB18030) + HTML SAX normalization
//   text      bytes → decoding + plain-text normalization (lines, headings, metadata)
//   docx      bytes → .docx reading (zip, caps, document.xml/styles.xml) + normalization
//   docx-xml  bytes → word/document.xml of a .docx built in memory (reaches the XML reader on every input)
//   pack      bytes (UTF-8 YAML) → rule-pack loading, validation and compilation
//   rules     bytes → text normalization, then every rule of the built-in packs (literal index, byte regex engine,
//             sections, templates) on the fuzzed report
// Small limits keep each execution fast; the limits themselves are fuzzed by the inputs that hit them.
import Foundation
import ReportDocument
import ReportNormalizer
import RuleEngine
import ZIPFoundation

enum FuzzTarget: String, CaseIterable {
    case html, text, docx, docxXML = "docx-xml", pack, rules
}

enum Fuzz {
    nonisolated(unsafe) static var target: FuzzTarget = .html
    nonisolated(unsafe) static var options: NormalizerOptions = {
        var o = NormalizerOptions()
        o.maxInputBytes = 1 << 20
        o.maxDocxUncompressedBytes = 4 << 20
        o.maxNestingDepth = 256
        return o
    }()

    static func run(_ bytes: [UInt8]) {
        switch target {
        case .html: normalize(bytes, "fuzz.html", .html)
        case .text: normalize(bytes, "fuzz.txt", .text)
        case .docx: normalize(bytes, "fuzz.docx", .docx)
        case .docxXML:
            guard let docx = docx(documentXML: bytes) else { return }
            normalize(docx, "fuzz.docx", .docx)
        case .rules:
            guard let doc = try? Normalizer.normalize(bytes: bytes, path: "fuzz.txt", format: .text, options: options),
                  let set = builtin else { return }
            _ = set.evaluate(doc)
        case .pack:
            guard let text = String(validating: bytes, as: UTF8.self) else { return }
            if let set = try? RuleSetLoader.load(packText: text, path: "fuzz/pack.yml") {
                // Compiled patterns must be usable: run the pack on a small document.
                if let doc = try? Normalizer.normalize(bytes: Array(sampleText.utf8), path: "s.txt", format: .text) {
                    _ = set.evaluate(doc)
                }
            }
        }
    }

    /// The national and outline packs, loaded once.
    nonisolated(unsafe) static var builtin: RuleSet? = try? RuleSetLoader.load(RuleSetLoader.builtinPackIDs)

    static func normalize(_ bytes: [UInt8], _ path: String, _ format: InputFormat) {
        guard let doc = try? Normalizer.normalize(bytes: bytes, path: path, format: format, options: options) else {
            return
        }
        // Exercise the derived views of the document too (canonical rendering walks every block).
        _ = doc.blocks.count
        _ = doc.sections.count
    }

    static func docx(documentXML: [UInt8]) -> [UInt8]? {
        guard let archive = try? Archive(data: Data(), accessMode: .create, pathEncoding: nil) else { return nil }
        let data = Data(documentXML)
        do {
            try archive.addEntry(with: "word/document.xml", type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        } catch { return nil }
        return archive.data.map { [UInt8]($0) }
    }

    static let sampleText = """
        某市司法局2025年度法治政府建设情况报告
        一、主要举措和成效
        全年办理案件12件，培训300人次。
        二、存在的不足和原因
        究其原因，学习不够。
        三、2026年工作安排
        继续推进。
        某市司法局
        2026年1月10日
        """
}

/// libFuzzer's entry points. SwiftPM builds this executable with -parse-as-library under --sanitize=fuzzer, so
/// libFuzzer's own main runs; the target is chosen by REPORTLINT_FUZZ_TARGET.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<Int32>?,
                           _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> Int32 {
    let name = ProcessInfo.processInfo.environment["REPORTLINT_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: "|")
        FileHandle.standardError.write(Data("set REPORTLINT_FUZZ_TARGET to one of \(names)\n".utf8))
        exit(2)
    }
    Fuzz.target = target
    Normalizer.setUp()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = size == 0 || data == nil ? [] : [UInt8](UnsafeBufferPointer(start: data, count: size))
    Fuzz.run(bytes)
    return 0
}
