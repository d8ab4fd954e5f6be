/// A parsed pattern. Captures do not matter (only the overall match range is reported), so groups leave no trace.
indirect enum ByteRegexNode: Sendable {
    case empty
    /// One scalar from the set (a literal is a one-member set).
    case set(ScalarSet)
    case concat([ByteRegexNode])
    case alternation([ByteRegexNode])
    case repetition(ByteRegexNode, min: Int, max: Int?, lazy: Bool)
    case assertion(ByteRegexAssertion)
    case lookaround(ByteRegexNode, behind: Bool, negated: Bool)
}

/// Zero-width position tests (ICU with `.anchorsMatchLines`).
enum ByteRegexAssertion: Int32, Sendable {
    /// `^`: at the start, or after a line terminator (also between "\r" and "\n") but not at the end.
    case lineStart
    /// A `^` that every match passes first (see `ByteRegexNode.withLeadingLineStart`): ICU then only tries
    /// line starts, skipping the position between "\r" and "\n".
    case leadingLineStart
    case lineEnd, textStart, textEnd, textEndBeforeFinalTerminator
}

/// Parses the supported subset of ICU regex syntax. Throws for anything outside it, and for anything ICU itself
/// rejects, so a pattern that parses here always compiles in NSRegularExpression too.
struct ByteRegexParser {
    typealias Unsupported = ByteRegex.Unsupported

    /// Counted repetition bounds above this are left to ICU (they also bloat the unrolled program).
    static let maxCount = 1000
    /// Longest lookbehind (in scalars) accepted.
    static let maxLookbehind = 1000

    private let s: [UInt32]
    private var i = 0
    private var lookbehindDepth = 0

    private init(_ pattern: String) { s = pattern.unicodeScalars.map(\.value) }

    static func parse(_ pattern: String) throws(Unsupported) -> ByteRegexNode {
        var parser = ByteRegexParser(pattern)
        // NSRegularExpression refuses an empty pattern.
        guard !parser.s.isEmpty else { throw Unsupported("empty pattern") }
        let node = try parser.parseAlternation()
        if parser.i < parser.s.count { throw parser.fail("unbalanced ')'") }
        return node
    }

    private var peek: UInt32? { i < s.count ? s[i] : nil }

    private func fail(_ reason: String) -> Unsupported { Unsupported("\(reason) at scalar \(i)") }

    private static func char(_ c: Character) -> UInt32 { c.unicodeScalars.first!.value }

