import Foundation
import Testing
import ReportCheck
import ReportDocument
import ReportNormalizer
import RuleEngine

/// The concurrent batch path (BatchRunner with several worker threads over the Samples), run under
/// ThreadSanitizer by `make test-sanitize`: results equal the sequential ones, in input order.
@Suite struct ConcurrencyTests {
    static func samplePaths() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Paths.samples.path).sorted()
            .filter { Normalizer.format(forPath: $0) != nil }
        return names.map { Paths.samples.appendingPathComponent($0).path }
    }

    @Test func parallelBatchMatchesSequential() throws {
        Normalizer.setUp()
        let checker = ReportChecker(ruleSet: try RuleSetLoader.load([]))
        let samples = try Self.samplePaths()
        #expect(samples.count >= 10)
        let paths = Array(repeating: samples, count: 3).flatMap { $0 }
        let sequential = paths.map { checker.check(path: $0) }
        for jobs in [2, 4] {
            for ordered in [true, false] {
                var got: [Int: ReportResult] = [:]
                var order: [Int] = []
                BatchRunner(jobs: jobs, preserveOrder: ordered).run(count: paths.count,
                                                                    work: { checker.check(path: paths[$0]) }) { i, r in
                    got[i] = r
                    order.append(i)
                }
                #expect(got.count == paths.count)
                if ordered { #expect(order == Array(paths.indices)) }
                for i in paths.indices { #expect(got[i] == sequential[i], "jobs \(jobs): \(paths[i])") }
            }
        }
    }

    @Test func parallelBatchWithBudgetsAndErrors() throws {
        Normalizer.setUp()
        var configured = ReportChecker(ruleSet: try RuleSetLoader.load([]))
        configured.limits.timeBudgetMilliseconds = 60_000
        let checker = configured
        let samples = try Self.samplePaths()
        let paths = samples + ["/nonexistent/x.txt", Paths.samples.path] + samples
        var errors = 0
        BatchRunner(jobs: 4, preserveOrder: false).run(count: paths.count, work: { checker.check(path: paths[$0]) }) {
            _, r in if r.verdict == .error { errors += 1 }
        }
        #expect(errors == 2)
    }
}
