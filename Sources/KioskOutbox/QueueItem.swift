import Foundation
import KioskCore

/// One file of a spool: a line of facts the helper may see (service, time, masked identity,
/// receipt, quarantine reasons), then the exact bytes that go to the portal. The payload is kept
/// byte for byte, because a resend must carry the same bytes under the same id (contract §2.1).
/// Once the portal's receipt is stored the payload is dropped and only the facts stay.
public struct QueueItem: Equatable, Sendable {
    public var facts: JSONValue
    public var payload: Data?

    public init(facts: JSONValue, payload: Data?) {
        self.facts = facts
        self.payload = payload
    }

    /// The facts line, then a newline, then the payload. Compact JSON never holds a raw newline.
    public var fileBytes: Data {
        var out = facts.encodedData()
        out.append(0x0A)
        if let payload { out.append(payload) }
        return out
    }

    public init?(fileBytes data: Data) {
        let newline = data.firstIndex(of: 0x0A) ?? data.endIndex
        guard let facts = try? JSONValue.parse(data[data.startIndex..<newline]) else { return nil }
        self.facts = facts
        let rest = newline < data.endIndex ? data[(newline + 1)...] : Data()
        payload = rest.isEmpty ? nil : Data(rest)
    }

    public func fact(_ key: String) -> String? { facts[key]?.stringValue }

    /// A copy with some facts added or replaced.
    public func adding(_ extra: [(String, JSONValue)], dropPayload: Bool = false) -> QueueItem {
        var members = (facts.objectValue ?? []).filter { key, _ in !extra.contains { $0.0 == key } }
        members.append(contentsOf: extra)
        return QueueItem(facts: .object(members), payload: dropPayload ? nil : payload)
    }
}

extension Submission {
    /// What is kept about a submission for the helper, even after it is sent: nothing personal
    /// beyond the masked identity number.
    public var queueItem: QueueItem {
        var facts: [(String, JSONValue)] = [("id", .string(id)), ("service_id", .string(serviceID))]
        if let version = json["service_version"] { facts.append(("service_version", version)) }
        if let created = json["created_at"] { facts.append(("created_at", created)) }
        if let maskedIdentity { facts.append(("masked_id", .string(maskedIdentity))) }
        return QueueItem(facts: .object(facts), payload: bytes)
    }
}

extension Record {
    public var queueItem: QueueItem {
        QueueItem(facts: .object([("id", .string(id)), ("kind", .string(kind.rawValue))]), payload: json.encodedData())
    }
}
