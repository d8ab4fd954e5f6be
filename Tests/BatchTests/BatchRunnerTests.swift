import Foundation
@testable import ReportCheck
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

    /// With a quick path, the calling thread goes on past a result it waits for (a warm rerun's changed report), up to
    /// `quickLookahead` indices and no further. Index 0 is held on its worker until `quick` has tried index 900 (past
    /// the 256 of the workers' window); the run is on a thread of its own, and index 0 gives up after 10 s.
    @Test func quickRunsAheadOfAResultItWaitsFor() {
        final class Seen: @unchecked Sendable {
            let lock = NSLock()
            var maxTried = -1
            var maxTriedWhileZeroWasOut = -1
            var zeroDelivered = false
            var order: [Int] = []
        }
        let seen = Seen()
        let reached = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let count = 3_000
        Thread {
            BatchRunner(jobs: 2).run(count: count, quick: { i -> Int? in
                seen.lock.lock()
                seen.maxTried = i
                if !seen.zeroDelivered { seen.maxTriedWhileZeroWasOut = i }
                seen.lock.unlock()
                if i == 900 { reached.signal() }
                return i == 0 ? nil : i
            }, work: { i in
                if i == 0 { _ = reached.wait(timeout: .now() + 10) }
                return i
            }) { i, _ in
                if i == 0 { seen.lock.lock(); seen.zeroDelivered = true; seen.lock.unlock() }
                seen.order.append(i)
            }
            done.signal()
        }.start()
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(seen.order == Array(0..<count))
        #expect(seen.maxTriedWhileZeroWasOut >= 900, "quick stopped at \(seen.maxTriedWhileZeroWasOut) behind the slow index")
        #expect(seen.maxTriedWhileZeroWasOut < BatchRunner.quickLookahead, "quick went \(seen.maxTriedWhileZeroWasOut) ahead")
    }

    /// Without a quick path (a check without a cache) the calling thread stays within the workers' window: results
    /// finished behind a slow one are all it holds.
    @Test func withoutQuickTheWindowBoundsWhatIsHeld() {
        final class Started: @unchecked Sendable {
            let lock = NSLock()
            var maxStartedWhileZeroWasOut = -1
            var zeroDone = false
        }
        let started = Started()
        BatchRunner(jobs: 2).run(count: 2_000, work: { i in
            if i == 0 { usleep(300_000) }
            started.lock.lock()
            if i == 0 { started.zeroDone = true } else if !started.zeroDone { started.maxStartedWhileZeroWasOut = max(started.maxStartedWhileZeroWasOut, i) }
            started.lock.unlock()
            return i
        }) { _, _ in }
        #expect(started.maxStartedWhileZeroWasOut < 256, "started \(started.maxStartedWhileZeroWasOut) behind the slow index")
        #expect(started.maxStartedWhileZeroWasOut > 100)
    }

    /// The workers run under SCHED_BATCH (waking one does not preempt the calling thread); the calling thread's own
    /// policy is left as it was.
    @Test func workersRunAsBatchThreads() {
        final class Policies: @unchecked Sendable { let lock = NSLock(); var batch: [Bool] = [] }
        let policies = Policies()
        let callerWasBatch = BatchScheduling.currentThreadIsBatch
        BatchRunner(jobs: 2).run(count: 200, quick: { $0 % 2 == 0 ? $0 : nil }, work: { i in
            policies.lock.lock(); policies.batch.append(BatchScheduling.currentThreadIsBatch); policies.lock.unlock()
            return i
        }) { _, _ in }
        #expect(policies.batch.count == 100)
        #if os(Linux)
        #expect(policies.batch.allSatisfy { $0 })
        #endif
        #expect(BatchScheduling.currentThreadIsBatch == callerWasBatch)
    }
}
