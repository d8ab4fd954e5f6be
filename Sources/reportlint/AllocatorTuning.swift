#if canImport(Glibc)
import Glibc
#endif

/// Settings for the allocator the release build links (gperftools' tcmalloc, see the Makefile), made at start-up
/// through its C API when it is there; a no-op under glibc's malloc (debug builds, tests).
enum AllocatorTuning {
    /// Returns the pages of freed spans to the kernel at once instead of gradually. Without it, peak memory of a batch
    /// crept up with the number of reports (1,000 → 10,000: 34 → 37 MB, 1.10×, varying run to run); with it, 34.0 →
    /// 35.2 MB (1.04×, steady), for ~1.6% of a full check's time (7 alternating runs: 1.82 vs 1.85 s).
    @discardableResult
    static func apply() -> Bool {
        setAggressiveDecommit(true)
    }

    /// How many reports a batch with a cache evaluates before it turns the decommit back on (see
    /// `setAggressiveDecommit`).
    static let evaluationsBeforeDecommit = 256

    /// Turns tcmalloc's aggressive decommit on or off; false when there is no tcmalloc. A batch with a cache turns it
    /// off at its start and on again once it has evaluated `evaluationsBeforeDecommit` reports: a nightly rerun
    /// reuses almost every result, allocating the same few sizes over and over, and returning each freed span to
    /// the kernel only to fault it back in was 9% of a warm rerun (0.223 → 0.202 s without it, 12 alternating runs);
    /// the creep it prevents comes from evaluating many different documents.
    @discardableResult
    static func setAggressiveDecommit(_ on: Bool) -> Bool {
        #if canImport(Glibc)
        // int MallocExtension_SetNumericProperty(const char *property, size_t value): 1 when the property was set.
        typealias SetNumericProperty = @convention(c) (UnsafePointer<CChar>, Int) -> Int32
        guard let symbol = dlsym(nil, "MallocExtension_SetNumericProperty") else { return false }
        let set = unsafeBitCast(symbol, to: SetNumericProperty.self)
        return set("tcmalloc.aggressive_memory_decommit", on ? 1 : 0) == 1
        #else
        return false
        #endif
    }
}
