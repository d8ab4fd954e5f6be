import ReportDocument

/// Everything a condition may ask about one report under one pack: the document, its named sections
/// (resolved once), folded heading titles, and variables. Built per report and per pack; not shared across threads.
public final class EvaluationContext {
    public let document: Document
    let pack: CompiledPack
    /// Per block, its folded heading title once asked for (an array: section selectors ask for every heading).
    private var headingTitles: [String?]
    private var resolved: [String: [Int]] = [:]
    /// Per pattern set with regexes (by `cacheID`), its matches per block.
    private var regexMatches: [Int: RegexMatches] = [:]
    /// The hits of the pack's `LiteralIndex` in every block (scanned on first need).
    private var literalHits: LiteralIndex.DocumentHits?

    init(document: Document, pack: CompiledPack) {
        self.document = document
        self.pack = pack
        headingTitles = Array(repeating: nil, count: document.blocks.count)
    }

    /// The folded title of the heading in block `index` (heading text without its number).
    func foldedHeadingTitle(ofBlock index: Int) -> String {
        if let t = headingTitles[index] { return t }  // (index is a block index: in range)
        let t = TextFolding.folded(document.blocks[index].heading?.title ?? document.blocks[index].text)
        headingTitles[index] = t
        return t
    }

    /// The sections a named selector matches (indices into `document.sections`).
    func sections(named name: String) -> [Int] {
        if let r = resolved[name] { return r }
        guard let selector = pack.sections[name] else { return [] }
        resolved[name] = []  // guards against cycles (rejected at load time anyway)
        let outsideRanges = selector.outside.flatMap { sections(named: $0) }.map { document.sections[$0].blocks }
        let r = selector.resolve(in: self, outsideRanges: outsideRanges)
        resolved[name] = r
        return r
    }

    /// A matcher for one pattern set on this document: literals from the pack's `LiteralIndex` (one pass per
    /// block for all sets), regexes block by block on first need, both cached for the other conditions.
    func matcher(for patterns: PatternSet) -> BlockMatcher {
        var regex: RegexMatches?
        if patterns.hasRegexes {
            if let known = regexMatches[patterns.cacheID] { regex = known } else {
                let made = RegexMatches(blocks: document.blocks.count)
                regexMatches[patterns.cacheID] = made
                regex = made
            }
        }
        let index = pack.literalIndex
        return BlockMatcher(patterns: patterns, context: self, hits: index == nil ? nil : documentHits(),
                            slot: index?.slot(of: patterns.cacheID), regex: regex,
                            regexFilterSlots: patterns.regexPrefilterIDs.map { id in id.flatMap { index?.slot(of: $0) } })
    }

    /// The hits of the pack's `LiteralIndex` in every block.
    private func documentHits() -> LiteralIndex.DocumentHits {
        if let h = literalHits { return h }
        let h = pack.literalIndex?.hits(in: document.blocks) ?? LiteralIndex.DocumentHits(slots: 0)
        literalHits = h
        return h
    }

    /// Block indices covered by a scope.
    func blocks(in scope: Scope) -> [Int] {
        let blocks = document.blocks
        switch scope {
        case .document:
            return Array(blocks.indices)
        case .opening:
            return Array(document.openingBlocks)
        case .title:
            return blocks.indices.filter { blocks[$0].kind == .title }
        case .headings:
            return blocks.indices.filter { blocks[$0].kind == .heading }
        case .body:
            return blocks.indices.filter { blocks[$0].kind == .paragraph || blocks[$0].kind == .tableRow }
        case .section(let name):
            var seen = Set<Int>()
            var out: [Int] = []
            for s in sections(named: name) {
                for i in document.sections[s].blocks where seen.insert(i).inserted { out.append(i) }
            }
            return out.sorted()
        }
    }

    /// Evidence pointing at the headings of the sections a scope covers (where a search looked).
    func searchedEvidence(for scope: Scope) -> [Evidence] {
        guard case .section(let name) = scope else { return [] }
        return sections(named: name).map { evidence(forBlock: document.sections[$0].headingBlock) }
    }

