import ReportDocument
#if canImport(Glibc)
import Glibc
#endif

/// The inputs of a run, in order, held compactly: every path's bytes back to back in one buffer. A nightly batch
/// lists tens of thousands of files; as an array of `Input` values each path was a String object of its own (about
/// 150 bytes per report with the array's slack), the one piece of state that grew with the corpus: ~2 MB of a
/// 10,000-report run's peak memory, 20 MB at 100,000. An `Input` is made when one is asked for.
public struct InputList: RandomAccessCollection, Sendable, Equatable {
    private enum Kind: UInt8 { case file, stdin, missing }

    private var bytes: [UInt8] = []
    /// Per input, where its path ends in `bytes` (it starts where the previous one ends).
    private var ends: [Int] = []
    private var kinds: [Kind] = []
    /// Why each `.missing` input is missing, by index (few: reported as input errors).
    private var reasons: [Int: String] = [:]

    public init() {}

    public init(_ inputs: some Sequence<InputCollector.Input>) {
        for input in inputs { append(input) }
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { ends.count }

    public subscript(i: Int) -> InputCollector.Input {
        switch kinds[i] {
        case .file: return .file(path(at: i))
        case .stdin: return .stdin
        case .missing: return .missing(path(at: i), reason: reasons[i] ?? "")
        }
    }

    /// Where input `i`'s path is in `bytes`.
    private func byteRange(of i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    /// The path of input `i` ("-" for standard input).
    public func path(at i: Int) -> String {
        let range = byteRange(of: i)
        return bytes.withUnsafeBufferPointer { String(knownValidUTF8: UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// The path of input `i` when it is a file, else nil.
    public func filePath(at i: Int) -> String? {
        kinds[i] == .file ? path(at: i) : nil
    }

    /// The file paths, except that of consecutive files in one directory (as written) only the first is given; and
    /// `stdinKey` for standard input. What resolving configurations per directory needs, without a String per file.
    public func pathsByDirectory(stdinKey: String) -> [String] {
        var out: [String] = []
        var last: Range<Int>?  // the previous file's directory part in `bytes`
        bytes.withUnsafeBufferPointer { p in
            for i in indices {
                switch kinds[i] {
                case .stdin: out.append(stdinKey)
                case .missing: continue
                case .file:
                    let span = byteRange(of: i)
                    var slash = span.upperBound
                    while slash > span.lowerBound, p[slash - 1] != 0x2F { slash -= 1 }
                    let directory = span.lowerBound..<slash
                    if let last, last.count == directory.count,
                       memcmp(p.baseAddress! + last.lowerBound, p.baseAddress! + directory.lowerBound, directory.count) == 0 {
                        continue
                    }
                    last = directory
                    out.append(path(at: i))
                }
            }
        }
        return out
    }

    /// Whether standard input ("-") is one of the inputs.
    public var containsStdin: Bool { kinds.contains(.stdin) }

    public mutating func append(_ input: InputCollector.Input) {
        switch input {
        case .file(let p):
            kinds.append(.file)
            bytes.append(contentsOf: p.utf8)
        case .stdin:
            kinds.append(.stdin)
            bytes.append(0x2D)  // "-"
        case .missing(let p, let reason):
            reasons[kinds.count] = reason
            kinds.append(.missing)
            bytes.append(contentsOf: p.utf8)
        }
        ends.append(bytes.count)
    }

    public static func += (list: inout InputList, other: InputList) {
        for i in other.indices { list.append(other[i]) }
    }

    /// The inputs `isIncluded` keeps, as a list of the same kind (`Sequence.filter` would make an array of them).
    /// Asks once per input, in order; a list that keeps everything is returned as it is, without a copy.
    public func filter(_ isIncluded: (InputCollector.Input) throws -> Bool) rethrows -> InputList {
        var out: InputList?
        for i in indices {
            let keep = try isIncluded(self[i])
            if out == nil, !keep {
                // The first one left out: the kept ones before it are copied as they are.
                var head = InputList()
                head.bytes = Array(bytes[0..<byteRange(of: i).lowerBound])
                head.ends = Array(ends[0..<i])
                head.kinds = Array(kinds[0..<i])
                head.reasons = reasons.filter { $0.key < i }
                out = head
            } else if keep, out != nil {
                out!.append(self[i])
            }
        }
        return out ?? self
    }
}
