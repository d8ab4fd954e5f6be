import Foundation
import ZIPFoundation

/// Small .docx files built in memory for reader and security tests.
public enum Docx {
    /// A .docx in memory with the given parts.
    public static func make(_ parts: [String: [UInt8]]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in parts.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate) { position, size in
                Data(data[Int(position)..<Int(position) + size])
            }
        }
        return [UInt8](archive.data!)
    }

    public static func documentXML(_ body: String, prolog: String = "") -> [UInt8] {
        Array(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" + prolog
               + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
               + body + "</w:body></w:document>").utf8)
    }

    public static func paragraph(_ text: String, style: String? = nil) -> String {
        let ppr = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        return "<w:p>\(ppr)<w:r><w:t>\(text)</w:t></w:r></w:p>"
    }
}
