#if canImport(Glibc)
import Glibc
#endif
import RuleEngine

/// The form in which the result cache keeps a report's JSON: `ResultJSON`'s bytes with each finding's basis, hint and
/// title — long Chinese texts, the same in every finding of a rule, about two-thirds of a report's JSON — replaced by
/// a 12-byte marker naming the rule. A cached row then fits one database page instead of three, and a warm rerun
/// reads one for every report. `expand` puts the texts back byte for byte, from this run's rules.
///
/// A marker is `0x01` (a control byte: escaped everywhere in JSON, so never found in `ResultJSON` output), which text
/// (basis and hint, or title), the rule's index in this run's rules (two bytes) and a 64-bit hash of the rule's id and
/// texts. The index finds the texts fast; the hash makes sure they are the texts the row was written with (a run
/// with another set of configurations can number the rules differently while a report's own configuration, and so
/// its cache key, is unchanged). A marker out of range or with another hash makes `expand` fail, and the row is not
/// reused.
public final class CompactResultJSON: @unchecked Sendable {
    static let marker: UInt8 = 0x01
    static let basisAndHint: UInt8 = 0x42  // "B"
    static let closingTitle: UInt8 = 0x54  // "T"
    static let markerLength = 12

    /// By index: the rule's fragments (for `index(of:)`).
    private let fragments: [RuleJSONFragments.Entry]
    private let index: [String: Int]
    /// Every fragment's bytes, one after the other, and where each is: (rule index * 2 + 0 for basis and hint,
    /// + 1 for the title) → (start, count). Flat, so expanding touches no reference counts.
    private let flat: [UInt8]
    private let spans: [(start: Int, count: Int)]
    /// By index: the hash of the rule's id and texts, as written in its markers.
    private let hashes: [UInt64]

    public init(rules: [RuleInfo]) {
        var fragments: [RuleJSONFragments.Entry] = []
        var index: [String: Int] = [:]
        var hashes: [UInt64] = []
        for rule in rules where index[rule.id] == nil && fragments.count < 1 << 16 {
            index[rule.id] = fragments.count
            fragments.append(RuleJSONFragments.make(rule))
            hashes.append(Self.hash(rule))
        }
        var flat: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        for f in fragments {
            for bytes in [f.basisAndHint, f.closingTitle] {
                spans.append((flat.count, bytes.count))
                flat += bytes
            }
        }
        self.fragments = fragments
        self.index = index
        self.flat = flat
        self.spans = spans
        self.hashes = hashes
    }

    /// FNV-1a over the id and the three texts, each ended by a 0 byte.
    static func hash(_ rule: RuleInfo) -> UInt64 {
        [rule.id, rule.basis, rule.hint, rule.title].reduce(Fingerprint.fnv1aBasis) {
            Fingerprint.fnv1a(byte: 0, from: Fingerprint.fnv1a($1, from: $0))
        }
    }

    /// The compact JSON of `r`.
    public func encode(_ r: ReportResult) -> [UInt8] { ResultJSON.encodeBytes(r, compact: self) }

    /// The index of `rule` when a finding of it can stand for its texts with a marker: this run knows the rule with
    /// these texts.
    func index(of rule: RuleInfo) -> Int? {
        guard let i = index[rule.id] else { return nil }
        let e = fragments[i]
        return e.basis == rule.basis && e.hint == rule.hint && e.title == rule.title ? i : nil
    }

    func marker(_ kind: UInt8, _ i: Int, into o: inout JSONBytes) {
        o.byte(Self.marker)
        o.byte(kind)
        o.byte(UInt8(truncatingIfNeeded: i >> 8))
        o.byte(UInt8(truncatingIfNeeded: i))
        let h = hashes[i]
        for shift in stride(from: 56, through: 0, by: -8) { o.byte(UInt8(truncatingIfNeeded: h >> UInt64(shift))) }
    }

    /// The JSON `ResultJSON.encodeBytes` gives, from the compact form (JSON without markers comes back as it is); nil
    /// when a marker is not one this run's rules can expand.
    public func expand(_ compact: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(compact.count * 3 + 64)
        let ok = compact.withUnsafeBufferPointer { expand($0, upTo: $0.count, into: &out) }
        return ok ? out : nil
    }

