/// Finds where a match may start from the scalars it can start with. Chinese text is mostly three-byte scalars
/// whose lead bytes (E4–E9) say little, so a candidate is judged by its lead byte and, for three- and four-byte
/// scalars, by the next two bytes as well: one bit per (b1, b2) pair, shared by all lead bytes (a superset, but a
/// selective one: it singles out one scalar per lead byte).
/// A scalar that cannot start a match is skipped whole (its continuation bytes cannot either): a third of the
/// steps in Chinese text.
struct ByteRegexStartFilter: Sendable {
    /// Per byte: 0 when a match may start there; else the bytes to skip (the scalar's length, 1 for continuation
    /// and invalid bytes), with `checkTail` set when the next two bytes decide.
    private let leads: [UInt8]
    private static let always: UInt8 = 0
    private static let checkTail: UInt8 = 0x80
    /// Bit (b1 << 8 | b2) for three- and four-byte scalars.
    private let tails: [UInt64]

    /// Above this many multi-byte scalars (a negated class, `\w`…) the tail bits would not filter much.
    private static let maxTailScalars = 8192

    init(firstScalars: ScalarSet) {
        // Never a start: skip the scalar (the length its lead byte announces; 1 for anything else).
        var leads = (0...255).map { (b: Int) -> UInt8 in
            switch b {
            case 0xC2...0xDF: 2
            case 0xE0...0xEF: 3
            case 0xF0...0xF4: 4
            default: 1
            }
        }
        let never = leads
        var tails = [UInt64](repeating: 0, count: 1024)
        let r = firstScalars.ranges
        var multiByte = 0
        for k in stride(from: 0, to: r.count, by: 2) where r[k + 1] >= 0x800 {
            multiByte += Int(r[k + 1] - max(r[k], 0x800) + 1)
        }
        let checkTails = multiByte <= Self.maxTailScalars
        for k in stride(from: 0, to: r.count, by: 2) {
            var v = r[k]
            while v <= r[k + 1] {
                let utf8 = UTF8Encoding.bytes(of: v)
                let lead = Int(utf8[0])
                if utf8.count < 3 || !checkTails {
                    leads[lead] = Self.always
                } else {
                    if leads[lead] == never[lead] { leads[lead] = Self.checkTail | never[lead] }
                    let bit = Int(utf8[1]) << 8 | Int(utf8[2])
                    tails[bit >> 6] |= 1 << UInt64(bit & 63)
                }
                // Scalars that share what is looked at: a lead byte alone covers 64 two-byte scalars (4096
                // three-byte, 262144 four-byte ones); with tails it is one three-byte scalar, 64 four-byte ones.
                let step: UInt32 = switch v {
                case ..<0x80: 1
                case ..<0x800: 64
                case ..<0x10000: checkTails ? 1 : 4096
                default: checkTails ? 64 : 262_144
                }
                v = (v / step + 1) * step
            }
        }
        self.leads = leads
        self.tails = tails
    }

    /// The lead byte every match starts with when there is only one and it says all (memchr can find it).
    var onlyLeadByte: UInt8? {
        let possible = leads.indices.filter { leads[$0] == Self.always || leads[$0] & Self.checkTail != 0 }
        guard possible.count == 1, leads[possible[0]] == Self.always else { return nil }
        return UInt8(possible[0])
    }

    /// The first position at or after `from` where a match may start, or nil. Steps byte by byte (or scalar by
    /// scalar where the lead byte is looked up anyway) rather than decoding: the next position then does not wait
    /// for more than one table load.
    func candidate(from: Int, in text: UnsafePointer<UInt8>, count: Int) -> Int? {
        leads.withUnsafeBufferPointer { leads in
            tails.withUnsafeBufferPointer { tails in
                var i = from
                while i < count {
                    let entry = leads[Int(text[i])]
                    if entry == Self.always { return i }
                    if entry & Self.checkTail != 0 && i &+ 2 < count {
                        let bit = Int(text[i &+ 1]) << 8 | Int(text[i &+ 2])
                        if tails[bit >> 6] >> UInt64(bit & 63) & 1 != 0 { return i }
                    }
                    i &+= Int(entry & 7)
                }
                return nil
            }
        }
    }
}
