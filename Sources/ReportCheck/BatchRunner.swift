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
    public func run<R: Sendable>(count: Int, work: @escaping @Sendable (Int) -> R, deliver: (Int, R) -> Void) {
        if count == 0 { return }
        let workers = min(jobs, count)
        if workers == 1 {
            for i in 0..<count { deliver(i, work(i)) }
            return
        }
        let state = SharedState<R>(count: count, workers: workers, inOrder: preserveOrder)
        for _ in 0..<workers {
            let thread = Thread { state.workLoop(work) }
            thread.stackSize = 8 << 20
            thread.start()
        }
        var delivered = 0
        while delivered < count {
            let ready = state.takeReady()
            for (i, r) in ready { deliver(i, r) }
            delivered += ready.count
        }
        state.waitForWorkers()
    }
}

/// The queue and results shared by the workers and the delivering thread, guarded by one condition lock.
private final class SharedState<R: Sendable>: @unchecked Sendable {
    private let lock = NSCondition()
    private let count: Int
    private var nextIndex = 0
    private var finished: [Int: R] = [:]
    private var completionOrder: [Int] = []
    private var nextInOrder = 0
    private var running: Int
    /// Results handed to the delivering thread so far.
    private var taken = 0
    /// How many inputs may be started but not yet delivered: when delivering is the slower side (a warm rerun
    /// copying cached results), workers wait instead of piling up results in memory.
    private let window: Int
    /// Who is waiting on `lock`: a wake-up is only sent to a side that waits (a broadcast per result was
    /// thousands of futex calls on a warm rerun).
    private var delivererWaiting = false
    private var workersWaiting = 0

    /// Deliver in input order (else in completion order).
    private let inOrder: Bool

    init(count: Int, workers: Int, inOrder: Bool) {
        self.count = count
        self.inOrder = inOrder
        self.running = workers
        self.window = max(64, 128 * workers)
    }

    func workLoop(_ work: (Int) -> R) {
        while true {
            lock.lock()
            while nextIndex - taken >= window && nextIndex < count {
                workersWaiting += 1
                lock.wait()
                workersWaiting -= 1
            }
            let i = nextIndex
            nextIndex += 1
            lock.unlock()
            if i >= count { break }
            let r = work(i)
            lock.lock()
            finished[i] = r
            completionOrder.append(i)
            // In input order, only the next result lets the deliverer go on.
            if delivererWaiting && (!inOrder || i == nextInOrder) { lock.broadcast() }
            lock.unlock()
        }
        lock.lock()
        running -= 1
        lock.broadcast()
        lock.unlock()
    }

    /// Blocks until at least one result can be delivered, then returns all that can.
    func takeReady() -> [(Int, R)] {
        lock.lock()
        defer { lock.unlock() }
        if inOrder {
            while finished[nextInOrder] == nil { waitAsDeliverer() }
            var items: [(Int, R)] = []
            while let r = finished.removeValue(forKey: nextInOrder) {
                items.append((nextInOrder, r))
                nextInOrder += 1
            }
            completionOrder.removeAll(keepingCapacity: true)
            taken += items.count
            if workersWaiting > 0 { lock.broadcast() }
            return items
        }
        while completionOrder.isEmpty { waitAsDeliverer() }
        let items = completionOrder.map { ($0, finished.removeValue(forKey: $0)!) }
        completionOrder.removeAll(keepingCapacity: true)
        taken += items.count
        if workersWaiting > 0 { lock.broadcast() }
        return items
    }

    /// Called with `lock` held.
    private func waitAsDeliverer() {
        delivererWaiting = true
        lock.wait()
        delivererWaiting = false
    }

    func waitForWorkers() {
        lock.lock()
        while running > 0 { lock.wait() }
        lock.unlock()
    }
}
