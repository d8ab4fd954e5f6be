import Foundation

/// Checks many inputs on a fixed number of worker threads and delivers results as they finish — in
/// completion order, or in input order through a reorder buffer. Memory stays flat: only results not yet
/// delivered are kept (in input order, at most those finished ahead of a slow one).
public struct BatchRunner: Sendable {
    public let jobs: Int
    public let preserveOrder: Bool

    public init(jobs: Int, preserveOrder: Bool = true) {
        self.jobs = max(1, jobs)
        self.preserveOrder = preserveOrder
    }

    /// The machine's active processor count (the default for `--jobs`).
    public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs `work` for every index in 0..<count on the workers; `deliver` is called on the calling thread,
    /// one result at a time.
    ///
    /// `quick`, when given, is tried first for every index, in order, on the calling thread: a result it returns is
    /// delivered as it is, and only the indices it declines go to the workers. For inputs that are mostly cheap
    /// (a warm rerun reusing cached results: a stat and one lookup each), handing each to a worker thread and back
    /// cost more in locking and wake-ups than the work itself.
    ///
    /// Inlinable, so the caller's module specializes it for its result type: unspecialized, the reorder buffer's
    /// dictionary and the queue went through generic metadata and value witnesses for every input (a seventh of a
    /// warm rerun's delivering thread, in instructions).
    @inlinable
    public func run<R: Sendable>(count: Int, quick: ((Int) -> R?)? = nil, work: @escaping @Sendable (Int) -> R,
                                 deliver: (Int, R) -> Void) {
        if count == 0 { return }
        let workers = min(jobs, count)
        if workers == 1 {
            for i in 0..<count { deliver(i, quick?(i) ?? work(i)) }
            return
        }
        runQueued(count: count, workers: workers, quickAhead: quick != nil, quick: quick ?? { _ in nil }, work: work,
                  deliver: deliver)
    }
}

extension BatchRunner {
    /// How far ahead of the next result to deliver the quick path may go: the results it holds meanwhile are cached
    /// rows (a few KB each), so this bounds the memory a slow report can hold up to a few MB.
    public static let quickLookahead = 1024

    @inlinable
    func runQueued<R: Sendable>(count: Int, workers: Int, quickAhead: Bool, quick: (Int) -> R?,
                                work: @escaping @Sendable (Int) -> R, deliver: (Int, R) -> Void) {
        // The calling thread is woken once per batch of results rather than once per result: each wake-up of a third
        // thread on a machine whose cores the workers keep busy preempts a worker (on 2 cores, one per result cost ~6%
        // of a full check in futex calls, reschedule interrupts and context switches).
        let window = max(64, 128 * workers)
        // With a quick path, the calling thread may run further ahead of a result it waits for (at most `window` of
        // them still with the workers): on a warm rerun it otherwise caught up with the changed report every few
        // hundred inputs and slept until a worker, sharing the cores with it, finished (a sixth of the run).
        let lookahead = quickAhead ? max(window, Self.quickLookahead) : window
        let queue = WorkQueue<R>(wakeBatch: max(1, min(32, window / 8)))
        var threads: [Thread] = []
        for _ in 0..<workers {
            let thread = Thread {
                BatchScheduling.markCurrentThread()
                queue.workLoop(work)
            }
            thread.stackSize = 8 << 20
            threads.append(thread)
            thread.start()
        }
        // Results not yet delivered: from `quick` (here) and collected from the workers. At most `window` indices
        // are with the workers; in input order, at most `lookahead` are tried ahead of the next one to deliver:
        // memory stays flat either way.
        var ready: [Int: R] = [:]
        var nextToTry = 0
        var nextToDeliver = 0
        var delivered = 0
        var withWorkers = 0
        while delivered < count {
            let canTry = nextToTry < count
                && withWorkers < window && (!preserveOrder || nextToTry - nextToDeliver < lookahead)
            if canTry {
                let i = nextToTry
                nextToTry += 1
                if let r = quick(i) {
                    if preserveOrder && i == nextToDeliver {
                        // The next to deliver (most of a warm rerun): delivered at once, not through `ready`.
                        deliver(i, r)
                        nextToDeliver += 1
                        delivered += 1
                    } else {
                        ready[i] = r
                    }
                } else {
                    queue.push(i)
                    withWorkers += 1
                }
            } else {
                // Nothing more to try for now: wait for a worker's result. (In input order the next one to deliver
                // is with the workers; out of order everything tried so far was delivered, so all was tried.)
                precondition(withWorkers > 0, "BatchRunner: nothing left to wait for")
                withWorkers -= queue.takeFinished(into: &ready, wait: true)
            }
            if preserveOrder {
                if ready[nextToDeliver] == nil && withWorkers > 0 { withWorkers -= queue.takeFinished(into: &ready, wait: false) }
                while let r = ready.removeValue(forKey: nextToDeliver) {
                    deliver(nextToDeliver, r)
                    nextToDeliver += 1
                    delivered += 1
                }
            } else {
                if withWorkers > 0 { withWorkers -= queue.takeFinished(into: &ready, wait: false) }
                for (i, r) in ready.sorted(by: { $0.key < $1.key }) { deliver(i, r) }
                delivered += ready.count
                ready.removeAll(keepingCapacity: true)
            }
        }
        queue.close()
        queue.waitForWorkers(workers)
    }
}

