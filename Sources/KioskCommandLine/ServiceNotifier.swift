import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells the service manager (systemd, on a kiosk PC) that the screen is up and that its loop
/// still turns, so that a screen that hangs is restarted rather than left frozen in front of a
/// resident. The protocol is sd_notify's: one datagram of text to the AF_UNIX socket named in
/// `NOTIFY_SOCKET` (a leading `@` names the abstract namespace). Without `NOTIFY_SOCKET` (a
/// developer's terminal, the tests) there is no notifier at all.
public final class ServiceNotifier {
    /// The longest time between two heartbeats: half of `WATCHDOG_USEC`, as systemd advises, so
    /// one late turn of the loop is not yet a restart. Nil when the service asks for no watchdog.
    public let heartbeatInterval: TimeInterval?
    private let deliver: (String) -> Void
    /// Seconds on a clock that never goes back (the wall clock may be set while the kiosk runs).
    private let now: () -> TimeInterval
    private var lastHeartbeat: TimeInterval?

    /// `deliver` and `now` are for tests; by default messages go to the socket and time is the
    /// system's monotonic clock. WATCHDOG_PID is not checked: on a kiosk PC the screen runs under
    /// xinit and a terminal, not as the service's main process, and `NotifyAccess=all` makes its
    /// messages count.
    public init?(environment: [String: String], now: @escaping () -> TimeInterval = { ProcessInfo.processInfo.systemUptime },
                 deliver: ((String) -> Void)? = nil) {
        guard let socket = environment["NOTIFY_SOCKET"], socket.hasPrefix("/") || socket.hasPrefix("@") else { return nil }
        self.deliver = deliver ?? { _ = Self.send($0, to: socket) }
        self.now = now
        heartbeatInterval = environment["WATCHDOG_USEC"].flatMap(Double.init).flatMap { $0 > 0 ? $0 / 2_000_000 : nil }
    }

    /// The first frame is on the screen: the service has started.
    public func ready() { deliver("READY=1") }

    /// Called on every turn of the screen's loop: a heartbeat when the last one is half the
    /// watchdog's limit old. A loop that stops turning sends none, and systemd restarts it.
    public func loopTurned() {
        guard let interval = heartbeatInterval else { return }
        let t = now()
        if let last = lastHeartbeat, t - last < interval { return }
        lastHeartbeat = t
        deliver("WATCHDOG=1")
    }

    /// Sends `message` as one datagram to the socket at `path` (`@name`: abstract). Never blocks:
    /// a service manager that does not read must not stall the screen. Returns whether it went.
    @discardableResult
    public static func send(_ message: String, to path: String) -> Bool {
        guard case (var address, let length)? = socketAddress(path) else { return false }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        let bytes = Array(message.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT), $0, length)
            }
        }
        return sent == bytes.count
    }

    /// The socket address of a path or an `@name`, and its length; nil when it does not fit.
    static func socketAddress(_ path: String) -> (sockaddr_un, socklen_t)? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        var name = Array(path.utf8)
        if name.first == UInt8(ascii: "@") { name[0] = 0 }
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        guard !name.isEmpty, name.count < capacity else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: name) }
        // An abstract name is exactly its bytes; a path ends at its NUL, which the zeroed field holds.
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + name.count + (name[0] == 0 ? 0 : 1))
        return (address, length)
    }
}
