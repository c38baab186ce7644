import Foundation
import KioskCore

/// The wrong-PIN counts (`LoginGuard`) in `<data-dir>/login-guard.json`, so that a restart does not
/// clear them. Written durably after every login try; read once at the start with a size limit and
/// every number range-checked. A file that cannot be read as written locks the login for ten
/// minutes (`LoginGuard.failSafe`): damage never unlocks it.
public struct LoginGuardFile: Sendable {
    public let file: URL
    /// 64 numbers and ten times come to about 5 KB.
    public static let largestFile = 16 << 10

    public init(data: DataFolder) { file = data.root.appendingPathComponent("login-guard.json") }

    public func write(_ counts: LoginGuard) throws(DurableWriteError) {
        let numbers: [JSONValue] = counts.numbers.sorted { $0.key < $1.key }.map { id, n in
            .object([("id", .string(id)), ("failures", .number(Double(n.failures))), ("last", Self.encode(n.last)),
                     ("locked_until", n.lockedUntil.map(Self.encode) ?? .null)])
        }
        let json = JSONValue.object([("numbers", .array(numbers)), ("recent_failures", .array(counts.recentFailures.map(Self.encode))),
                                     ("kiosk_locked_until", counts.kioskLockedUntil.map(Self.encode) ?? .null)])
        let tmp = file.deletingLastPathComponent().appendingPathComponent("tmp")
        try DurableFile.makeFolder(tmp)
        try DurableFile.write(json.encodedData(), to: file, tmpFolder: tmp)
    }

    /// The counts kept, as of `now`: none when there is no file, the fail-safe lock when it is damaged.
    public func read(now: Date) -> LoginGuard {
        let bytes: Data
        do { bytes = try BoundedFile.read(file, limit: Self.largestFile) } catch {
            if case .missing = error { return LoginGuard() }
            return .failSafe(now: now)
        }
        guard let json = try? JSONValue.parse(bytes), let kept = Self.decode(json, now: now) else { return .failSafe(now: now) }
        return kept
    }

    static func decode(_ json: JSONValue, now: Date) -> LoginGuard? {
        guard let list = json["numbers"]?.arrayValue, list.count <= LoginGuard.keptNumbers,
              let recent = json["recent_failures"]?.arrayValue, recent.count < LoginGuard.kioskAllowedFailures,
              let kioskLock = optionalTime(json["kiosk_locked_until"], now: now, ahead: LoginGuard.kioskLockSeconds) else { return nil }
        var numbers: [String: LoginGuard.Number] = [:]
        for entry in list {
            // A helper number is 1 to 8 digits, as the login screen takes it.
            guard let id = entry["id"]?.stringValue, (1...8).contains(id.count), id.allSatisfy({ ("0"..."9").contains($0) }),
                  numbers[id] == nil, let failures = entry["failures"]?.intValue, (0..<LoginGuard.allowedFailures).contains(failures),
                  let last = time(entry["last"], now: now, ahead: 0),
                  let lock = optionalTime(entry["locked_until"], now: now, ahead: LoginGuard.lockSeconds) else { return nil }
            numbers[id] = LoginGuard.Number(failures: failures, last: last, lockedUntil: lock)
        }
        var times: [Date] = []
        for value in recent {
            guard let t = time(value, now: now, ahead: 0) else { return nil }
            times.append(t)
        }
        return LoginGuard(numbers: numbers, recentFailures: times, kioskLockedUntil: kioskLock)
    }

    /// Whole seconds since 1970. A time later than `ahead` seconds from now was written by a
    /// clock that ran ahead: it is brought back to that bound, which shortens no lock past its length.
    static func time(_ value: JSONValue?, now: Date, ahead: TimeInterval) -> Date? {
        guard let seconds = value?.intValue, seconds >= 0 else { return nil }
        return min(Date(timeIntervalSince1970: TimeInterval(seconds)), now.addingTimeInterval(ahead))
    }

    /// The same for a time that may be `null`; nil only when the value is wrong, `.some(nil)` for `null`.
    static func optionalTime(_ value: JSONValue?, now: Date, ahead: TimeInterval) -> Date?? {
        guard let value else { return nil }
        if value == .null { return .some(nil) }
        return time(value, now: now, ahead: ahead).map { .some($0) }
    }

    static func encode(_ date: Date) -> JSONValue { .number(date.timeIntervalSince1970.rounded(.up)) }
}
