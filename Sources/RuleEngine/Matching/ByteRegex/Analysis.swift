/// Static facts about a parsed pattern, used to reject constructs and to skip quickly to candidate match starts.
extension ByteRegexNode {
    /// The fewest scalars a match consumes (0: it may match the empty string).
    var minLength: Int {
        switch self {
        case .empty, .assertion, .lookaround: return 0
        case .set: return 1
        case .concat(let items): return items.reduce(0) { min($0 + $1.minLength, Int.max / 4) }
        case .alternation(let branches): return branches.map(\.minLength).min() ?? 0
        case .repetition(let body, let count, _, _): return min(body.minLength * count, Int.max / 4)
        }
    }

    /// The most scalars a match consumes; nil when unbounded.
    var maxLength: Int? {
        switch self {
        case .empty, .assertion, .lookaround: return 0
        case .set: return 1
        case .concat(let items):
            var total = 0
            for item in items {
                guard let n = item.maxLength else { return nil }
                total = min(total + n, Int.max / 4)
            }
            return total
        case .alternation(let branches):
            var most = 0
            for branch in branches {
                guard let n = branch.maxLength else { return nil }
                most = max(most, n)
            }
            return most
        case .repetition(let body, _, let count, _):
            guard let count, let n = body.maxLength else { return nil }
            return min(n * count, Int.max / 4)
        }
    }

    /// The scalars a non-empty match can start with (a superset). Zero-width parts consume nothing and are skipped:
    /// a match still starts with whatever follows them.
    var firstScalars: ScalarSet {
        switch self {
        case .empty, .assertion, .lookaround: return ScalarSet()
        case .set(let set): return set
        case .concat(let items):
            var first = ScalarSet()
            for item in items {
                first.formUnion(item.firstScalars)
                if item.minLength > 0 { break }
            }
            return first
        case .alternation(let branches):
            return branches.reduce(ScalarSet()) { $0.union($1.firstScalars) }
        case .repetition(let body, _, let max, _):
            return max == 0 ? ScalarSet() : body.firstScalars
        }
    }

    /// Scalars every match starts with, in order (zero-width parts before them do not move the match start).
    var literalPrefix: [UInt32] {
        switch self {
        case .set(let set): return set.singleScalar.map { [$0] } ?? []
        case .repetition(.set(let set), let min, _, _) where min >= 1: return set.singleScalar.map { [$0] } ?? []
        case .concat(let items):
            var prefix: [UInt32] = []
            for item in items {
                switch item {
                case .assertion, .lookaround: continue
                case .set(let set):
                    guard let c = set.singleScalar else { return prefix }
                    prefix.append(c)
                default:
                    return prefix + item.literalPrefix
                }
            }
            return prefix
        default: return []
        }
    }
}

extension ByteRegexNode {
    /// ICU checks `^` without regard to "\r\n", but a pattern that reaches a `^` before consuming anything or
    /// branching is searched for at line starts only, and that search steps over the position between "\r" and
    /// "\n". Such a `^` becomes `.leadingLineStart`. When the pattern's first literal is "\n" ICU may search for that
    /// literal instead (its START_STRING case, which depends on how it splits literals): refused.
    func withLeadingLineStart() throws(ByteRegex.Unsupported) -> ByteRegexNode {
        guard case .replaced(let node) = leadingLineStart() else { return self }
        if startsWithLiteralNewline { throw ByteRegex.Unsupported("'^' followed by a literal newline") }
        return node
    }

    private enum LeadingScan { case atStart, stopped, replaced(ByteRegexNode) }

    private func leadingLineStart() -> LeadingScan {
        switch self {
        case .assertion(.lineStart): return .replaced(.assertion(.leadingLineStart))
        case .assertion, .lookaround, .empty: return .atStart
        case .set, .alternation, .repetition: return .stopped
        case .concat(var items):
            for (k, item) in items.enumerated() {
                switch item.leadingLineStart() {
                case .atStart: continue
                case .stopped: return .stopped
                case .replaced(let node):
                    items[k] = node
                    return .replaced(.concat(items))
                }
            }
            return .atStart
        }
    }

    private var startsWithLiteralNewline: Bool {
        switch self {
        case .set(let set): return set.singleScalar == 0x0A
        case .assertion, .lookaround, .empty: return false
        case .alternation(let branches): return branches.contains { $0.startsWithLiteralNewline }
        case .repetition(let body, _, let max, _): return max != 0 && body.startsWithLiteralNewline
        case .concat(let items):
            for item in items {
                if item.startsWithLiteralNewline { return true }
                if item.minLength > 0 { return false }
            }
            return false
        }
    }
}
