import CTextSearch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bytes → Unicode, following the notes (libxml2-from-swift.md §3): a BOM wins; else a declared charset in the first
/// 4 KB (HTML `<meta charset>` / `http-equiv`, XML prolog); any GB label means GB18030, but bytes that are valid UTF-8
/// with non-ASCII content are UTF-8 whatever the label says; no label: UTF-8 if valid, else GB18030.
/// Binary (NUL bytes, control characters), empty and undecodable inputs fail with a plain-English reason.
enum TextDecoder {
    struct Decoded {
        var text: String
        /// "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE".
        var encoding: String
    }

    /// `Decoded` as UTF-8 bytes (valid), for readers that hand the text to libxml2 and never need it as one String.
    struct DecodedBytes {
        var utf8: [UInt8]
        var encoding: String
    }

    static func decode(_ bytes: [UInt8], sniffMarkup: Bool) -> Result<Decoded, ReadFailure> {
        decodeBytes(bytes, sniffMarkup: sniffMarkup).map {
            // Valid UTF-8 already (validated, or converted by iconv or the GB18030 table): not validated again.
            Decoded(text: String(knownValidUTF8: $0.utf8), encoding: $0.encoding)
        }
    }

    static func decodeBytes(_ bytes: [UInt8], sniffMarkup: Bool) -> Result<DecodedBytes, ReadFailure> {
        if bytes.isEmpty { return .failure(ReadFailure("empty file")) }
        // 1. BOMs.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            let rest = Array(bytes[3...])
            guard UTF8Validation.isValid(rest) else {
                return .failure(ReadFailure("not valid UTF-8 text (despite a UTF-8 byte order mark)"))
            }
            return checked(rest, encoding: "UTF-8")
        }
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            return decodeUTF16(bytes, littleEndian: bytes[0] == 0xFF)
        }
        // 2. Binary? (The same pass validates UTF-8, for step 4.)
        let scan = bytes.withUnsafeBufferPointer { UTF8Validation.scan($0) }
        if let reason = scan.binaryReason { return .failure(ReadFailure(reason)) }
        // 3. Declared charset.
        let label = sniffMarkup ? declaredCharset(bytes) : nil
        let isGB = label.map { gbLabels.contains($0) } ?? false
        if let label, !isGB, !utf8Labels.contains(label), let name = otherIconvLabels[label],
           let text = iconvDecode(bytes, from: name) {
            return checked(text, encoding: name)
        }
        // 4. UTF-8 if valid (also when mislabelled GBK: GBK text is almost never valid UTF-8), else GB18030.
        if scan.valid {
            return checked(bytes, encoding: "UTF-8")
        }
        if let text = GB18030Decoder.decode(bytes) ?? iconvDecode(bytes, from: "GB18030") {
            return checked(text, encoding: "GB18030")
        }
        return .failure(ReadFailure("not valid UTF-8, UTF-16 or GB18030 text"))
    }

    static let gbLabels: Set<String> = ["gb2312", "gbk", "x-gbk", "cp936", "gb18030", "euc-cn", "gb_2312-80",
                                        "csgb2312", "chinese", "iso-ir-58", "ms936", "windows-936", "gb_2312"]
    static let utf8Labels: Set<String> = ["utf-8", "utf8", "unicode-1-1-utf-8"]
    static let otherIconvLabels: [String: String] = ["big5": "BIG5", "big5-hkscs": "BIG5-HKSCS"]

    /// A UTF-16 file (BOM present).
    static func decodeUTF16(_ bytes: [UInt8], littleEndian: Bool) -> Result<DecodedBytes, ReadFailure> {
        let name = littleEndian ? "UTF-16LE" : "UTF-16BE"
        guard bytes.count % 2 == 0 else { return .failure(ReadFailure("not valid \(name) text (odd length)")) }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2 - 1)
        var i = 2
        while i + 1 < bytes.count {
            let a = UInt16(bytes[i]), b = UInt16(bytes[i + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            i += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else {
            return .failure(ReadFailure("not valid \(name) text"))
        }
        if text.unicodeScalars.contains(where: { $0.value == 0 }) {
            return .failure(ReadFailure("binary file (NUL characters)"))
        }
        return checked(Array(text.utf8), encoding: name)
    }

    /// NUL bytes or many C0 control bytes mean a binary file.
    static func binaryReason(_ bytes: [UInt8]) -> String? {
        bytes.withUnsafeBufferPointer { UTF8Validation.scan($0).binaryReason }
    }

    /// Rejects text that decoded but is garbage (replacement characters) and strips a leading U+FEFF. `utf8` is valid.
    static func checked(_ utf8: [UInt8], encoding: String) -> Result<DecodedBytes, ReadFailure> {
        var utf8 = utf8
        if utf8.count >= 3, utf8[0] == 0xEF, utf8[1] == 0xBB, utf8[2] == 0xBF { utf8.removeFirst(3) }
        let failure: ReadFailure? = utf8.withUnsafeBufferPointer { p -> ReadFailure? in
            guard let base = p.baseAddress else { return ReadFailure("empty file (whitespace only)") }
            let n = p.count
            // U+FFFD is EF BF BD in UTF-8: memchr for the lead byte 0xEF, then the two continuation bytes.
            var replacements = 0
            var i = 0
            while i < n, let hit = memchr(base + i, 0xEF, n - i) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + 2 < n, p[at + 1] == 0xBF, p[at + 2] == 0xBD { replacements += 1 }
                i = at + 1
            }
            if replacements > 0 && (encoding != "UTF-8" || replacements * 100 > UTF8Bytes.scalarCount(p, from: 0, to: n)) {
                return ReadFailure("not valid UTF-8, UTF-16 or GB18030 text (replacement characters)")
            }
            // Whitespace only (Unicode White_Space): stops at the first other scalar.
            i = 0
            while i < n {
                let (v, len) = UTF8Bytes.decode(p, i)
                if !Unicode.Scalar(v).unsafelyUnwrapped.properties.isWhitespace { return nil }
                i += len
            }
            return ReadFailure("empty file (whitespace only)")
        }
        if let failure { return .failure(failure) }
        return .success(DecodedBytes(utf8: utf8, encoding: encoding))
    }

    /// The charset declared in the first 4 KB: `charset=…` (meta) or `encoding="…"` (XML prolog), lowercased.
    static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let count = min(bytes.count, 4096)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(count, 1)) { buf -> String? in
            for i in 0..<count {
                let b = bytes[i]
                buf[i] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            }
            let head = UnsafeBufferPointer(rebasing: buf[0..<count])
            for key in [Array("charset".utf8), Array("encoding".utf8)] {
                var i = 0
                while let at = find(key, in: head, from: i) {
                    var j = at + key.count
                    while j < head.count, head[j] == 0x20 || head[j] == 0x09 { j += 1 }
                    if j < head.count, head[j] == UInt8(ascii: "=") {
                        j += 1
                        while j < head.count, head[j] == 0x20 || head[j] == 0x22 || head[j] == 0x27 { j += 1 }
                        let labelStart = j
                        while j < head.count, isLabelByte(head[j]) { j += 1 }
                        if j > labelStart {
                            return String(decoding: UnsafeBufferPointer(rebasing: head[labelStart..<j]), as: UTF8.self)
                        }
                    }
                    i = at + 1
                }
            }
            return nil
        }
    }

    private static func isLabelByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E || b == 0x3A
    }

    private static func find(_ needle: [UInt8], in hay: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard needle.count <= hay.count, from < hay.count, let base = hay.baseAddress else { return nil }
        return needle.withUnsafeBufferPointer { n -> Int? in
            guard let hit = rl_memmem(base + from, hay.count - from, n.baseAddress, n.count) else { return nil }
            return UnsafeRawPointer(base).distance(to: hit)
        }
    }

    /// Strict conversion with glibc iconv; nil on any invalid or incomplete sequence. The result is valid UTF-8
    /// (anything iconv wrote that is not is repaired to U+FFFD, which `checked` then counts).
    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> [UInt8]? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        let capacity = outputCapacity(inputCount: bytes.count, encoding: encoding)
        var input = bytes
        var failed = false
        let out = input.withUnsafeMutableBufferPointer { inBuf -> [UInt8] in
            [UInt8](unsafeUninitializedCapacity: capacity) { out, initialized in
                var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outLeft = capacity
                let rc = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                if rc == -1 || inLeft != 0 {
                    failed = true
                    initialized = 0
                    return
                }
                initialized = capacity - outLeft
            }
        }
        if failed { return nil }
        if UTF8Validation.isValid(out) { return out }
        return Array(String(decoding: out, as: UTF8.self).utf8)
    }

    /// The output buffer for converting `inputCount` bytes: GB18030 never grows by more than half (2 bytes → at
    /// most 3, 4 → 4); others may double (Big5-HKSCS). Output that does not fit is a failed conversion.
    static func outputCapacity(inputCount: Int, encoding: String) -> Int {
        (encoding == "GB18030" ? inputCount + inputCount / 2 : inputCount * 2) + 16
    }
}

extension TextDecoder {
    /// UTF-8 → another encoding with iconv (for tests and fixtures).
    static func iconvEncode(_ text: String, to encoding: String) -> [UInt8]? {
        let cd = iconv_open(encoding, "UTF-8")
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        let capacity = input.count * 2 + 16
        return input.withUnsafeMutableBufferPointer { inBuf -> [UInt8]? in
            let out = UnsafeMutablePointer<CChar>.allocate(capacity: capacity)
            defer { out.deallocate() }
            var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuf.baseAddress!)
                .assumingMemoryBound(to: CChar.self)
            var inLeft = inBuf.count
            var outPtr: UnsafeMutablePointer<CChar>? = out
            var outLeft = capacity
            if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) == -1 { return nil }
            return UnsafeRawBufferPointer(start: out, count: capacity - outLeft).map { $0 }
        }
    }
}

import CLibXML2
/// Test hook: the root element of a parsed part.
func xmlDocGetRootElementShim(_ doc: xmlDocPtr) -> xmlNodePtr? { xmlDocGetRootElement(doc) }
