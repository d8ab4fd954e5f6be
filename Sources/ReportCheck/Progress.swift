import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The progress line of a batch on standard error — done/total, reports/s, ETA, failures so far — redrawn at most
/// five times a second, only when standard error is a terminal. `summaryLine` is printed at the end in any case.
public final class ProgressLine {
    public let total: Int
    public let enabled: Bool
    private let start = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var drawn = false
    public private(set) var done = 0
    public private(set) var failures = 0

    public init(total: Int, enabled: Bool = isatty(2) == 1) {
        self.total = total
        self.enabled = enabled
    }

    public var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    public func advance(failed: Bool) {
        done += 1
        if failed { failures += 1 }
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - lastDraw > 200_000_000 || done == total else { return }
        lastDraw = now
        let t = elapsed
        let rate = t > 0 ? Double(done) / t : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let pct = total > 0 ? done * 100 / total : 100
        let line = "\r\u{1B}[K\(done)/\(total) (\(pct)%)  \(String(format: "%.0f", rate)) reports/s  ETA \(Self.clock(eta))  \(failures) failing"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// Clears the progress line (before the summary or an error message).
    public func clear() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}
