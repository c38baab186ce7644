import Foundation
import KioskCore
import KioskOutbox

/// `carekiosk import-receipts FILE`, back on the kiosk: a receipts file is evidence, not an
/// order. A line marks its item sent (receipt kept, body dropped) only when the item is in
/// `exported/`, went out in the bundle the file names (`bundle_sha256`), and the portal's result
/// for it is a 200/201 with a receipt and the item's own id; a refusal the same way moves it to
/// quarantine. Every other line changes nothing, and is counted and named. Importing the same
/// file twice changes nothing the second time.
public struct ReceiptsImporter {
    public let data: DataFolder
    public var now: () -> Moment
    /// A township's receipts file for a bundle of thousands of items is well under this.
    public static let largestFile = 16 << 20

    public init(data: DataFolder, now: @escaping () -> Moment = { Moment.now() }) {
        self.data = data
        self.now = now
    }

    public enum Failure: Error, Equatable {
        case file(BoundedFile.Failure)
        case notReceipts(String)
        case lock(QueueLock.Failure)
        case disk(DurableWriteError)
    }

    public struct Imported: Equatable, Sendable {
        public var sent = 0
        public var quarantined = 0
        public var alreadyDone = 0
        /// Lines that changed nothing, with why.
        public var rejected: [(id: String, reason: ReceiptRejection)] = []

        public var rejectedCounts: [ReceiptRejection: Int] {
            rejected.reduce(into: [:]) { $0[$1.reason, default: 0] += 1 }
        }

        public static func == (a: Imported, b: Imported) -> Bool {
            a.sent == b.sent && a.quarantined == b.quarantined && a.alreadyDone == b.alreadyDone
                && a.rejected.map(\.id) == b.rejected.map(\.id) && a.rejected.map(\.reason) == b.rejected.map(\.reason)
        }
    }

    public func importReceipts(_ file: URL) throws(Failure) -> Imported {
        let bytes: Data
        do { bytes = try BoundedFile.read(file, limit: Self.largestFile) } catch { throw .file(error) }
        guard let json = try? JSONValue.parse(bytes), let results = json["results"]?.arrayValue,
              let digest = json["bundle_sha256"]?.stringValue, digest.count == 64, digest.allSatisfy(\.isHexDigit) else {
            throw .notReceipts(file.path)
        }
        let bundle = digest.lowercased()
        let lock: QueueLock
        do { lock = try QueueLock(folder: data.root) } catch { throw .lock(error) }
        defer { withExtendedLifetime(lock) {} }
        let spool = data.submissions
        let moment = now()
        var imported = Imported()
        var sent: [Spool.State: [QueueItem]] = [:]
        var refused: [Spool.State: [QueueItem]] = [:]
        do {
            try spool.recover()
            // An export that was killed while its items learned their bundle: finished first.
            try ExportRecord.finish(data, at: moment)
            // Whether this kiosk ever wrote the bundle named: looked up once, and only if a line needs it.
            var bundleKnown: Bool?
            let isKnown = {
                if bundleKnown == nil { bundleKnown = self.exportedBundles(spool).contains(bundle) }
                return bundleKnown!
            }
            var seen: Set<ItemID> = []
            for entry in results {
                let raw = entry["id"]?.stringValue ?? ""
                guard let id = ItemID(raw) else { imported.rejected.append((String(raw.prefix(40)), .badID)); continue }
                guard seen.insert(id).inserted else { continue }
                switch judge(id, entry, bundle: bundle, isKnown: isKnown, spool) {
                case .alreadyDone: imported.alreadyDone += 1
                case let .rejected(reason): imported.rejected.append((id.text, reason))
                case let .sent(state, item, receipt, status):
                    var done = item
                    done.facts.sent = QueueFacts.Sent(at: moment.rfc3339, portalStatus: status, receipt: receipt, viaBundle: true)
                    done.payload = nil
                    sent[state, default: []].append(done)
                case let .refused(state, item, refusal):
                    var done = item
                    done.facts.refusal = QueueFacts.Refused(at: moment.rfc3339, refusal: refusal)
                    refused[state, default: []].append(done)
                }
            }
            imported.sent = sent.values.reduce(0) { $0 + $1.count }
            imported.quarantined = refused.values.reduce(0) { $0 + $1.count }
            let sentIDs = sent.values.flatMap { $0.map { JSONValue.string($0.id.text) } }
            // Heard by the audit trail before the queue changes, written after (`PendingAudit`).
            let change = try data.audit.beforeChange([AuditLog.Entry(.receiptsImported, [
                ("file", .string(file.lastPathComponent)), ("bundle_sha256", .string(bundle)),
                ("sent", .number(Double(imported.sent))), ("quarantined", .number(Double(imported.quarantined))),
                ("rejected", .number(Double(imported.rejected.count))), ("sent_ids", .array(sentIDs)),
            ])], at: moment)
            defer { data.audit.afterChange(change, at: moment) }
            for (state, items) in sent { try spool.replace(items, from: state, to: .sent) }
            for (state, items) in refused { try spool.replace(items, from: state, to: .quarantine) }
        } catch {
            throw .disk(error)
        }
        return imported
    }

    /// The SHA-256 of every bundle this kiosk's items went out in.
    private func exportedBundles(_ spool: Spool) -> Set<String> {
        Set([Spool.State.exported, .quarantine, .sent].flatMap { state in
            spool.ids(in: state).compactMap { spool.read($0, in: state) }.flatMap { $0.facts.bundles.map(\.sha256) }
        })
    }

    private enum Verdict {
        case alreadyDone
        case rejected(ReceiptRejection)
        case sent(Spool.State, QueueItem, receipt: String?, status: Int)
        case refused(Spool.State, QueueItem, Refusal)
    }

    /// What one line of the file may do to its item.
    private func judge(_ id: ItemID, _ entry: JSONValue, bundle: String, isKnown: () -> Bool, _ spool: Spool) -> Verdict {
        guard let state = spool.locate(id) else { return .rejected(.notOnThisKiosk) }
        switch state {
        case .sent: return .alreadyDone
        case .ready, .sending: return .rejected(.notExported)
        case .damaged: return .rejected(.notOnThisKiosk)
        case .exported, .quarantine: break
        }
        guard let item = spool.read(id, in: state) else { return .rejected(.notOnThisKiosk) }
        guard item.facts.bundles.contains(where: { $0.sha256 == bundle }) else {
            return .rejected(item.facts.bundles.isEmpty ? .notExported : isKnown() ? .notInThisBundle : .bundleMismatch)
        }
        guard let status = entry["status"]?.httpStatus else { return .rejected(.notStored) }
        switch Outcome.classify(status: status, body: entry, retryAfter: nil, kind: .submission, id: id) {
        case let .stored(receipt, status): return .sent(state, item, receipt: receipt, status: status)
        case .refused where state == .quarantine: return .alreadyDone
        case let .refused(refusal): return .refused(state, item, refusal)
        case .unauthorised, .later: return .rejected(.notStored)
        }
    }
}
