import Foundation
@testable import KioskApp
@testable import KioskCommandLine
#if canImport(Glibc)
import Glibc
#endif

/// The service manager's end of sd_notify, for tests: a datagram socket bound to a path (or an
/// abstract `@name`) that hands back each message it receives.
final class NotifySocket {
    /// What goes into NOTIFY_SOCKET.
    let name: String
    private let fd: Int32

    init(abstract: Bool = false) throws {
        let id = UUID().uuidString.prefix(8)
        name = abstract ? "@carekiosk-notify-\(id)" : "/tmp/carekiosk-notify-\(id).sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        guard case (var address, let length)? = ServiceNotifier.socketAddress(name) else { close(fd); throw POSIXError(.ENAMETOOLONG) }
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { close(fd); throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // The kiosk runs as whoever runs the tests, but a socket file must be writable to be sent to.
        if !abstract { chmod(name, 0o666) }
    }

    deinit {
        close(fd)
        if !name.hasPrefix("@") { unlink(name) }
    }

    /// The next message, or nil when none comes within `seconds`.
    func receive(within seconds: Double) -> String? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, Int32(seconds * 1000)) > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(fd, &buffer, buffer.count, 0)
        return count < 0 ? nil : String(decoding: buffer[..<count], as: UTF8.self)
    }
}
