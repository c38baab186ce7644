import Foundation

/// Five wrong PINs lock a helper for five minutes. Pure: the time comes in with every call.
public struct LoginGuard: Equatable, Sendable {
    public static let allowedFailures = 5
    public static let lockSeconds: TimeInterval = 300

    private var failures: [String: Int] = [:]
    private var lockedUntil: [String: Date] = [:]

    public init() {}

    public enum Verdict: Equatable, Sendable {
        case allowed
        case locked(secondsLeft: Int)
    }

    public func check(_ helperID: String, now: Date) -> Verdict {
        guard let until = lockedUntil[helperID], until > now else { return .allowed }
        return .locked(secondsLeft: Int(until.timeIntervalSince(now).rounded(.up)))
    }

    /// Records a wrong PIN. Returns how many tries are left, or nil when this one locked the helper.
    public mutating func failed(_ helperID: String, now: Date) -> Int? {
        let count = (failures[helperID] ?? 0) + 1
        if count >= LoginGuard.allowedFailures {
            failures[helperID] = 0
            lockedUntil[helperID] = now.addingTimeInterval(LoginGuard.lockSeconds)
            return nil
        }
        failures[helperID] = count
        return LoginGuard.allowedFailures - count
    }

    public mutating func succeeded(_ helperID: String) {
        failures[helperID] = nil
        lockedUntil[helperID] = nil
    }
}
