import Foundation
import KioskOutbox
#if canImport(Glibc)
import Glibc
#endif

/// One sender per data folder: `carekiosk-sender sync --watch` holds `sender/running.lock` (an
/// advisory `flock`, let go by the kernel when the sender ends, however it ends) for as long as it
/// runs. The service manager's sender and the one a kiosk starts both take it; whichever comes
/// second ends at once. The kiosk starts its own only when nobody holds it, and since its own then
/// takes it too, a sender that started meanwhile is never joined by a second one.
public enum SenderLock {
    static let name = "running.lock"

    /// A kiosk that looks at the lock holds it for a moment: a sender starting just then tries
    /// again for this long before it gives up.
    static let patience: TimeInterval = 1

    /// Takes the lock for as long as the value lives.
    public static func take(_ data: DataFolder) throws(QueueLock.Failure) -> QueueLock {
        let folder = SenderStatus.folder(data)
        do { try DurableFile.makeFolder(folder) } catch { throw .folder(error) }
        let deadline = Date().addingTimeInterval(patience)
        while true {
            do { return try QueueLock(folder: folder, name: name) } catch .busy where Date() < deadline {
                usleep(50_000)
            }
        }
    }

    /// Whether a sender runs on this data folder now.
    public static func isHeld(_ data: DataFolder) -> Bool {
        do {
            _ = try QueueLock(folder: SenderStatus.folder(data), name: name)
            return false
        } catch {
            // A folder the kiosk cannot write is one no sender of its own could use either.
            return error == .busy
        }
    }
}
