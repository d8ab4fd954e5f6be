import Foundation
import ReportDocument
import RuleEngine

/// Output formats of an audit checklist.
public enum ChecklistFormat: String, CaseIterable, Sendable {
    case markdown
    case html
    case csv
    case xlsx
}

/// Language of headings and fixed text. `en` also uses the rules' English titles and hints where present.
public enum ChecklistLanguage: String, CaseIterable, Sendable {
    case zh
    case en
}

/// Why a checklist could not be written.
public struct ChecklistError: Error, CustomStringConvertible, Sendable, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// An audit checklist built from the same rules the checker runs: one row per rule, grouped by the regulation's item
/// (`RuleInfo.group`), blank or pre-filled with the automatic results of one or more reports.
public struct Checklist: Sendable, Hashable {
    /// One requirement row: its running number (in display order) and the rule it checks.
    public struct Item: Sendable, Hashable {
        public var number: Int
        public var rule: RuleInfo
    }

    /// Rows under one item of the regulation. `title == nil` is the catch-all group (其他要求).
    public struct Group: Sendable, Hashable {
        public var title: String?
        public var items: [Item]
    }

    /// One report's filled checklist.
    public struct Report: Sendable, Hashable {
        /// Position in the checklist, from 1.
        public var number: Int
        public var result: ReportResult
        private var byRule: [String: Finding]

        init(number: Int, result: ReportResult) {
            self.number = number
            self.result = result
            var byRule: [String: Finding] = [:]
            for finding in result.findings where byRule[finding.rule.id] == nil { byRule[finding.rule.id] = finding }
            self.byRule = byRule
        }

        /// The report's finding for a rule, nil when the rule was not run on it.
        public func finding(for rule: RuleInfo) -> Finding? { byRule[rule.id] }

        /// Whether the report could not be read (it gets a sheet saying so instead of rows).
        public var isUnreadable: Bool { result.verdict == .error }

        /// Failed rules of each severity, for the summary.
        public func failures(_ severity: Severity) -> [Finding] {
            result.findings.filter { $0.status == .fail && $0.severity == severity }
        }

        public var notApplicableCount: Int { result.findings.filter { $0.status == .notApplicable }.count }
    }

    public var packs: [PackInfo]
    public var groups: [Group]
    /// Filled checklists have one entry per report; blank ones none.
    public var reports: [Report]
    public var isFilled: Bool
    /// The date the checklist was generated (ISO, e.g. "2026-03-01"); set it for reproducible output.
    public var generated: String

    /// All rows in display order.
    public var items: [Item] { groups.flatMap(\.items) }

    /// A blank checklist: one row per rule, rules in pack order, grouped by regulation item in first-appearance order.
    public static func blank(rules: [RuleInfo], packs: [PackInfo]) -> Checklist {
        Checklist(packs: packs, groups: group(rules), reports: [], isFilled: false, generated: today())
    }

    /// A checklist pre-filled for each report, plus a summary across reports. Rules a result has findings for but
    /// that are not in `rules` (e.g. results read from an earlier run) are appended so no finding is dropped.
    public static func filled(rules: [RuleInfo], packs: [PackInfo], results: [ReportResult]) -> Checklist {
        var all = rules
        var known = Set(rules.map(\.id))
        for result in results {
            for finding in result.findings where !known.contains(finding.rule.id) {
                known.insert(finding.rule.id)
                all.append(finding.rule)
            }
        }
        let reports = results.enumerated().map { Report(number: $0.offset + 1, result: $0.element) }
        return Checklist(packs: packs, groups: group(all), reports: reports, isFilled: true, generated: today())
    }

    static func group(_ rules: [RuleInfo]) -> [Group] {
        var order: [String?] = []
        var members: [String?: [RuleInfo]] = [:]
        var seen = Set<String>()
        for rule in rules where !seen.contains(rule.id) {
            seen.insert(rule.id)
            let key = rule.group.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(rule)
        }
        var number = 0
        return order.map { key in
            Group(title: key, items: members[key, default: []].map { rule in
                number += 1
                return Item(number: number, rule: rule)
            })
        }
    }

    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return ReportDate(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1).description
    }
}
