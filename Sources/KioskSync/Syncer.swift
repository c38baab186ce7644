import Foundation
import KioskCore
import KioskOutbox

/// What one pass over the queue did, and why it stopped early if it did.
public struct SyncReport: Equatable, Sendable {
    public struct Quarantined: Equatable, Sendable {
        public var id: String
        public var refusal: Refusal
    }

    public enum Stop: Equatable, Sendable {
        /// Another sender (the kiosk, or a second `carekiosk sync`) holds the queue.
        case busy
        /// 401/403: the queue is paused until the helper fixes the token; nothing was dropped.
        case unauthorised(status: Int)
        /// The pre-flight found no portal (no network, or a captive Wi-Fi page).
        case unreachable(String)
        /// The portal kept failing (5xx, 429, timeouts, resets) after every try of this pass.
        case portalTrouble(String, retryAfter: TimeInterval?)
        /// The data folder could not be written; the item stays where it was and is sent again later.
        case disk(String)
    }

    public var sent = 0
    public var quarantined: [Quarantined] = []
    public var stop: Stop?
    /// Submissions still waiting after the pass.
    public var waiting = 0
}

/// Sends what the queue holds, oldest first, exactly as contract §2.1 says: stored items become
/// `sent` with their receipt, refused ones go to `quarantine` with the reasons while the rest go
/// on, 401/403 pause everything, and anything else is tried again after a backoff with jitter.
/// A resend always carries the same id and the same bytes.
public struct Syncer {
    public var data: DataFolder
    public var client: PortalClient
    /// Submissions per request: 1 posts them one by one, up to 100 uses the batch endpoint.
    public var batchSize: Int
    /// Tries of the same request in one pass before the pass gives up and reports.
    public var attempts: Int
    public var backoff: Backoff
    public var sleep: (TimeInterval) -> Void
    public var random: () -> Double
    public var now: () -> Moment

    public init(data: DataFolder, client: PortalClient, batchSize: Int = 50, attempts: Int = 3,
                backoff: Backoff = Backoff(),
                sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) },
                random: @escaping () -> Double = { Double.random(in: 0..<1) },
                now: @escaping () -> Moment = { Moment.now() }) {
        self.data = data
        self.client = client
        self.batchSize = max(1, min(100, batchSize))
        self.attempts = max(1, attempts)
        self.backoff = backoff
        self.sleep = sleep
        self.random = random
        self.now = now
    }

    public func drain() -> SyncReport {
        var report = SyncReport()
        drain(into: &report)
        report.waiting = data.submissions.waitingCount
        return report
    }

    private func drain(into report: inout SyncReport) {
        guard let lock = QueueLock(folder: data.root) else {
            report.stop = .busy
            return
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            for spool in data.spools { try spool.recover() }
        } catch {
            report.stop = .disk(error.description)
            return
        }
        // Nothing to send: no need to reach the portal at all.
        guard data.spools.contains(where: { $0.waitingCount > 0 }) else { return }
        guard preflight(&report) else { return }
        let queues: [(Spool, ItemKind, Int)] = [
            (data.submissions, .submission, batchSize), (data.ratings, .rating, 1), (data.helpRequests, .helpRequest, 1),
        ]
        for (spool, kind, size) in queues {
            guard send(spool, kind, batch: size, &report) else { break }
        }
        return
    }

    private func preflight(_ report: inout SyncReport) -> Bool {
        for failure in 1...attempts {
            switch client.health() {
            case .portal: return true
            case let .unauthorised(status):
                report.stop = .unauthorised(status: status)
                return false
            case let .unreachable(why):
                if failure == attempts {
                    report.stop = .unreachable(why)
                    return false
                }
                sleep(backoff.delay(afterFailures: failure, retryAfter: nil, random: random()))
            }
        }
        return false
    }

    /// Sends one spool. Returns false when the whole pass must stop.
    private func send(_ spool: Spool, _ kind: ItemKind, batch: Int, _ report: inout SyncReport) -> Bool {
        var pending = spool.idsOldestFirst(in: .ready)
        var size = batch
        var failures = 0
        while !pending.isEmpty {
            let chunk = Array(pending.prefix(size))
            let outcomes: [String: Outcome]
            var items: [String: QueueItem] = [:]
            do {
                for id in chunk {
                    guard let item = spool.read(id: id, in: .ready), let payload = item.payload else {
                        // A file nobody can read goes where the helper looks, instead of blocking the queue.
                        try spool.move(id, from: .ready, to: .quarantine)
                        report.quarantined.append(.init(id: id, refusal: Refusal(status: 0, error: "unreadable_file", fields: [])))
                        continue
                    }
                    try spool.move(id, from: .ready, to: .sending)
                    items[id] = QueueItem(facts: item.facts, payload: payload)
                }
            } catch {
                report.stop = .disk(error.description)
                return false
            }
            let ready = chunk.filter { items[$0] != nil }
            if ready.isEmpty {
                pending.removeFirst(chunk.count)
                continue
            }
            if kind == .submission && ready.count > 1 {
                outcomes = client.postBatch(ready.map { ($0, items[$0]!.payload!) })
            } else {
                outcomes = [ready[0]: client.post(kind, id: ready[0], payload: items[ready[0]]!.payload!)]
            }

            // A batch refused whole as too large is split, not quarantined.
            let wholeBatchTooLarge = ready.count > 1 && ready.allSatisfy {
                if case let .refused(r)? = outcomes[$0], r.status == 413, r.error == "too_large" { return true }
                return false
            }
            var retryLater: (why: String, retryAfter: TimeInterval?)?
            var paused: Int?
            do {
                for id in ready {
                    let item = items[id]!
                    switch wholeBatchTooLarge ? nil : outcomes[id] {
                    case let .stored(receipt)?:
                        var facts: [(String, JSONValue)] = [("sent_at", .string(now().rfc3339))]
                        if let receipt { facts.append(("receipt", .string(receipt))) }
                        try spool.replace(id, from: .sending, to: .sent, with: item.adding(facts, dropPayload: true))
                        if kind == .submission { report.sent += 1 }
                    case let .refused(refusal)?:
                        let facts: [(String, JSONValue)] = [("quarantined_at", .string(now().rfc3339)), ("refusal", refusal.json)]
                        try spool.replace(id, from: .sending, to: .quarantine, with: item.adding(facts))
                        report.quarantined.append(.init(id: id, refusal: refusal))
                    case let .unauthorised(status)?:
                        try spool.move(id, from: .sending, to: .ready)
                        paused = status
                    case let .later(why, retryAfter)?:
                        try spool.move(id, from: .sending, to: .ready)
                        retryLater = (why, max(retryAfter ?? 0, retryLater?.retryAfter ?? 0))
                    case nil:
                        try spool.move(id, from: .sending, to: .ready)
                    }
                }
            } catch {
                report.stop = .disk(error.description)
                return false
            }
            if let paused {
                report.stop = .unauthorised(status: paused)
                return false
            }
            if wholeBatchTooLarge {
                size = max(1, size / 2)
                continue
            }
            let resolved = Set(chunk).subtracting(spool.ids(in: .ready))
            pending.removeAll { resolved.contains($0) }
            guard let retryLater else {
                failures = 0
                continue
            }
            failures += 1
            let wait = retryLater.retryAfter.flatMap { $0 > 0 ? $0 : nil }
            if failures >= attempts {
                report.stop = .portalTrouble(retryLater.why, retryAfter: wait)
                return false
            }
            sleep(backoff.delay(afterFailures: failures, retryAfter: wait, random: random()))
        }
        return true
    }
}
