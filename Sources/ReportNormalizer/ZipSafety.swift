import Foundation
import ZIPFoundation

/// Reading the parts of a .docx (a zip) from untrusted bytes without trusting ZIPFoundation's archive reader
/// (issue 7). Fuzzing found three problems in ZIPFoundation 0.9.20's reader, so only its inflate routine
/// (`Data.decompress`, fed by our own bounded provider) is used:
/// - `Archive(data:accessMode: .read)` leaks the whole input when there is no end-of-central-directory record, after
///   a byte-by-byte backwards scan of all of it;
/// - its in-memory reader traps ("Range requires lowerBound <= upperBound": the process dies) when a central
///   directory points past the end of the data;
/// - its inflate loop asks for more input until the deflate stream ends, and at the end of the file gets empty
///   chunks forever: a truncated or hostile deflate stream hangs the run;
/// - that loop tells zlib each chunk holds `bufferSize` bytes, so a short last chunk is read out of bounds.
/// Here every offset and size is checked against the input, the provider throws once an entry's compressed bytes
/// are used up, and the consumer enforces the decompressed-size cap.
enum ZipSafety {
    static let eocdSize = 22

    struct Part {
        var name: String
        var method: UInt16
        var crc32: UInt32
        var compressedSize: Int
        var uncompressedSize: Int
        var localHeaderOffset: Int
    }

    enum Failure: Error {
        case notZip
        case damaged(String)
        case tooBig
    }

    /// The offset of the end-of-central-directory record: the last signature in the tail of `bytes` that starts a
    /// complete record (22 bytes plus its comment), searched only where a valid one can lie.
    static func endOfCentralDirectory(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= eocdSize else { return nil }
        let lowest = max(0, bytes.count - eocdSize - 0xFFFF)
        var p = bytes.count - eocdSize
        while p >= lowest {
            if bytes[p] == 0x50, bytes[p + 1] == 0x4B, bytes[p + 2] == 0x05, bytes[p + 3] == 0x06 {
                return p + eocdSize + u16(bytes, p + 20) <= bytes.count ? p : nil
            }
            p -= 1
        }
        return nil
    }

    static func hasEndOfCentralDirectory(_ bytes: [UInt8]) -> Bool { endOfCentralDirectory(bytes) != nil }

    @inline(__always) static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    @inline(__always) static func u32(_ b: [UInt8], _ i: Int) -> Int {
        Int(b[i]) | Int(b[i + 1]) << 8 | Int(b[i + 2]) << 16 | Int(b[i + 3]) << 24
    }

    /// The central directory entries (no zip64: a .docx never needs it; such archives read as damaged).
    static func parts(_ bytes: [UInt8]) -> Result<[Part], Failure> {
        guard let eocd = endOfCentralDirectory(bytes) else { return .failure(.notZip) }
        let count = u16(bytes, eocd + 10)
        let size = u32(bytes, eocd + 12)
        let start = u32(bytes, eocd + 16)
        guard start <= eocd, size <= eocd - start else { return .failure(.damaged("central directory out of range")) }
        var parts: [Part] = []
        var p = start
        for _ in 0..<count {
            guard p + 46 <= eocd, u32(bytes, p) == 0x0201_4B50 else { break }
            let nameLength = u16(bytes, p + 28), extra = u16(bytes, p + 30), comment = u16(bytes, p + 32)
            guard p + 46 + nameLength <= eocd else { break }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            parts.append(Part(name: name, method: UInt16(u16(bytes, p + 10)), crc32: UInt32(u32(bytes, p + 16)),
                              compressedSize: u32(bytes, p + 20), uncompressedSize: u32(bytes, p + 24),
                              localHeaderOffset: u32(bytes, p + 42)))
            p += 46 + nameLength + extra + comment
        }
        return .success(parts)
    }

    /// The decompressed bytes of `part`, at most `limit`.
    static func extract(_ part: Part, from bytes: [UInt8], limit: Int) -> Result<[UInt8], Failure> {
        let h = part.localHeaderOffset
        guard h + 30 <= bytes.count, u32(bytes, h) == 0x0403_4B50 else { return .failure(.damaged("bad local header")) }
        let dataStart = h + 30 + u16(bytes, h + 26) + u16(bytes, h + 28)
        guard dataStart <= bytes.count, part.compressedSize <= bytes.count - dataStart else {
            return .failure(.damaged("data runs past the end of the file"))
        }
        let data = bytes[dataStart..<(dataStart + part.compressedSize)]
        switch part.method {
        case 0:
            guard data.count <= limit else { return .failure(.tooBig) }
            guard Data(data).crc32(checksum: 0) == part.crc32 else { return .failure(.damaged("CRC mismatch")) }
            return .success(Array(data))
        case 8:
            struct OutOfInput: Error {}
            struct LimitExceeded: Error {}
            var out: [UInt8] = []
            var offset = data.startIndex
            do {
                let crc = try Data.decompress(size: Int64(data.count), bufferSize: 64 * 1024, skipCRC32: false,
                                        provider: { _, chunkSize in
                    // ZIPFoundation keeps asking until the deflate stream ends: stop it when the input is used up.
                    // It also tells zlib every chunk is `chunkSize` long (avail_in = bufferSize): a short last chunk
                    // was an out-of-bounds read (ASan, found by fuzzing), so pad it with zeros to the full size.
                    guard offset < data.endIndex else { throw OutOfInput() }
                    let end = min(data.endIndex, offset + max(1, chunkSize))
                    defer { offset = end }
                    var chunk = Data(data[offset..<end])
                    if chunk.count < chunkSize { chunk.append(Data(count: chunkSize - chunk.count)) }
                    return chunk
                }, consumer: { chunk in
                    if out.count + chunk.count > limit { throw LimitExceeded() }
                    out.append(contentsOf: chunk)
                })
                guard crc == part.crc32 else { return .failure(.damaged("CRC mismatch")) }
            } catch is LimitExceeded {
                return .failure(.tooBig)
            } catch {
                return .failure(.damaged("cannot decompress"))
            }
            return .success(out)
        default:
            return .failure(.damaged("unsupported compression method \(part.method)"))
        }
    }
}
