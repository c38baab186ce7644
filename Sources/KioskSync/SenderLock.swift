import Foundation
import KioskOutbox
#if canImport(Glibc)
import Glibc
#endif

/// One sender per data folder: `carekiosk-sender sync --watch` holds `sender/running.lock` (an
/// advisory `flock`, let go by the kernel when the sender ends, however it ends) for as long as it
/// runs, and writes into it its pid and whether a kiosk started it. The kiosk starts its own only
/// when nobody holds the lock, and its own takes it too, so a sender that started meanwhile is
/// never joined by a second one: whichever comes second ends. One exception: the service
/// manager's sender, which runs in the unit's sandbox, finding the kiosk's own holding the lock
/// (the screen came up first, as on a boot without network), ends that one and takes over.
public enum SenderLock {
    static let name = "running.lock"

    /// A kiosk that looks at the lock holds it for a moment: a sender starting just then tries
    /// again for this long before it gives up.
    static let patience: TimeInterval = 1
    /// How long the service's sender waits for the kiosk's own to end.
    static let handOver: TimeInterval = 10

    /// Takes the lock for as long as the value lives. `kiosksOwn`: started by a kiosk
    /// (`--with-parent`), which gives way to any other sender.
    public static func take(_ data: DataFolder, kiosksOwn: Bool) throws(QueueLock.Failure) -> QueueLock {
        let folder = SenderStatus.folder(data)
        do { try DurableFile.makeFolder(folder) } catch { throw .folder(error) }
        var deadline = Date().addingTimeInterval(patience)
        var handingOver = false
        while true {
            do {
                let lock = try QueueLock(folder: folder, name: name)
                lock.note("\(getpid()) \(kiosksOwn ? "kiosk" : "service")\n")
                return lock
            } catch .busy where Date() < deadline {
                usleep(50_000)
            } catch .busy where !kiosksOwn && !handingOver {
                guard let pid = kiosksOwnHolder(data) else { throw .busy }
                kill(pid, SIGTERM)
                handingOver = true
                deadline = Date().addingTimeInterval(handOver)
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

    /// The pid of a kiosk's own sender that holds the lock, by what the holder wrote into it.
    static func kiosksOwnHolder(_ data: DataFolder) -> pid_t? {
        guard let bytes = try? BoundedFile.read(SenderStatus.folder(data).appendingPathComponent(name), limit: 64) else { return nil }
        let words = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[1] == "kiosk", let pid = pid_t(words[0]), pid > 1, pid != getpid(), isSender(pid) else { return nil }
        return pid
    }

    /// The kernel's name of the process (its first 15 bytes) is the sender's.
    public static func isSender(_ pid: pid_t) -> Bool {
        guard let comm = try? BoundedFile.read(URL(fileURLWithPath: "/proc/\(pid)/comm"), limit: 64) else { return false }
        return String(decoding: comm, as: UTF8.self).trimmingCharacters(in: .newlines) == String("carekiosk-sender".prefix(15))
    }
}
