import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One sender at a time per data folder: the kiosk's background sync and a `carekiosk sync`
/// run by a helper must not send the same item twice at once. An advisory lock on a file,
/// released by the kernel when the holder dies, so a killed sender never leaves it stuck.
public final class QueueLock {
    private let fd: Int32

    /// Takes the lock, or returns nil at once when another process holds it.
    public init?(folder: URL) {
        let path = folder.appendingPathComponent(".sender.lock").path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            return nil
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
