import Foundation
import KioskCore
import KioskOutbox
import KioskSync

/// Sync inside the kiosk: a thread that checks the portal, sends what waits, and sleeps, with a
/// capped backoff and jitter after failures and an early wake-up when a resident confirms.
/// The screen reads `online` from it; nothing here ever blocks the screen.
public final class BackgroundSync: @unchecked Sendable {
    private let data: DataFolder
    private let client: PortalClient
    private let batchSize: Int
    /// How long to wait between passes when everything went well.
    private let interval: TimeInterval
    private let backoff = Backoff(base: 5, cap: 600)
    private let condition = NSCondition()
    private var isOnline = false
    private var newCatalog: Catalog?
    private var foundProgress: [ProgressItem]?
    /// Which lookup is current: an answer to an older one (a resident who left) is dropped.
    private var progressGeneration = 0
    private var isPaused = false
    private var woken = false
    private var stopped = false

    public init(data: DataFolder, client: PortalClient, batchSize: Int, interval: TimeInterval = 60) {
        self.data = data
        self.client = client
        self.batchSize = batchSize
        self.interval = interval
    }

    /// The portal client, for the helper's one-off questions (progress of one item).
    public var portal: PortalClient { client }

    public var online: Bool {
        condition.lock()
        defer { condition.unlock() }
        return isOnline
    }

    /// A catalog downloaded since the last call, for the kiosk to take when no resident is in a service.
    public func takeNewCatalog() -> Catalog? {
        condition.lock()
        defer { condition.unlock() }
        let catalog = newCatalog
        newCatalog = nil
        return catalog
    }

    /// Looks up a resident's submissions on a thread of its own; `takeFoundProgress` has the answer.
    public func findProgress(identityNumber: String) {
        let finder = ProgressFinder(data: data, client: client)
        condition.lock()
        progressGeneration += 1
        let generation = progressGeneration
        foundProgress = nil
        condition.unlock()
        Thread { [self] in
            let items = finder.find(identityNumber: identityNumber)
            condition.lock()
            if generation == progressGeneration { foundProgress = items }
            condition.unlock()
        }.start()
    }

    /// The answer to the current lookup, once. `wanted: false` (the resident left the screen)
    /// drops it and any lookup still running, so the next resident never sees it.
    public func takeFoundProgress(wanted: Bool) -> [ProgressItem]? {
        condition.lock()
        defer { condition.unlock() }
        let items = foundProgress
        foundProgress = nil
        if !wanted { progressGeneration += 1 }
        return wanted ? items : nil
    }

    /// The portal refused this kiosk's token (401/403): sending is paused until a helper fixes it.
    public var paused: Bool {
        condition.lock()
        defer { condition.unlock() }
        return isPaused
    }

    public func start() {
        let thread = Thread { [self] in loop() }
        thread.name = "carekiosk-sync"
        thread.start()
    }

    /// A resident just confirmed: try to send it now rather than at the next pass.
    public func wake() {
        condition.lock()
        woken = true
        condition.signal()
        condition.unlock()
    }

    public func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    private func loop() {
        var failures = 0
        while true {
            let health = client.health()
            let reachable = health == .portal
            var retryAfter: TimeInterval?
            var troubled = !reachable
            var unauthorised = false
            if case .unauthorised = health { unauthorised = true }
            if reachable {
                let report = Syncer(data: data, client: client, batchSize: batchSize, attempts: 1).drain()
                switch report.stop {
                case let .portalTrouble(_, after)?: troubled = true; retryAfter = after
                case .unauthorised?: troubled = true; unauthorised = true
                case .unreachable?, .disk?: troubled = true
                case .busy?, nil: break
                }
                if case let .updated(catalog) = CatalogUpdater(data: data, client: client).update() {
                    condition.lock()
                    newCatalog = catalog
                    condition.unlock()
                }
            }
            failures = troubled ? failures + 1 : 0
            let wait = troubled ? backoff.delay(afterFailures: failures, retryAfter: retryAfter, random: .random(in: 0..<1)) : interval
            condition.lock()
            isOnline = reachable
            isPaused = unauthorised
            let deadline = Date(timeIntervalSinceNow: wait)
            // A confirmation wakes the sender early, but never into a backoff or a Retry-After.
            while !stopped && !(woken && !troubled) && condition.wait(until: deadline) {}
            woken = false
            let finished = stopped
            condition.unlock()
            if finished { return }
        }
    }
}
