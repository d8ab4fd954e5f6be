import CTextSearch

extension String {
    /// Substring test on UTF-8 bytes (memmem). Foundation's `contains(_:)` goes through CFStringFind with
    /// Unicode folding and was a third of the normalizer's time; byte search gives the same answer for the
    /// literal needles used here (UTF-8 is self-synchronising).
    @inline(__always)
    func containsBytes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                n.isEmpty || (h.count >= n.count && rl_memmem(h.baseAddress, h.count, n.baseAddress, n.count) != nil)
            }
        }
    }
}
