import Foundation
import KioskCore
import KioskOutbox

/// `carekiosk import-receipts FILE`, back on the kiosk: marks the items the portal stored as
/// sent (receipt kept, body dropped) and the ones it refused as quarantined. Importing the same
/// file twice changes nothing the second time; items it does not mention stay `exported`.
public struct ReceiptsImporter {
    public let data: DataFolder
    public var now: () -> Moment

    public init(data: DataFolder, now: @escaping () -> Moment = { Moment.now() }) {
        self.data = data
        self.now = now
    }

    public enum Failure: Error, Equatable {
        case unreadable(String)
        case notReceipts(String)
        case busy
        case disk(String)
    }

    public struct Imported: Equatable, Sendable {
        public var sent = 0
        public var quarantined = 0
        public var alreadyDone = 0
        /// Ids this kiosk does not have (another kiosk's receipts?).
        public var unknown: [String] = []
    }

    public func importReceipts(_ file: URL) throws(Failure) -> Imported {
        guard let bytes = FileManager.default.contents(atPath: file.path) else { throw .unreadable(file.path) }
        guard let json = try? JSONValue.parse(bytes), let results = json["results"]?.arrayValue, json["bundle_sha256"]?.stringValue != nil else {
            throw .notReceipts(file.path)
        }
        guard let lock = QueueLock(folder: data.root) else { throw .busy }
        defer { withExtendedLifetime(lock) {} }
        let spool = data.submissions
        let moment = now()
        var imported = Imported()
        var sent: [Spool.State: [(id: String, item: QueueItem)]] = [:]
        var refused: [Spool.State: [(id: String, item: QueueItem)]] = [:]
        do {
            try spool.recover()
            for entry in results {
                guard let id = entry["id"]?.stringValue, let status = entry["status"]?.intValue else { continue }
                guard let (state, item) = find(id, in: spool) else { imported.unknown.append(id); continue }
                if state == .sent { imported.alreadyDone += 1; continue }
                switch Outcome.classify(status: status, body: entry, retryAfter: nil, kind: .submission) {
                case let .stored(receipt, status):
                    var facts: [(String, JSONValue)] = [("sent_at", .string(moment.rfc3339)), ("portal_status", .number(Double(status))),
                                                        ("via", .string("bundle"))]
                    if let receipt { facts.append(("receipt", .string(receipt))) }
                    sent[state, default: []].append((id, item.adding(facts, dropPayload: true)))
                case .refused where state == .quarantine:
                    imported.alreadyDone += 1
                case let .refused(refusal):
                    refused[state, default: []].append((id, item.adding([("quarantined_at", .string(moment.rfc3339)), ("refusal", refusal.json)])))
                case .unauthorised, .later:
                    break   // an upload writes no such result; nothing to change
                }
            }
            for (state, items) in sent { try spool.replace(items, from: state, to: .sent) }
            for (state, items) in refused { try spool.replace(items, from: state, to: .quarantine) }
        } catch {
            throw .disk(error.description)
        }
        imported.sent = sent.values.reduce(0) { $0 + $1.count }
        imported.quarantined = refused.values.reduce(0) { $0 + $1.count }
        try? data.audit.append(.receiptsImported, at: moment, [
            ("file", .string(file.lastPathComponent)), ("bundle_sha256", json["bundle_sha256"] ?? .null),
            ("sent", .number(Double(imported.sent))), ("quarantined", .number(Double(imported.quarantined))),
        ])
        return imported
    }

    private func find(_ id: String, in spool: Spool) -> (Spool.State, QueueItem)? {
        for state in [Spool.State.sent, .exported, .ready, .quarantine] {
            if let item = spool.read(id: id, in: state) { return (state, item) }
        }
        return nil
    }
}