    private mutating func parseAlternation() throws(Unsupported) -> ByteRegexNode {
        var branches = [try parseConcat()]
        while peek == Self.char("|") {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcat() throws(Unsupported) -> ByteRegexNode {
        var items: [ByteRegexNode] = []
        while let c = peek, c != Self.char("|"), c != Self.char(")") {
            let atom = try parseAtom()
            items.append(try parseQuantifier(on: atom))
        }
        return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concat(items)
    }

    private mutating func parseAtom() throws(Unsupported) -> ByteRegexNode {
        let c = s[i]
        switch c {
        case Self.char("("): return try parseGroup()
        case Self.char("["): return .set(try parseClass())
        case Self.char("."): i += 1; return .set(.dot)
        case Self.char("^"): i += 1; return try assertion(.lineStart)
        case Self.char("$"): i += 1; return try assertion(.lineEnd)
        case Self.char("\\"):
            switch try parseEscape(inClass: false) {
            case .set(let set): return .set(set)
            case .assertion(let kind): return try assertion(kind)
            }
        case Self.char("*"), Self.char("+"), Self.char("?"), Self.char("{"), Self.char("}"):
            throw fail("quantifier or brace without an operand")
        default:
            i += 1
            return .set(.scalar(c))
        }
    }

    private func assertion(_ kind: ByteRegexAssertion) throws(Unsupported) -> ByteRegexNode {
        // Inside a lookbehind ICU moves the region end to the lookbehind's position; not modelled here.
        if lookbehindDepth > 0 { throw fail("anchor inside a lookbehind") }
        return .assertion(kind)
    }

    private mutating func parseQuantifier(on atom: ByteRegexNode) throws(Unsupported) -> ByteRegexNode {
        guard let c = peek else { return atom }
        let min: Int, max: Int?
        switch c {
        case Self.char("*"): i += 1; (min, max) = (0, nil)
        case Self.char("+"): i += 1; (min, max) = (1, nil)
        case Self.char("?"): i += 1; (min, max) = (0, 1)
        case Self.char("{"): (min, max) = try parseInterval()
        default: return atom
        }
        switch atom {
        case .assertion, .lookaround: throw fail("quantified assertion")
        default: break
        }
        // ICU's loops over a body that can match empty behave idiosyncratically (`(a??)+?b` finds nothing in "ab").
        if atom.minLength == 0 { throw fail("quantified sub-pattern that can match the empty string") }
        var lazy = false
        if peek == Self.char("?") {
            // ICU cannot bound the length of a lazy repetition, so it rejects one inside a lookbehind.
            if lookbehindDepth > 0 { throw fail("lazy quantifier inside a lookbehind") }
            lazy = true
            i += 1
        }
        if peek == Self.char("+") { throw fail("possessive quantifier") }
        if let next = peek, [Self.char("*"), Self.char("?"), Self.char("{")].contains(next) {
            throw fail("quantifier after a quantifier")
        }
        return .repetition(atom, min: min, max: max, lazy: lazy)
    }

    /// `{n}`, `{n,}` or `{n,m}`; anything else after `{` is an ICU syntax error.
    private mutating func parseInterval() throws(Unsupported) -> (Int, Int?) {
        i += 1
        guard let min = parseNumber() else { throw fail("malformed interval") }
        var max: Int? = min
        if peek == Self.char(",") {
            i += 1
            max = parseNumber()
        }
        if min > Self.maxCount || (max ?? 0) > Self.maxCount { throw fail("repetition count above \(Self.maxCount)") }
        guard peek == Self.char("}") else { throw fail("malformed interval") }
        i += 1
        if let max, max < min { throw fail("interval maximum below minimum") }
        return (min, max)
    }

    private mutating func parseNumber() -> Int? {
        var value = 0, digits = 0
        while let c = peek, (0x30...0x39).contains(c) {
            value = Swift.min(value * 10 + Int(c - 0x30), Self.maxCount + 1)
            digits += 1
            i += 1
        }
        return digits == 0 ? nil : value
    }

    private mutating func parseGroup() throws(Unsupported) -> ByteRegexNode {
        i += 1
        var kind: (behind: Bool, negated: Bool)?
        if peek == Self.char("?") {
            let rest = s[(i + 1)...].prefix(2).map { Character(Unicode.Scalar($0)!) }
            switch String(rest) {
            case let r where r.hasPrefix(":"): i += 2
            case let r where r.hasPrefix("="): i += 2; kind = (false, false)
            case let r where r.hasPrefix("!"): i += 2; kind = (false, true)
            case "<=": i += 3; kind = (true, false)
            case "<!": i += 3; kind = (true, true)
            default: throw fail("unsupported (? construct")
            }
        }
        if let kind {
            if lookbehindDepth > 0 { throw fail("lookaround inside a lookbehind") }
            if kind.behind { lookbehindDepth += 1 }
        }
        let body = try parseAlternation()
        guard peek == Self.char(")") else { throw fail("missing ')'") }
        i += 1
        guard let kind else { return body }
        if kind.behind {
            lookbehindDepth -= 1
            guard let max = body.maxLength else { throw fail("lookbehind without a bounded length") }
            if max > Self.maxLookbehind { throw fail("lookbehind longer than \(Self.maxLookbehind)") }
        }
        return .lookaround(body, behind: kind.behind, negated: kind.negated)
    }

    /// `[...]` or `[^...]` with single scalars, `a-z` ranges and `\d`-style escapes. ICU's set syntax beyond
    /// that (nested sets, `&&`, `--`, `[:alpha:]`, `{string}`, a leading `]`, a stray `-`) is refused.
    private mutating func parseClass() throws(Unsupported) -> ScalarSet {
        i += 1
        var negated = false
        if peek == Self.char("^") { negated = true; i += 1 }
        if peek == Self.char("]") { throw fail("']' first in a class") }
        var set = ScalarSet()
        while true {
            guard let c = peek else { throw fail("missing ']'") }
            if c == Self.char("]") { i += 1; break }
            let item = try parseClassItem()
            if peek == Self.char("-"), let lo = item.singleScalar {
                i += 1
                guard peek != Self.char("]") else { throw fail("'-' at the end of a class") }
                guard let hi = try parseClassItem().singleScalar else { throw fail("class escape as a range end") }
                guard lo <= hi else { throw fail("range out of order") }
                if peek == Self.char("-") { throw fail("'-' after a range") }
                set.formUnion(ScalarSet(lo, hi))
            } else {
                set.formUnion(item)
            }
        }
        return negated ? set.inverted() : set
    }

    private mutating func parseClassItem() throws(Unsupported) -> ScalarSet {
        let c = s[i]
        if c == Self.char("\\") {
            guard case .set(let set) = try parseEscape(inClass: true) else { throw fail("anchor in a class") }
            return set
        }
        if [Self.char("["), Self.char("&"), Self.char("{"), Self.char("}"), Self.char("$"), Self.char("-")].contains(c) {
            throw fail("unsupported class syntax")
        }
        i += 1
        return .scalar(c)
    }

    private enum Escape { case set(ScalarSet), assertion(ByteRegexAssertion) }

    private mutating func parseEscape(inClass: Bool) throws(Unsupported) -> Escape {
        i += 1
        guard let c = peek else { throw fail("trailing backslash") }
        i += 1
        switch Character(Unicode.Scalar(c)!) {
        case "t": return .set(.scalar(0x09))
        case "n": return .set(.scalar(0x0A))
        case "r": return .set(.scalar(0x0D))
        case "f": return .set(.scalar(0x0C))
        case "e": return .set(.scalar(0x1B))
        case "a": return .set(.scalar(0x07))
        case "d": return .set(.digit)
        case "D": return .set(ScalarSet.digit.inverted())
        case "s": return .set(.space)
        case "S": return .set(ScalarSet.space.inverted())
        case "w": return .set(.word)
        case "W": return .set(ScalarSet.word.inverted())
        case "A" where !inClass: return .assertion(.textStart)
        case "z" where !inClass: return .assertion(.textEnd)
        case "Z" where !inClass: return .assertion(.textEndBeforeFinalTerminator)
        case "u": return .set(.scalar(try hexScalar(minDigits: 4, maxDigits: 4)))
        case "x":
            if peek == Self.char("{") {
                i += 1
                let value = try hexScalar(minDigits: 1, maxDigits: 6)
                guard peek == Self.char("}") else { throw fail("malformed \\x{…}") }
                i += 1
                return .set(.scalar(value))
            }
            return .set(.scalar(try hexScalar(minDigits: 1, maxDigits: 2)))
        default:
            // ICU takes any escaped ASCII punctuation or space literally.
            if (0x20...0x7E).contains(c), !Character(Unicode.Scalar(c)!).isLetter, !Character(Unicode.Scalar(c)!).isNumber {
                return .set(.scalar(c))
            }
            throw fail("unsupported escape")
        }
    }

    private mutating func hexScalar(minDigits: Int, maxDigits: Int) throws(Unsupported) -> UInt32 {
        var value: UInt32 = 0, digits = 0
        while digits < maxDigits, let c = peek, let d = Character(Unicode.Scalar(c)!).hexDigitValue, c < 0x80 {
            value = value * 16 + UInt32(d)
            digits += 1
            i += 1
        }
        guard digits >= minDigits else { throw fail("malformed hex escape") }
        // Surrogates and out-of-range values: ICU either rejects them or matches UTF-16 halves.
        guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else { throw fail("hex escape is not a scalar") }
        return value
    }
}