    /// Evidence for a whole block: its start and its text (shortened).
    func evidence(forBlock index: Int) -> Evidence {
        let block = document.blocks[index]
        return Evidence(location: block.location, text: Excerpt.of(block.text))
    }

    /// Evidence for a match in a block's folded text: the match's own position and the text around it.
    func evidence(forMatch match: PatternSet.Match, inBlock index: Int) -> Evidence {
        let block = document.blocks[index]
        let start = block.textOffset(ofFoldedOffset: match.start)
        let end = block.textOffset(ofFoldedOffset: match.end)
        return Evidence(location: block.location(ofTextOffset: start),
                        text: Excerpt.around(block.text, start: start, end: end))
    }

    /// A variable's value as text, and evidence for where it came from; nil when the report does not have it.
    func variable(_ name: String) -> (value: String, evidence: Evidence?)? {
        let meta = document.metadata
        switch name {
        case "report_year":
            guard let y = meta.year else { return nil }
            return ("\(y.value)", y.location.map { Evidence(location: $0, text: Excerpt.of(y.text ?? "\(y.value)")) })
        case "report_date":
            guard let d = meta.date else { return nil }
            return (d.value.description,
                    d.location.map { Evidence(location: $0, text: Excerpt.of(d.text ?? d.value.description)) })
        default:
            if name.hasPrefix("heading_year:") {
                let section = String(name.dropFirst("heading_year:".count))
                guard let first = sections(named: section).first else { return nil }
                let blockIndex = document.sections[first].headingBlock
                guard let year = YearParser.firstYear(in: foldedHeadingTitle(ofBlock: blockIndex)) else { return nil }
                return ("\(year)", evidence(forBlock: blockIndex))
            }
            if let template = pack.parameterTemplates[name] {
                guard let expanded = template.expand(in: self, depth: 1) else { return nil }
                return (expanded.value, expanded.evidence.first)
            }
            return nil
        }
    }
}

/// Short excerpts of report text for evidence.
enum Excerpt {
    static let maxLength = 80

    static func of(_ text: String) -> String {
        guard hasMoreScalars(text, than: maxLength) else { return text }
        return slice(text, from: 0, to: maxLength) + "…"
    }

    /// Text around [start, end) (scalar offsets), at most `maxLength` scalars, with ellipses where cut.
    static func around(_ text: String, start: Int, end: Int) -> String {
        let matchLength = max(0, end - start)
        let context = max(10, (maxLength - matchLength) / 2)
        let from = max(0, start - context)
        let wantedEnd = max(end + context, from + maxLength)
        // One walk over the bytes up to the excerpt's end (no array of the block's scalars: blocks can be long
        // and evidence is made for every match shown).
        var copy = text
        return copy.withUTF8 { p in
            var scalar = 0, fromByte = p.count, toByte: Int?
            for i in 0..<p.count where p[i] & 0xC0 != 0x80 {
                if scalar == from { fromByte = i }
                if scalar == wantedEnd { toByte = i; break }
                scalar += 1
            }
            // Not cut at the end: the text has `scalar` scalars in all.
            if toByte == nil && scalar <= maxLength { return text }
            // Cut at scalar starts of a valid String: valid UTF-8.
            let piece = String(knownValidUTF8: UnsafeBufferPointer(rebasing: p[fromByte..<(toByte ?? p.count)]))
            return (from > 0 ? "…" : "") + piece + (toByte != nil ? "…" : "")
        }
    }

    /// Whether `text` has more than `limit` scalars; stops counting there (evidence is made for whole blocks, and
    /// blocks can be long).
    static func hasMoreScalars(_ text: String, than limit: Int) -> Bool {
        var copy = text
        return copy.withUTF8 { p in
            guard p.count > limit else { return false }  // no more scalars than bytes
            var n = 0
            for b in p where b & 0xC0 != 0x80 {
                n += 1
                if n > limit { return true }
            }
            return false
        }
    }

