import Foundation
import KioskCore

/// One file of a spool: a line of facts the helper may see, then the exact bytes that go to the
/// portal. The payload is kept byte for byte, because a resend must carry the same bytes under
/// the same id (contract §2.1). Once the portal's receipt is stored the payload is dropped and only
/// the facts stay.
public struct QueueItem: Equatable, Sendable {
    public var facts: QueueFacts
    public var payload: Data?

    public init(facts: QueueFacts, payload: Data?) {
        self.facts = facts
        self.payload = payload
    }

    public var id: ItemID { facts.id }

    /// The facts line, then a newline, then the payload. Compact JSON never holds a raw newline.
    public var fileBytes: Data {
        var out = facts.json.encodedData()
        out.append(0x0A)
        if let payload { out.append(payload) }
        return out
    }

    /// Why a queue file cannot be what it claims to be. Such a file is never posted or exported:
    /// the portal must not be blamed for a local fault, and a wrong payload must not go out.
    public enum Damage: Error, Equatable, Sendable {
        case empty
        case tooLarge(limit: Int)
        case unreadable
        /// The file's name is not `<lowercase UUID v4>.json`.
        case badName(String)
        case factsUnreadable
        case payloadMissing
        case payloadUnreadable
        /// The facts, the payload and the file name do not all carry the same id.
        case idMismatch
    }

    /// Checks a file's bytes: the facts parse, the payload (unless the item is sent) is a JSON
    /// object of the right kind, and the ids in the facts, the payload and the name agree.
    public static func check(_ bytes: Data, named id: ItemID, needsPayload: Bool) -> Result<QueueItem, Damage> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        guard let factsJSON = try? JSONValue.parse(bytes[bytes.startIndex..<newline]), let facts = QueueFacts(json: factsJSON) else {
            return .failure(.factsUnreadable)
        }
        guard facts.id == id else { return .failure(.idMismatch) }
        let rest = newline < bytes.endIndex ? bytes[(newline + 1)...] : Data()
        guard !rest.isEmpty else { return needsPayload ? .failure(.payloadMissing) : .success(QueueItem(facts: facts, payload: nil)) }
        guard let payload = try? JSONValue.parse(rest), payload.objectValue != nil else { return .failure(.payloadUnreadable) }
        guard payload["id"]?.stringValue == id.text else { return .failure(.idMismatch) }
        if facts.kind == .submission, payload["service_id"]?.stringValue == nil || payload["service_id"]?.stringValue != facts.serviceID {
            return .failure(.payloadUnreadable)
        }
        return .success(QueueItem(facts: facts, payload: Data(rest)))
    }
}

extension QueueItem.Damage {
    /// What is wrong, in the user's language: for `status`, `sync` and the dashboard.
    public func message(_ s: Strings) -> String {
        switch self {
        case .empty: return s.tr(.damageEmpty)
        case let .tooLarge(limit): return s.tr(.damageTooLarge(limit: BoundedFile.describe(bytes: limit)))
        case .unreadable: return s.tr(.damageUnreadable)
        case .badName: return s.tr(.damageBadName)
        case .factsUnreadable: return s.tr(.damageFacts)
        case .payloadMissing: return s.tr(.damagePayloadMissing)
        case .payloadUnreadable: return s.tr(.damagePayload)
        case .idMismatch: return s.tr(.damageIdMismatch)
        }
    }

    /// A short code for the audit trail, which the township reads.
    public var code: String {
        switch self {
        case .empty: return "empty"
        case .tooLarge: return "too_large"
        case .unreadable: return "unreadable"
        case .badName: return "bad_name"
        case .factsUnreadable: return "facts_unreadable"
        case .payloadMissing: return "payload_missing"
        case .payloadUnreadable: return "payload_unreadable"
        case .idMismatch: return "id_mismatch"
        }
    }
}

extension Submission {
    /// What is kept about a submission for the helper, even after it is sent: nothing personal
    /// beyond the masked identity number.
    public var queueItem: QueueItem {
        var facts = QueueFacts(id: id, kind: .submission)
        facts.serviceID = serviceID
        facts.serviceVersion = serviceVersion
        facts.createdAt = createdAt
        facts.maskedID = maskedIdentity
        facts.clockSuspect = clockSuspect
        return QueueItem(facts: facts, payload: bytes)
    }
}

extension Record {
    public var queueItem: QueueItem {
        var facts = QueueFacts(id: id, kind: kind == .rating ? .rating : .helpRequest)
        facts.createdAt = createdAt
        return QueueItem(facts: facts, payload: json.encodedData())
    }
}
