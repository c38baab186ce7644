import CKioskSystem
import Foundation
import KioskCommandLine
import KioskCore
import KioskNetwork
import KioskOutbox
import KioskSync
#if canImport(Glibc)
import Glibc
#endif

/// `carekiosk sync --watch`: the kiosk's sender, its own process. It checks the portal, sends
/// what waits, fetches the catalog, writes how it went to the status file the screen reads, and
/// sleeps: a minute after a good pass, a growing wait with jitter after a bad one, and less when a
/// resident confirms (SIGUSR1), never into a backoff or a Retry-After. Started by the kiosk
/// (`--with-parent`: it ends with the kiosk) or by the service manager.
enum WatchCommand {
    static let interval: TimeInterval = 60

    static func run(_ options: Options, _ s: Strings, _ environment: [String: String], withParent: Bool) -> Int32 {
        if withParent { _ = kiosk_end_with_parent() }
        guard let settings = SenderSetup.portalSettings(options, s, environment) else { return 2 }
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        // One sender per data folder (`SenderLock`): a second one ends here, and the first keeps
        // the lock until it ends; only the kiosk's own gives way to the service manager's.
        let running: QueueLock
        do { running = try SenderLock.take(data, kiosksOwn: withParent) } catch {
            switch error {
            case .busy: CareKiosk.printError(s.tr(.senderAlreadyRunning(folder: data.root.path)))
            case let .folder(why): CareKiosk.printError(s.tr(.syncDisk(why: why.message(s))))
            }
            return 1
        }
        return withExtendedLifetime(running) { watch(settings, data, options, environment) }
    }

    static func watch(_ settings: PortalSettings, _ data: DataFolder, _ options: Options, _ environment: [String: String]) -> Int32 {
        let client = PortalClient(settings: settings)
        let clock = AppClock(environment: environment)
        let wake = kiosk_signal_pipe(SIGUSR1)
        let backoff = Backoff(base: 5, cap: 600)
        var failures = 0
        // As a service (carekiosk-sender.service, Type=notify): started once the portal settings
        // and the data folder are good, before the first pass, which may wait on the network.
        ServiceNotifier(environment: environment)?.ready()
        while true {
            let health = client.health()
            var troubled = health != .portal
            var retryAfter: TimeInterval?
            var paused = false
            if case .unauthorised = health { paused = true }
            if health == .portal {
                let report = Syncer(data: data, client: client, batchSize: options.batchSize ?? 50, attempts: 1, now: clock.now).drain()
                switch report.stop {
                case let .portalTrouble(_, after)?: troubled = true; retryAfter = after
                case .unauthorised?: troubled = true; paused = true
                case .unreachable?, .disk?: troubled = true
                case .busy?, nil: break
                }
                _ = CatalogUpdater(data: data, client: client).update()
            }
            try? SenderStatus(pid: getpid(), online: health == .portal, paused: paused, at: clock.now()).write(to: data)
            failures = troubled ? failures + 1 : 0
            let wait = troubled ? backoff.delay(afterFailures: failures, retryAfter: retryAfter, random: .random(in: 0..<1)) : interval
            sleep(wait, wakeOn: troubled ? -1 : wake)
        }
    }

    /// Sleeps `seconds`, or until `fd` becomes readable (a confirmation), whichever is first.
    static func sleep(_ seconds: TimeInterval, wakeOn fd: Int32) {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, fd >= 0 ? 1 : 0, Int32(min(60_000, max(1, deadline.timeIntervalSinceNow * 1000))))
            if ready > 0 {
                var drain = [UInt8](repeating: 0, count: 64)
                _ = read(fd, &drain, drain.count)
                return
            }
        }
    }
}

/// `carekiosk sync --progress ID...`: what the portal says about sent items, one JSON line each,
/// for the kiosk's screen (查询办理进度, the helper's dashboard), which asks the portal nothing itself.
enum ProgressCommand {
    static func run(_ ids: [String], _ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let settings = SenderSetup.portalSettings(options, s, environment) else { return 2 }
        let client = PortalClient(settings: settings)
        for id in ids.compactMap(ItemID.init) {
            FileHandle.standardOutput.write(ProgressLine.encode(id, client.progress(of: id)) + Data("\n".utf8))
        }
        return 0
    }
}
