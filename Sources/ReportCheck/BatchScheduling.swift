#if canImport(Glibc)
import Glibc
#endif

/// Helper threads of a batch run under Linux's SCHED_BATCH policy: same share of the CPU, but waking one does not
/// preempt the thread that woke it. On a warm rerun the delivering thread is the critical path, and each report it
/// handed to a worker put it off its core for the worker's time slice (~30 times in a rerun of 10,000 reports, at
/// the wake-up in `WorkQueue.push`).
@usableFromInline
enum BatchScheduling {
    /// SCHED_BATCH from Linux's <sched.h>, which the Glibc module does not export.
    private static let schedBatch: Int32 = 3

    /// Puts the calling thread under SCHED_BATCH. Best effort: where the policy does not exist it changes nothing.
    @usableFromInline
    static func markCurrentThread() {
        #if os(Linux)
        var param = sched_param()
        param.sched_priority = 0
        _ = pthread_setschedparam(pthread_self(), schedBatch, &param)
        #endif
    }

    /// True when the calling thread runs under SCHED_BATCH (for tests).
    static var currentThreadIsBatch: Bool {
        #if os(Linux)
        var policy: Int32 = 0
        var param = sched_param()
        return pthread_getschedparam(pthread_self(), &policy, &param) == 0 && policy == schedBatch
        #else
        return false
        #endif
    }
}
