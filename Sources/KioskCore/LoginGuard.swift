import Foundation

/// Five wrong PINs in a row (none ten minutes after the one before) lock a helper number for five
/// minutes; ten wrong PINs in ten minutes, at any numbers, lock the kiosk's login for ten minutes. A number that is no helper's counts the same
/// as a wrong PIN. Pure: the time comes in with every call; the runtime keeps it in the data folder.
public struct LoginGuard: Equatable, Sendable {
    public static let allowedFailures = 5
    public static let lockSeconds: TimeInterval = 300
    public static let kioskAllowedFailures = 10
    public static let kioskWindowSeconds: TimeInterval = 600
    public static let kioskLockSeconds: TimeInterval = 600
    /// The numbers whose wrong PINs are kept, the latest first; an older one is forgotten.
    public static let keptNumbers = 64

    /// One number's wrong PINs since its last login or lock.
    public struct Number: Equatable, Sendable {
        public var failures: Int
        public var last: Date
        public var lockedUntil: Date?

        public init(failures: Int, last: Date, lockedUntil: Date?) {
            self.failures = failures
            self.last = last
            self.lockedUntil = lockedUntil
        }
    }

    public private(set) var numbers: [String: Number]
    /// When the wrong PINs of the last ten minutes came, at any number.
    public private(set) var recentFailures: [Date]
    public private(set) var kioskLockedUntil: Date?

    public init(numbers: [String: Number] = [:], recentFailures: [Date] = [], kioskLockedUntil: Date? = nil) {
        self.numbers = numbers
        self.recentFailures = recentFailures
        self.kioskLockedUntil = kioskLockedUntil
    }

    /// What a kept record that cannot be read leaves: the login locked, as after ten wrong PINs.
    public static func failSafe(now: Date) -> LoginGuard {
        LoginGuard(kioskLockedUntil: now.addingTimeInterval(kioskLockSeconds))
    }

    public enum Verdict: Equatable, Sendable {
        case allowed
        case locked(secondsLeft: Int)
        case kioskLocked(secondsLeft: Int)
    }

    public func check(_ helperID: String, now: Date) -> Verdict {
        if let until = kioskLockedUntil, until > now { return .kioskLocked(secondsLeft: Self.seconds(until, now)) }
        guard let until = numbers[helperID]?.lockedUntil, until > now else { return .allowed }
        return .locked(secondsLeft: Self.seconds(until, now))
    }

    public enum Outcome: Equatable, Sendable {
        case triesLeft(Int)
        /// This one locked the number.
        case locked
        /// This one locked the kiosk's login.
        case kioskLocked
    }

    /// Records a wrong PIN, or a number that is no helper's.
    public mutating func failed(_ helperID: String, now: Date) -> Outcome {
        recentFailures = recentFailures.filter { now.timeIntervalSince($0) < Self.kioskWindowSeconds } + [now]
        if let until = kioskLockedUntil, until <= now { kioskLockedUntil = nil }
        var number = numbers[helperID] ?? Number(failures: 0, last: now, lockedUntil: nil)
        // After its lock a number starts again, and so does one whose last wrong PIN is older than
        // the kiosk's window: a mistyped PIN now and then, kept over restarts, must never add up
        // to a lock weeks later.
        let lockOver = number.lockedUntil.map { $0 <= now } ?? false
        if lockOver || (number.lockedUntil == nil && now.timeIntervalSince(number.last) >= Self.kioskWindowSeconds) {
            number = Number(failures: 0, last: now, lockedUntil: nil)
        }
        number.failures += 1
        number.last = now
        var outcome = Outcome.triesLeft(min(Self.allowedFailures - number.failures, Self.kioskAllowedFailures - recentFailures.count))
        if number.failures >= Self.allowedFailures {
            number.failures = 0
            number.lockedUntil = now.addingTimeInterval(Self.lockSeconds)
            outcome = .locked
        }
        if recentFailures.count >= Self.kioskAllowedFailures {
            recentFailures = []
            kioskLockedUntil = now.addingTimeInterval(Self.kioskLockSeconds)
            outcome = .kioskLocked
        }
        keep(helperID, number)
        return outcome
    }

    public mutating func succeeded(_ helperID: String) {
        numbers[helperID] = nil
    }

    private mutating func keep(_ helperID: String, _ number: Number) {
        numbers[helperID] = number
        guard numbers.count > Self.keptNumbers else { return }
        let newest = numbers.sorted { $0.value.last > $1.value.last }.prefix(Self.keptNumbers)
        numbers = Dictionary(uniqueKeysWithValues: newest.map { ($0.key, $0.value) })
    }

    private static func seconds(_ until: Date, _ now: Date) -> Int {
        Int(until.timeIntervalSince(now).rounded(.up))
    }
}
