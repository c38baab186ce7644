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
        // Calls for staff first: they are small, and someone is waiting for them.
        let queues: [(Spool, ItemKind, Int)] = [
            (data.helpRequests, .helpRequest, 1), (data.submissions, .submission, batchSize), (data.ratings, .rating, 1),
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
        var pending = spool.idsOldestFirst(in: .ready)[...]
        var size = batch
        var failures = 0
        while !pending.isEmpty {
            let chunk = Array(pending.prefix(size))
            pending = pending.dropFirst(chunk.count)
            do {
                let taken = try take(chunk, from: spool, &report)
                guard !taken.isEmpty else { continue }
                let ids = chunk.filter { taken[$0] != nil }
                let answer = kind == .submission && ids.count > 1
                    ? client.postBatch(ids.map { ($0, taken[$0]!.payload!) })
                    : .perItem([ids[0]: client.post(kind, id: ids[0], payload: taken[ids[0]]!.payload!)])
                var outcomes: [String: Outcome] = [:]
                switch answer {
                case let .perItem(each):
                    outcomes = each
                case let .whole(.unauthorised(status)):
                    outcomes = Dictionary(uniqueKeysWithValues: ids.map { ($0, .unauthorised(status: status)) })
                case let .whole(outcome):
                    // A batch refused, failed or timed out as a whole is split, down to single POSTs
                    // (contract §5): one bad or slow item must not hold the others, and a refusal
                    // of the request is not a refusal of each item in it.
                    try spool.move(ids, from: .sending, to: .ready)
                    size = max(1, ids.count / 2)
                    pending = ids[...] + pending
                    if case let .later(why, retryAfter) = outcome {
                        failures += 1
                        guard pause(failures, why, retryAfter, &report) else { return false }
                    }
                    continue
                }
                let settled = try settle(ids, taken, outcomes, spool, kind, &report)
                if let paused = settled.paused {
                    report.stop = .unauthorised(status: paused)
                    return false
                }
                guard let later = settled.later else {
                    failures = 0
                    continue
                }
                // The items to try again go to the back, so that one that always fails does not
                // hold up the others; a wait comes first.
                pending = pending + settled.retry
                failures += 1
                guard pause(failures, later.why, later.retryAfter, &report) else { return false }
            } catch {
                report.stop = .disk(error.description)
                return false
            }
        }
        return true
    }

    /// Waits before the next try, or ends the pass: after `attempts` failures in a row, or when the
    /// portal asks for a wait longer than a minute (the queue lock is not held that long).
    private func pause(_ failures: Int, _ why: String, _ retryAfter: TimeInterval?, _ report: inout SyncReport) -> Bool {
        if failures >= attempts || (retryAfter ?? 0) > Self.longestWaitInAPass {
            report.stop = .portalTrouble(why, retryAfter: retryAfter)
            return false
        }
        sleep(backoff.delay(afterFailures: failures, retryAfter: retryAfter, random: random()))
        return true
    }

    static let longestWaitInAPass: TimeInterval = 60

    /// Moves the chunk from `ready` to `sending` and reads it. A file nobody can read goes to
    /// quarantine, where the helper looks, instead of blocking the queue.
    private func take(_ chunk: [String], from spool: Spool, _ report: inout SyncReport) throws(DurableWriteError) -> [String: QueueItem] {
        var taken: [String: QueueItem] = [:]
        var unreadable: [String] = []
        for id in chunk {
            if let item = spool.read(id: id, in: .ready), item.payload != nil { taken[id] = item } else { unreadable.append(id) }
        }
        if !unreadable.isEmpty {
            try spool.move(unreadable, from: .ready, to: .quarantine)
            report.quarantined += unreadable.map { .init(id: $0, refusal: Refusal(status: 0, error: "unreadable_file", fields: [])) }
        }
        try spool.move(chunk.filter { taken[$0] != nil }, from: .ready, to: .sending)
        return taken
    }

    private struct Settled {
        var retry: [String] = []
        var later: (why: String, retryAfter: TimeInterval?)?
        var paused: Int?
    }

    /// Puts every item of a request where its answer says, each folder synced once.
    private func settle(_ ids: [String], _ taken: [String: QueueItem], _ outcomes: [String: Outcome],
                        _ spool: Spool, _ kind: ItemKind, _ report: inout SyncReport) throws(DurableWriteError) -> Settled {
        var sent: [(id: String, item: QueueItem)] = []
        var refused: [(id: String, item: QueueItem)] = []
        var settled = Settled()
        let moment = now()
        let now = moment.rfc3339
        for id in ids {
            switch outcomes[id] {
            case let .stored(receipt, status)?:
                var facts: [(String, JSONValue)] = [("sent_at", .string(now)), ("portal_status", .number(Double(status)))]
                if let receipt { facts.append(("receipt", .string(receipt))) }
                sent.append((id, taken[id]!.adding(facts, dropPayload: true)))
            case let .refused(refusal)?:
                refused.append((id, taken[id]!.adding([("quarantined_at", .string(now)), ("refusal", refusal.json)])))
                report.quarantined.append(.init(id: id, refusal: refusal))
            case let .unauthorised(status)?:
                settled.paused = status
                settled.retry.append(id)
            case let .later(why, retryAfter)?:
                let wait = max(retryAfter ?? 0, settled.later?.retryAfter ?? 0)
                settled.later = (why, wait > 0 ? wait : nil)
                settled.retry.append(id)
            case nil:
                settled.retry.append(id)
            }
        }
        try spool.replace(sent, from: .sending, to: .sent)
        try spool.replace(refused, from: .sending, to: .quarantine)
        if !settled.retry.isEmpty { try spool.move(settled.retry, from: .sending, to: .ready) }
        if kind == .submission {
            report.sent += sent.count
            // The audit trail follows the queue: a crash between the two can lose a line, never an item.
            let entries = sent.map { AuditLog.Entry(.sent, [("id", .string($0.id)), ("receipt", $0.item.facts["receipt"] ?? .null)]) }
                + refused.map { AuditLog.Entry(.quarantined, [("id", .string($0.id)), ("refusal", $0.item.facts["refusal"] ?? .null)]) }
            try? data.audit.append(entries, at: moment)
        }
        if settled.later == nil, settled.paused == nil, !settled.retry.isEmpty {
            settled.later = ("missing from the answer", nil)
        }
        return settled
    }
}

