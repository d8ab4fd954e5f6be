import ReportDocument

/// A named way to find a section by its heading: patterns the heading title must contain, a level range,
/// exclusions, and sections it must lie outside of (e.g. the first-responsible-person heading outside the plans).
public struct SectionSelector: Sendable {
    public var name: String
    public var title: String?
    public var patterns: PatternSet
    public var exclude: PatternSet?
    public var minLevel: Int
    public var maxLevel: Int
    public var outside: [String]
    /// Only the first matching section counts (e.g. "the" plans section).
    public var firstOnly: Bool

    public init(name: String, title: String? = nil, patterns: PatternSet, exclude: PatternSet? = nil,
                minLevel: Int = 1, maxLevel: Int = 2, outside: [String] = [], firstOnly: Bool = false) {
        self.name = name
        self.title = title
        self.patterns = patterns
        self.exclude = exclude
        self.minLevel = minLevel
        self.maxLevel = maxLevel
        self.outside = outside
        self.firstOnly = firstOnly
    }

    /// Indices into `document.sections` of the sections this selector matches, given the already resolved
    /// sections it must lie outside of.
    func resolve(in context: EvaluationContext, outsideRanges: [Range<Int>]) -> [Int] {
        var found: [Int] = []
        for section in context.document.sections where (minLevel...maxLevel).contains(section.level) {
            let title = context.foldedHeadingTitle(ofBlock: section.headingBlock)
            guard patterns.occurs(in: title) else { continue }
            if let exclude, exclude.occurs(in: title) { continue }
            if outsideRanges.contains(where: { $0.contains(section.headingBlock) }) { continue }
            found.append(section.index)
            if firstOnly { break }
        }
        return found
    }
}
