import Foundation
import ReportCheck

/// What the delivering thread found in the cache for an input it hands to the workers (on a warm rerun, the changed
/// reports): the worker takes it instead of asking the cache again. The cache's lock is held through a whole SQLite
/// query, and a worker's own lookups (the cached row, then the last status, twice) contended with the delivering
/// thread's read-ahead: it slept on that lock ~80 times in a warm rerun of 10,000 reports.
final class LookupHandoff: @unchecked Sendable {
    typealias Looked = (entry: ResultCache.Entry?, previous: ResultCache.PreviousStatus?)

    private let lock = NSLock()
    private var looked: [Int: Looked] = [:]

    func hand(_ index: Int, _ value: Looked) {
        lock.lock()
        looked[index] = value
        lock.unlock()
    }

    /// The lookup handed for `index`, once (nil when none was).
    func take(_ index: Int) -> Looked? {
        lock.lock()
        defer { lock.unlock() }
        return looked.removeValue(forKey: index)
    }
}