    /// Appends `bytes` to `out` with every marker in them expanded: whole JSON lines, compact or not, one after the
    /// other (a writer expanding a buffer of them). False at a marker this run cannot expand.
    public func expand(lines bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        expand(bytes, upTo: bytes.count, into: &out)
    }

    /// True when `bytes` hold a marker (`expand(lines:into:)` would change them).
    public static func hasMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, Int32(marker), bytes.count) != nil
    }

    /// True when `expand` would succeed (every marker is one this run's rules can expand), without expanding: a
    /// reused row is checked on the thread that delivers a warm rerun.
    public func canExpand(_ compact: [UInt8]) -> Bool {
        compact.withUnsafeBufferPointer { p in
            hashes.withUnsafeBufferPointer { hashes in
                guard let base = p.baseAddress else { return true }
                var i = 0
                while i < p.count, let hit = memchr(base + i, Int32(Self.marker), p.count - i) {
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    guard Self.marker(at: at, in: p, end: p.count, hashes: hashes) != nil else { return false }
                    i = at + Self.markerLength
                }
                return true
            }
        }
    }

    /// The rule index and text of the marker at `at` (its kind: `basisAndHint` or `closingTitle`), nil when it is not
    /// one this run's rules can expand: cut short, another kind, an index out of range or another hash.
    @inline(__always)
    private static func marker(at: Int, in p: UnsafeBufferPointer<UInt8>, end: Int,
                               hashes: UnsafeBufferPointer<UInt64>) -> (index: Int, kind: UInt8)? {
        guard at + markerLength <= end else { return nil }
        let kind = p[at + 1]
        let k = Int(p[at + 2]) << 8 | Int(p[at + 3])
        guard k < hashes.count, kind == basisAndHint || kind == closingTitle,
              UInt64(bigEndian: UnsafeRawPointer(p.baseAddress!).loadUnaligned(fromByteOffset: at + 4, as: UInt64.self))
                == hashes[k] else { return nil }
        return (k, kind)
    }

    /// A cached row with a rule marker this run cannot expand, found while writing it (callers check `canExpand`
    /// before reusing a row, so this means the row changed since).
    public struct Unexpandable: Error, CustomStringConvertible {
        public var description: String {
            "its cached result has a rule marker this run cannot expand (the cache file was altered); delete the cache to rebuild it"
        }
    }

    /// Writes the expansion of `compact[..<end]` to `sink`, straight into its buffer (no expanded copy is made).
    /// Throws `Unexpandable` on a marker this run cannot expand (check `canExpand` first).
    public func write(_ compact: [UInt8], upTo end: Int, to sink: OutputSink) throws {
        var ok = true
        try sink.write { out in ok = compact.withUnsafeBufferPointer { expand($0, upTo: end, into: &out) } }
        if !ok { throw Unexpandable() }
    }

    /// Appends `p[..<end]` to `out` with each marker replaced by its fragment; false at a marker this run cannot
    /// expand. Over unsafe buffers and the flat fragments: no reference count is touched per piece.
    private func expand(_ p: UnsafeBufferPointer<UInt8>, upTo end: Int, into out: inout [UInt8]) -> Bool {
        guard let base = p.baseAddress else { return true }
        return flat.withUnsafeBufferPointer { flat in
            spans.withUnsafeBufferPointer { spans in hashes.withUnsafeBufferPointer { hashes in
                var i = 0
                while i < end {
                    guard let hit = memchr(base + i, Int32(Self.marker), end - i) else {
                        out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: end - i))
                        return true
                    }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: at - i))
                    guard let (k, kind) = Self.marker(at: at, in: p, end: end, hashes: hashes) else { return false }
                    let span = spans[k * 2 + (kind == Self.basisAndHint ? 0 : 1)]
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: flat[span.start..<(span.start + span.count)]))
                    i = at + Self.markerLength
                }
                return true
            } }
        }
    }
}
