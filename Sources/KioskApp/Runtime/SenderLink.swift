import Foundation
import KioskCore
import KioskOutbox
import KioskSync
#if canImport(Glibc)
import Glibc
#endif

/// The kiosk's link to its sender, which runs as its own program (`carekiosk-sender`, the only
/// one that links the networking library), so that the screen never waits on the network and a
/// sender that crashes or hangs never takes the screen with it. The queue folder is the
/// interface; a small status file says online or not; SIGUSR1 wakes the sender after a
/// confirmation; one-off questions (progress) run the sender once and read its answer.
final class SenderLink: @unchecked Sendable {
    let executable: String
    /// The options that reach the same portal and data folder (`--portal`, `--token-file`, ...).
    let arguments: [String]
    let data: DataFolder
    let timeout: TimeInterval
    private let lock = NSLock()
    private var child: pid_t?
    private var startedAt: Date?

    /// A status older than this means the sender is gone or stuck: the kiosk is offline.
    static let staleAfter: TimeInterval = 3 * 60

    init(executable: String, arguments: [String], data: DataFolder, timeout: TimeInterval) {
        self.executable = executable
        self.arguments = arguments
        self.data = data
        self.timeout = timeout
    }

    /// Starts the sender in the background, and again (at most once a minute) when it has ended.
    func keepRunning() {
        lock.withLock {
            if let pid = child, !ChildProcess.hasEnded(pid) { return }
            // On a kiosk PC the service manager runs the sender (carekiosk-sender.service), which
            // holds the data folder's sender lock from its start, before its first status. Should
            // one start between this look and our own's start, our own finds the lock taken and ends.
            if let startedAt, Date().timeIntervalSince(startedAt) < 60 { return }
            if SenderLock.isHeld(data) { return }
            startedAt = Date()
            child = ChildProcess.start(executable, ["sync", "--watch", "--with-parent"] + arguments)
        }
    }

    /// What the sender said last, if it is recent.
    func status(now: Moment) -> SenderStatus? {
        guard let status = SenderStatus.read(from: data), now.date.timeIntervalSince(status.at.date) < Self.staleAfter else { return nil }
        return status
    }

    /// A resident just confirmed: send it now rather than at the next pass. The sender may have
    /// been started by the service manager rather than by this kiosk, so its pid comes from the
    /// status file; a pid that now belongs to another program (the sender ended, the number was
    /// reused) is never signalled, since SIGUSR1 would end that program.
    func wake() {
        guard let status = SenderStatus.read(from: data), status.pid > 0, Self.isSender(status.pid) else { return }
        kill(status.pid, SIGUSR1)
    }

    /// The kernel's name of the process (its first 15 bytes) is the sender's.
    static func isSender(_ pid: Int32) -> Bool { SenderLock.isSender(pid) }

    /// What the portal says about sent items, asked by running the sender once.
    func progress(of ids: [ItemID]) -> [ItemID: PortalClient.Progress] {
        guard !ids.isEmpty,
              let out = ChildProcess.output(executable, ["sync", "--progress"] + ids.map(\.text) + arguments, timeout: timeout + 5) else { return [:] }
        var found: [ItemID: PortalClient.Progress] = [:]
        for line in out.split(separator: 0x0A) {
            if let (id, progress) = ProgressLine.decode(Data(line)) { found[id] = progress }
        }
        return found
    }

    /// Ends the sender this kiosk started.
    func stop() {
        lock.withLock {
            if let pid = child { kill(pid, SIGTERM) }
        }
    }
}