/// The indices declined by `quick`, for the workers, and their results; one condition lock.
@usableFromInline
final class WorkQueue<R: Sendable>: @unchecked Sendable {
    @usableFromInline let lock = NSCondition()
    /// A waiting deliverer is woken when this many results are ready, or when no index is left for the workers
    /// (then no more may come before it pushes more: waiting longer could wait forever).
    @usableFromInline let wakeBatch: Int
    @usableFromInline var pending: [Int] = []
    @usableFromInline var head = 0
    @usableFromInline var closed = false
    @usableFromInline var finished: [(Int, R)] = []
    @usableFromInline var exited = 0
    @usableFromInline var workersWaiting = 0
    @usableFromInline var delivererWaiting = false

    @inlinable
    init(wakeBatch: Int) {
        self.wakeBatch = wakeBatch
    }

    @inlinable
    func push(_ i: Int) {
        lock.lock()
        if head == pending.count { pending.removeAll(keepingCapacity: true); head = 0 }
        pending.append(i)
        if workersWaiting > 0 { lock.signal() }
        lock.unlock()
    }

    @inlinable
    func close() {
        lock.lock()
        closed = true
        lock.broadcast()
        lock.unlock()
    }

    @inlinable
    func workLoop(_ work: (Int) -> R) {
        while true {
            lock.lock()
            while head == pending.count && !closed {
                workersWaiting += 1
                lock.wait()
                workersWaiting -= 1
            }
            if head == pending.count {
                exited += 1
                lock.broadcast()
                lock.unlock()
                return
            }
            let i = pending[head]
            head += 1
            lock.unlock()
            let r = work(i)
            lock.lock()
            finished.append((i, r))
            if delivererWaiting && (finished.count >= wakeBatch || head == pending.count) { lock.broadcast() }
            lock.unlock()
        }
    }

    /// Moves the workers' results into `ready` and returns how many; with `wait`, first blocks until there is one.
    @inlinable
    func takeFinished(into ready: inout [Int: R], wait: Bool) -> Int {
        lock.lock()
        while wait && finished.isEmpty {
            delivererWaiting = true
            lock.wait()
            delivererWaiting = false
        }
        let n = finished.count
        for (i, r) in finished { ready[i] = r }
        finished.removeAll(keepingCapacity: true)
        lock.unlock()
        return n
    }

    @inlinable
    func waitForWorkers(_ count: Int) {
        lock.lock()
        while exited < count { lock.wait() }
        lock.unlock()
    }
}

