#if canImport(Glibc)
import Glibc
#endif
import RuleEngine

/// The form in which the result cache keeps a report's JSON: `ResultJSON`'s bytes with each finding's basis, hint and
/// title — long Chinese texts, the same in every finding of a rule, about two-thirds of a report's JSON — replaced by
/// a four-byte marker naming the rule. A cached row then fits one database page instead of three, and a warm rerun
/// reads one for every report. `expand` puts the texts back byte for byte, from this run's rules.
///
/// A marker is `0x01` (a control byte: escaped everywhere in JSON, so never found in `ResultJSON` output), which text
/// (basis and hint, or title), and the rule's index in this run's rules (two bytes). Cached rows are only reused under
/// the same rule packs and configuration (the cache key holds their digest), so the same rules in the same order; a
/// marker out of range makes `expand` fail, and the row is not reused.
public final class CompactResultJSON: @unchecked Sendable {
    static let marker: UInt8 = 0x01
    static let basisAndHint: UInt8 = 0x42  // "B"
    static let closingTitle: UInt8 = 0x54  // "T"

    /// By index: the rule's fragments (for `index(of:)`).
    private let fragments: [RuleJSONFragments.Entry]
    private let index: [String: Int]
    /// Every fragment's bytes, one after the other, and where each is: (rule index * 2 + 0 for basis and hint,
    /// + 1 for the title) → (start, count). Flat, so expanding touches no reference counts.
    private let flat: [UInt8]
    private let spans: [(start: Int, count: Int)]

    public init(rules: [RuleInfo]) {
        var fragments: [RuleJSONFragments.Entry] = []
        var index: [String: Int] = [:]
        for rule in rules where index[rule.id] == nil && fragments.count < 1 << 16 {
            index[rule.id] = fragments.count
            fragments.append(RuleJSONFragments.make(rule))
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

    static func marker(_ kind: UInt8, _ i: Int, into o: inout JSONBytes) {
        o.append([marker, kind, UInt8(truncatingIfNeeded: i >> 8), UInt8(truncatingIfNeeded: i)])
    }

    /// The JSON `ResultJSON.encodeBytes` gives, from the compact form (JSON without markers comes back as it is); nil
    /// when a marker is not one this run's rules can expand.
    public func expand(_ compact: [UInt8]) -> [UInt8]? {
        compact.withUnsafeBufferPointer { p -> [UInt8]? in
            var out: [UInt8] = []
            out.reserveCapacity(p.count * 3 + 64)
            guard let base = p.baseAddress else { return out }
            let n = p.count
            var i = 0
            while i < n {
                guard let hit = memchr(base + i, Int32(Self.marker), n - i) else {
                    out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: n - i))
                    break
                }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: at - i))
                guard at + 3 < n else { return nil }
                let k = Int(p[at + 2]) << 8 | Int(p[at + 3])
                guard k < fragments.count else { return nil }
                switch p[at + 1] {
                case Self.basisAndHint: out.append(contentsOf: fragments[k].basisAndHint)
                case Self.closingTitle: out.append(contentsOf: fragments[k].closingTitle)
                default: return nil
                }
                i = at + 4
            }
            return out
        }
    }

    /// True when `expand` would succeed (every marker is one this run's rules can expand), without expanding.
    public func canExpand(_ compact: [UInt8]) -> Bool {
        compact.withUnsafeBufferPointer { p -> Bool in
            guard let base = p.baseAddress else { return true }
            let n = p.count
            var i = 0
            while i < n, let hit = memchr(base + i, Int32(Self.marker), n - i) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                guard at + 3 < n, p[at + 1] == Self.basisAndHint || p[at + 1] == Self.closingTitle,
                      Int(p[at + 2]) << 8 | Int(p[at + 3]) < fragments.count else { return false }
                i = at + 4
            }
            return true
        }
    }

    /// Writes the expansion of `compact[..<end]` to `sink`, piece by piece into its buffer (no expanded copy is
    /// made). Throws on a marker this run cannot expand (check `canExpand` first).
    public func write(_ compact: [UInt8], upTo end: Int, to sink: OutputSink) throws {
        var bad = false
        try sink.write { out in
            compact.withUnsafeBufferPointer { p in
                flat.withUnsafeBufferPointer { flat in
                    spans.withUnsafeBufferPointer { spans in
                        guard let base = p.baseAddress else { return }
                        var i = 0
                        while i < end {
                            guard let hit = memchr(base + i, Int32(Self.marker), end - i) else {
                                out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: end - i))
                                return
                            }
                            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                            out.append(contentsOf: UnsafeBufferPointer(start: base + i, count: at - i))
                            let k = at + 3 < end ? Int(p[at + 2]) << 8 | Int(p[at + 3]) : Int.max
                            let kind = at + 1 < end ? p[at + 1] : 0
                            guard k < spans.count / 2, kind == Self.basisAndHint || kind == Self.closingTitle else {
                                bad = true
                                return
                            }
                            let span = spans[k * 2 + (kind == Self.basisAndHint ? 0 : 1)]
                            out.append(contentsOf: UnsafeBufferPointer(rebasing: flat[span.start..<(span.start + span.count)]))
                            i = at + 4
                        }
                    }
                }
            }
        }
        if bad { throw OutputSink.Failure(description: "cached result: a rule marker this run cannot expand") }
    }
}
