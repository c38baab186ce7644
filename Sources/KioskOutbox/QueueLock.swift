import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One sender at a time per data folder: the kiosk's background sync and a `carekiosk sync`
/// run by a helper must not send the same item twice at once. An advisory lock on a file,
/// released by the kernel when the holder dies, so a killed sender never leaves it stuck.
public final class QueueLock {
    private let fd: Int32

    /// Why the lock was not taken: someone else holds it, or the folder cannot be written at all
    /// (read-only, full, wrong owner), which no amount of waiting fixes.
    public enum Failure: Error, Equatable, Sendable {
        case busy
        case folder(DurableWriteError)
    }

    /// Takes the lock, or fails at once. `name`: another lock of the same kind (`SenderLock`).
    public init(folder: URL, name: String = ".sender.lock") throws(Failure) {
        let path = folder.appendingPathComponent(name).path
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .folder(.from(errno, path)) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw .busy
        }
        // The lock can be had on a read-only folder opened earlier; sending needs to write.
        guard access(folder.path, W_OK) == 0 else {
            let code = errno
            close(fd)
            throw .folder(.from(code, folder.path))
        }
    }

    /// Writes `text` into the lock file, for whoever finds the lock held (`SenderLock`).
    public func note(_ text: String) {
        let bytes = Array(text.utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, bytes, bytes.count, 0)
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
