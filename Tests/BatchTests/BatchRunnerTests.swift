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
}
