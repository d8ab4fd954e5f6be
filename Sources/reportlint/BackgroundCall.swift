import Foundation

/// A throwing call run on a thread of its own while the caller does something else; `wait` joins it once and
/// rethrows what it threw.
final class BackgroundCall: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var error: Error?

    init(_ body: @escaping @Sendable () throws -> Void) {
        let thread = Thread { [self] in
            do { try body() } catch { self.error = error }
            done.signal()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    func wait() throws {
        done.wait()
        if let error { throw error }
    }
}
