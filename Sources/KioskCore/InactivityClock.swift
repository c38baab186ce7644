import Foundation

/// When to warn and when to clear after the last key press (design.md: warn at least 30 seconds
/// before clearing). The runtime asks it on every tick; the time comes from outside.
public struct InactivityClock: Sendable {
    public var timeout: TimeInterval
    public var warning: TimeInterval
    public private(set) var lastActivity: Date

    public init(timeout: TimeInterval, warning: TimeInterval = 30, now: Date) {
        self.timeout = timeout
        self.warning = min(warning, timeout)
        lastActivity = now
    }

    public mutating func touch(_ now: Date) { lastActivity = now }

    /// `.clear` once the time is up, a warning with the seconds left in the last `warning`
    /// seconds, nil before that.
    public func check(_ now: Date) -> Action? {
        let idle = now.timeIntervalSince(lastActivity)
        if idle >= timeout { return .clear }
        if idle >= timeout - warning { return .inactivityWarning(secondsLeft: Int((timeout - idle).rounded(.up))) }
        return nil
    }
}
