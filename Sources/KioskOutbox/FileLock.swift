import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An exclusive advisory lock on a lock file, waited for: a read-modify-write of a shared file
/// (`helpers.json`) done by two programs at once then runs one after the other. The kernel
/// releases it when the holder ends, even when it is killed.
public final class FileLock {
    private var fd: Int32

    /// Waits for the lock on `file` (created with mode 600 if missing).
    public init(_ file: URL) throws(DurableWriteError) {
        fd = open(file.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .from(errno, file.path) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(fd)
                throw .from(code, file.path)
            }
        }
    }

    /// Lets the next writer in.
    public func unlock() {
        guard fd >= 0 else { return }
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { unlock() }
}
