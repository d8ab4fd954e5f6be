import Foundation
import RuleEngine

/// A rule's constant finding fields (basis, hint, title: long Chinese texts) as escaped JSON, built once per rule
/// instead of escaped again for every finding of every report.
final class RuleJSONFragments: @unchecked Sendable {
    /// One rule's fragments, and the texts they were made from (a finding's `RuleInfo` may carry other texts under
    /// the same id, e.g. results read back from JSON: then the fragments do not apply).
    /// A class: one reference to pass and release per finding, not five.
    final class Entry {
        let basis: String
        let hint: String
        let title: String
        /// `,"basis":…,"hint":…`
        let basisAndHint: [UInt8]
        /// `],"title":…` (closing the evidence array before it).
        let closingTitle: [UInt8]

        init(basis: String, hint: String, title: String, basisAndHint: [UInt8], closingTitle: [UInt8]) {
            self.basis = basis
            self.hint = hint
            self.title = title
            self.basisAndHint = basisAndHint
            self.closingTitle = closingTitle
        }
    }

    static let shared = RuleJSONFragments()
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// The fragments for `rule`, nil when its texts differ from the ones cached under its id.
    func entry(for rule: RuleInfo) -> Entry? {
        lock.lock()
        var entry = entries[rule.id]
        if entry == nil {
            if entries.count > 4096 { entries.removeAll() }  // bounded (ids come from rule packs and read-back JSON)
            entry = Self.make(rule)
            entries[rule.id] = entry
        }
        lock.unlock()
        // Equal texts compare by their storage first: the loaded rule's strings are shared by all its findings.
        guard let entry, entry.basis == rule.basis, entry.hint == rule.hint, entry.title == rule.title else {
            return nil
        }
        return entry
    }

    static func make(_ rule: RuleInfo) -> Entry {
        var basisAndHint = JSONBytes(capacity: 256)
        basisAndHint.raw(",\"basis\":"); basisAndHint.string(rule.basis)
        basisAndHint.raw(",\"hint\":"); basisAndHint.string(rule.hint)
        var title = JSONBytes(capacity: 128)
        title.raw("],\"title\":"); title.string(rule.title)
        return Entry(basis: rule.basis, hint: rule.hint, title: rule.title,
                     basisAndHint: basisAndHint.bytes, closingTitle: title.bytes)
    }
}
