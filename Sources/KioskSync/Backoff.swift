import Foundation

/// How long to wait before trying the portal again: doubling from `base` up to `cap`, with
/// jitter so that kiosks of a whole county do not all come back at the same second, and never
/// sooner than the portal's `Retry-After` (itself capped, so a wrong header cannot stop a queue
/// for days).
public struct Backoff: Sendable, Equatable {
    public var base: TimeInterval
    public var cap: TimeInterval
    public var longestRetryAfter: TimeInterval

    public init(base: TimeInterval = 2, cap: TimeInterval = 300, longestRetryAfter: TimeInterval = 3600) {
        self.base = base
        self.cap = cap
        self.longestRetryAfter = longestRetryAfter
    }

    /// `failures` counts the failed tries in a row (1 after the first). `random` is in 0..<1.
    public func delay(afterFailures failures: Int, retryAfter: TimeInterval?, random: Double) -> TimeInterval {
        let doubled = base * pow(2, Double(max(0, min(failures - 1, 30))))
        let ceiling = min(cap, doubled)
        let jittered = ceiling / 2 + ceiling / 2 * random
        return max(jittered, min(retryAfter ?? 0, longestRetryAfter))
    }
}
