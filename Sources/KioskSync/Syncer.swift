import Foundation
import KioskCore
import KioskOutbox

/// What one pass over the queue did, and why it stopped early if it did.
public struct SyncReport: Equatable, Sendable {
    public struct Quarantined: Equatable, Sendable {
        public var id: ItemID
        public var refusal: Refusal
    }

    public enum Stop: Equatable, Sendable {
        /// Another sender (the kiosk, or a second `carekiosk sync`) holds the queue.
        case busy
        /// 401/403: the queue is paused until the helper fixes the token; nothing was dropped.
        case unauthorised(status: Int)
        /// The pre-flight found no portal (no network, or a captive Wi-Fi page).
        case unreachable(PortalFault)
        /// The portal kept failing (5xx, 429, timeouts, resets, answers about other items) after every try of this pass.
        case portalTrouble(PortalFault, retryAfter: TimeInterval?)
        /// The data folder could not be written; the item stays where it was and is sent again later.
        case disk(DurableWriteError)
    }

    public var sent = 0
    public var quarantined: [Quarantined] = []
    /// Queue files found damaged and moved aside (never posted).
    public var damaged: [DataFolder.DamagedFile] = []
    public var stop: Stop?
    /// Submissions still waiting after the pass.
    public var waiting = 0
}

/// Sends what the queue holds, oldest first, exactly as contract §2.1 says: stored items become
/// `sent` with their receipt, refused ones go to `quarantine` with the reasons while the rest go
/// on, 401/403 pause everything, and anything else is tried again after a backoff with jitter.
/// A resend always carries the same id and the same bytes.
///
/// Items carried away on a USB stick (`exported`) are sent too: a stick can be lost, and the
/// portal's replay answers 200 for the ones the township already uploaded.
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
        let lock: QueueLock
        do { lock = try QueueLock(folder: data.root) } catch {
            switch error {
            case .busy: report.stop = .busy
            case let .folder(why): report.stop = .disk(why)
            }
            return
        }
        defer { withExtendedLifetime(lock) {} }
        do {
            for spool in data.spools { try spool.recover() }
        } catch {
            report.stop = .disk(error)
            return
        }
        // Nothing to send: no need to reach the portal at all.
        guard data.spools.contains(where: { !pending($0).isEmpty || !$0.strayNames(in: .ready).isEmpty }) else { return }
        guard preflight(&report) else { return }
        // Calls for staff first: they are small, and someone is waiting for them.
        for (spool, size) in [(data.helpRequests, 1), (data.submissions, batchSize), (data.ratings, 1)] {
            guard send(spool, batch: size, &report) else { break }
        }
    }

    /// What a pass sends, oldest first: waiting items, then items that are on a USB stick.
    private func pending(_ spool: Spool) -> [(id: ItemID, from: Spool.State)] {
        spool.idsOldestFirst(in: .ready).map { ($0, .ready) } + spool.idsOldestFirst(in: .exported).map { ($0, .exported) }
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
    private func send(_ spool: Spool, batch: Int, _ report: inout SyncReport) -> Bool {
        var pending = pending(spool)[...]
        let origin = Dictionary(pending.map { ($0.id, $0.from) }, uniquingKeysWith: { a, _ in a })
        var size = batch
        var failures = 0
        do {
            // Files whose names are not item names are not sent either: moved aside at once.
            for state in [Spool.State.ready, .exported] {
                report.damaged += try data.checkedItems(spool, [], in: state, at: now()).damaged
            }
        } catch {
            report.stop = .disk(error)
            return false
        }
        while !pending.isEmpty {
            let chunk = Array(pending.prefix(size))
            pending = pending.dropFirst(chunk.count)
            do {
                let taken = try take(chunk, from: spool, &report)
                guard !taken.isEmpty else { continue }
                let ids = taken.map(\.id)
                let payloads = Dictionary(uniqueKeysWithValues: taken.map { ($0.id, $0) })
                let answer = spool.kind == .submission && ids.count > 1
                    ? client.postBatch(taken.map { ($0.id, $0.payload!) })
                    : .perItem([ids[0]: client.post(spool.kind, id: ids[0], payload: taken[0].payload!)])
                var outcomes: [ItemID: Outcome] = [:]
                switch answer {
                case let .perItem(each):
                    outcomes = each
                case let .whole(.unauthorised(status)):
                    outcomes = Dictionary(uniqueKeysWithValues: ids.map { ($0, .unauthorised(status: status)) })
                case let .whole(outcome):
                    // A batch refused, failed or timed out as a whole is split, down to single POSTs
                    // (contract §5): one bad or slow item must not hold the others, and a refusal
                    // of the request is not a refusal of each item in it.
                    try putBack(ids, spool, origin)
                    size = max(1, ids.count / 2)
                    pending = chunk.filter { payloads[$0.id] != nil }[...] + pending
                    if case let .later(why, retryAfter) = outcome {
                        failures += 1
                        guard pause(failures, why, retryAfter, &report) else { return false }
                    }
                    continue
                }
                let settled = try settle(taken, outcomes, spool, origin, &report)
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
                pending = pending + settled.retry.map { ($0, origin[$0] ?? .ready) }
                failures += 1
                guard pause(failures, later.why, later.retryAfter, &report) else { return false }
            } catch {
                report.stop = .disk(error)
                return false
            }
        }
        return true
    }

    /// Waits before the next try, or ends the pass: after `attempts` failures in a row, or when the
    /// portal asks for a wait longer than a minute (the queue lock is not held that long).
    private func pause(_ failures: Int, _ why: PortalFault, _ retryAfter: TimeInterval?, _ report: inout SyncReport) -> Bool {
        if failures >= attempts || (retryAfter ?? 0) > Self.longestWaitInAPass {
            report.stop = .portalTrouble(why, retryAfter: retryAfter)
            return false
        }
        sleep(backoff.delay(afterFailures: failures, retryAfter: retryAfter, random: random()))
        return true
    }

    static let longestWaitInAPass: TimeInterval = 60

    /// Reads and checks the chunk, moves the sound items to `sending`. A damaged file goes to
    /// `damaged/` (never to the portal, which must not be blamed for a local fault).
    private func take(_ chunk: [(id: ItemID, from: Spool.State)], from spool: Spool,
                      _ report: inout SyncReport) throws(DurableWriteError) -> [QueueItem] {
        var taken: [QueueItem] = []
        for state in [Spool.State.ready, .exported] {
            let ids = chunk.filter { $0.from == state }.map(\.id)
            guard !ids.isEmpty else { continue }
            let checked = try data.checkedItems(spool, ids, in: state, strays: false, at: now())
            report.damaged += checked.damaged
            let items = checked.items.filter { $0.payload != nil }
            try spool.move(items.map(\.id), from: state, to: .sending)
            taken += items
        }
        // In the order they came, oldest first.
        let order = Dictionary(uniqueKeysWithValues: chunk.enumerated().map { ($1.id, $0) })
        return taken.sorted { order[$0.id]! < order[$1.id]! }
    }

    /// Puts items from `sending` back where they were taken from.
    private func putBack(_ ids: [ItemID], _ spool: Spool, _ origin: [ItemID: Spool.State]) throws(DurableWriteError) {
        for state in [Spool.State.ready, .exported] {
            try spool.move(ids.filter { (origin[$0] ?? .ready) == state }, from: .sending, to: state)
        }
    }

    private struct Settled {
        var retry: [ItemID] = []
        var later: (why: PortalFault, retryAfter: TimeInterval?)?
        var paused: Int?
    }

    /// Puts every item of a request where its answer says, each folder synced once.
    private func settle(_ taken: [QueueItem], _ outcomes: [ItemID: Outcome], _ spool: Spool,
                        _ origin: [ItemID: Spool.State], _ report: inout SyncReport) throws(DurableWriteError) -> Settled {
        var sent: [QueueItem] = []
        var refused: [QueueItem] = []
        var settled = Settled()
        let moment = now()
        for item in taken {
            switch outcomes[item.id] {
            case let .stored(receipt, status)?:
                var done = item
                done.facts.sent = QueueFacts.Sent(at: moment.rfc3339, portalStatus: status, receipt: receipt, viaBundle: false)
                done.payload = nil
                sent.append(done)
            case let .refused(refusal)?:
                var done = item
                done.facts.refusal = QueueFacts.Refused(at: moment.rfc3339, refusal: refusal)
                refused.append(done)
                report.quarantined.append(.init(id: item.id, refusal: refusal))
            case let .unauthorised(status)?:
                settled.paused = status
                settled.retry.append(item.id)
            case let .later(why, retryAfter)?:
                let wait = max(retryAfter ?? 0, settled.later?.retryAfter ?? 0)
                settled.later = (why, wait > 0 ? wait : nil)
                settled.retry.append(item.id)
            case nil:
                settled.retry.append(item.id)
            }
        }
        // The audit trail hears of it before the queue changes and writes it after (`PendingAudit`):
        // a crash in between is recorded late, never taken for a deleted record.
        var change: AuditLog.PendingChange?
        if spool.kind == .submission, !(sent.isEmpty && refused.isEmpty) {
            let entries = sent.map { AuditLog.Entry(.sent, [("id", .string($0.id.text)), ("receipt", $0.facts.receipt.map(JSONValue.string) ?? .null)]) }
                + refused.map { AuditLog.Entry(.quarantined, [("id", .string($0.id.text)), ("status", .number(Double($0.facts.refusal!.refusal.status))),
                                                               ("error", .string($0.facts.refusal!.refusal.error))]) }
            change = try data.audit.beforeChange(entries, at: moment)
        }
        defer { if let change { data.audit.afterChange(change, at: moment) } }
        try spool.replace(sent, from: .sending, to: .sent)
        try spool.replace(refused, from: .sending, to: .quarantine)
        try putBack(settled.retry, spool, origin)
        if spool.kind == .submission { report.sent += sent.count }
        if settled.later == nil, settled.paused == nil, !settled.retry.isEmpty {
            settled.later = (.missingFromBatchAnswer, nil)
        }
        return settled
    }
}