    /// Scalars [from, to) of `text`.
    static func slice(_ text: String, from: Int, to: Int) -> String {
        var copy = text
        return copy.withUTF8 { p in
            var scalar = 0, startByte = p.count, endByte = p.count
            for i in 0..<p.count where p[i] & 0xC0 != 0x80 {
                if scalar == from { startByte = i }
                if scalar == to { endByte = i; break }
                scalar += 1
            }
            return String(knownValidUTF8: UnsafeBufferPointer(rebasing: p[startByte..<endByte]))
        }
    }
}

/// Years written with Arabic digits ("2026年") or Chinese numerals ("二〇二六年").
enum YearParser {
    private static let digits: [Character: Int] = ["〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4,
                                                  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]

    /// The first plausible year (1949–2199) followed by 年 in folded text.
    static func firstYear(in text: String) -> Int? {
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if chars[i] == "年", i >= 4 {
                let four = chars[(i - 4)..<i]
                let before = i >= 5 ? chars[i - 5] : " "
                if four.allSatisfy({ $0.isASCII && $0.isNumber }), !(before.isASCII && before.isNumber),
                   let y = Int(String(four)), (1949...2199).contains(y) {
                    return y
                }
                if four.allSatisfy({ digits[$0] != nil }), digits[before] == nil {
                    let y = four.reduce(0) { $0 * 10 + digits[$1]! }
                    if (1949...2199).contains(y) { return y }
                }
            }
            i += 1
        }
        return nil
    }
}

/// Matches of one pattern set in the blocks of one document.
struct BlockMatcher {
    let patterns: PatternSet
    let context: EvaluationContext
    /// The pack's literal hits in this document (nil: the pack indexes no literals).
    let hits: LiteralIndex.DocumentHits?
    /// The set's slot in the pack's `LiteralIndex`, if it is indexed.
    let slot: Int32?
    /// The set's regex matches per block, shared by every condition using the set (nil: no regexes).
    let regex: RegexMatches?
    /// Per regex of the set, the slot of its indexed prefilter (nil: the regex may match any block).
    let regexFilterSlots: [Int32?]

    /// False when block `index` certainly holds no match: none of the set's literals, and for every regex none of
    /// its prefilter literals. Most blocks match none of a condition's patterns; this spares collecting nothing.
    func mayMatch(inBlock index: Int) -> Bool {
        guard let hits else { return true }
        if let slot {
            if hits.occurs(slot: slot, inBlock: index) { return true }
        } else if patterns.hasLiterals {
            return true
        }
        guard regex != nil else { return false }
        for filter in regexFilterSlots {
            guard let filter else { return true }
            if hits.occurs(slot: filter, inBlock: index) { return true }
        }
        return false
    }

    /// Literal matches (ordered by end) then each regex's matches, in the block's folded text.
    func matches(inBlock index: Int) -> [PatternSet.Match] {
        let literal: [PatternSet.Match]
        if let slot, let hits {
            literal = hits.occurs(slot: slot, inBlock: index) ? hits.matches(slot: slot, inBlock: index) : []
        } else {
            literal = patterns.literalMatches(in: context.document.blocks[index].folded)
        }
        guard let regex else { return literal }
        let found: [PatternSet.Match]
        if let known = regex.perBlock[index] { found = known } else {
            found = patterns.regexMatches(in: context.document.blocks[index].folded) { id in
                guard let hits, let slot = context.pack.literalIndex?.slot(of: id) else { return false }
                return !hits.occurs(slot: slot, inBlock: index)
            }
            regex.perBlock[index] = found
        }
        if found.isEmpty { return literal }
        return literal.isEmpty ? found : literal + found
    }
}

/// The regex matches of one pattern set per block of a document, computed on first need.
final class RegexMatches {
    var perBlock: [[PatternSet.Match]?]
    init(blocks: Int) { perBlock = Array(repeating: nil, count: blocks) }
}
