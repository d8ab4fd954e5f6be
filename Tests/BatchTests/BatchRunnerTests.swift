import Foundation
import ReportCheck
import Testing

/// `BatchRunner` with a quick path (what a warm rerun uses): every index is delivered exactly once, from `quick`
/// when it accepts and from a worker otherwise, in input order when asked, whatever the mix.
@Suite struct BatchRunnerTests {
    /// Which indices `quick` accepts, and the expected result of each index.
    static let mixes: [(String, @Sendable (Int) -> Bool)] = [
        ("all quick", { _ in true }),
        ("none quick", { _ in false }),
        ("every third to the workers", { $0 % 3 != 0 }),
        ("runs of each", { ($0 / 50) % 2 == 0 }),
        ("a few slow ones", { $0 % 97 != 5 }),
    ]

    @Test(arguments: [true, false], [2, 3])
    func everyIndexDeliveredOnceFromQuickOrWorkers(ordered: Bool, jobs: Int) {
        let count = 2_000
        for (name, accepts) in Self.mixes {
            var seen: [Int] = []
            var fromQuick = 0
            BatchRunner(jobs: jobs, preserveOrder: ordered).run(
                count: count,
                quick: { i in accepts(i) ? "q\(i)" : nil },
                work: { i in
                    if i % 7 == 0 { usleep(50) }  // uneven worker times: results finish out of order
                    return "w\(i)"
                }) { i, r in
                    seen.append(i)
                    if r.hasPrefix("q") { fromQuick += 1 }
                    #expect(r == (accepts(i) ? "q\(i)" : "w\(i)"), "\(name): index \(i) got \(r)")
                }
            #expect(seen.count == count, "\(name)")
            #expect(Set(seen).count == count, "\(name): an index delivered twice")
            if ordered { #expect(seen == Array(0..<count), "\(name): not in input order") }
            #expect(fromQuick == (0..<count).filter(accepts).count, "\(name)")
        }
    }

    /// The quick path runs on the calling thread, in input order (it reads the cache without handing off).
    @Test func quickRunsOnTheCallingThreadInOrder() {
        let caller = Thread.current
        var order: [Int] = []
        BatchRunner(jobs: 2).run(count: 500, quick: { i -> Int? in
            #expect(Thread.current == caller)
            order.append(i)
            return i % 2 == 0 ? i : nil
        }, work: { $0 }) { _, _ in }
        #expect(order == Array(0..<500))
    }

    /// The calling thread is woken per batch of results, not per result: every count, including those smaller than a
    /// batch and those ending on a partial one, with a slow index first (the others finish and wait behind it),
    /// must still deliver everything. A missed wake-up would hang the run: it runs on a thread of its own, and a
    /// run not done in 30 s fails the test instead of hanging the suite.
    @Test(arguments: [true, false], [2, 3, 4])
    func batchedWakeUpsDeliverEveryCount(ordered: Bool, jobs: Int) {
        final class Outcome: @unchecked Sendable { var failures: [String] = [] }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Thread {
            for count in [1, 2, 5, 31, 32, 33, 63, 65, 257, 1_000] {
                var seen: [Int] = []
                BatchRunner(jobs: jobs, preserveOrder: ordered).run(count: count, work: { i in
                    if i == 0 { usleep(20_000) } else if i % 5 == 0 { usleep(100) }
                    return i * 2
                }) { i, r in
                    if r != i * 2 { outcome.failures.append("count \(count): index \(i) got \(r)") }
                    seen.append(i)
                }
                if seen.sorted() != Array(0..<count) { outcome.failures.append("count \(count): not all delivered once") }
                if ordered && seen != Array(0..<count) { outcome.failures.append("count \(count): not in input order") }
            }
            done.signal()
        }.start()
        #expect(done.wait(timeout: .now() + 30) == .success, "the run hung: a result was never delivered")
        #expect(outcome.failures.isEmpty, "\(outcome.failures)")
    }
}
