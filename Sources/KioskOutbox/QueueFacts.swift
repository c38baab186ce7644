import Foundation
import KioskCore

/// What a queue holds: submissions, ratings or calls for staff. Success looks different for each.
public enum ItemKind: String, Sendable {
    case submission, rating, helpRequest = "help-request"
}

/// The portal's reasons for refusing an item, kept with it in quarantine for the helper.
public struct Refusal: Equatable, Sendable {
    public var status: Int
    public var error: String
    /// `field code` pairs; a portal's message may repeat the value, which may be personal.
    public var fields: [String]

    public init(status: Int, error: String, fields: [String]) {
        self.status = status
        self.error = error
        self.fields = fields
    }
}

/// One bundle an item was carried away in: the file's name, its SHA-256 and when.
public struct BundleRef: Equatable, Sendable {
    public var file: String
    public var sha256: String
    public var exportedAt: String

    public init(file: String, sha256: String, exportedAt: String) {
        self.file = file
        self.sha256 = sha256
        self.exportedAt = exportedAt
    }
}

/// The facts line of a queue file: what a helper may see about an item and where it has been,
/// nothing personal beyond the masked identity number. One type, one encoder, one decoder.
public struct QueueFacts: Equatable, Sendable {
    public var id: ItemID
    public var kind: ItemKind
    public var serviceID: String?
    public var serviceVersion: Int?
    /// When the resident confirmed it; written as RFC 3339, and a facts line whose time is not
    /// one is not the kiosk's.
    public var createdAt: Moment?
    public var maskedID: String?
    /// HMAC-SHA-256 of the whole identity number under the kiosk's secret (`IdentityKeys`): the
    /// progress check finds an item by it. Never the number itself.
    public var identityKey: String?
    /// The kiosk's clock was before its release date when the resident confirmed: ages were not
    /// used to turn anyone away, and the times in the submission may be wrong.
    public var clockSuspect = false
    /// Every bundle the item went out in, oldest first (`export`, then `export --again`).
    public var bundles: [BundleRef] = []
    public var sent: Sent?
    public var refusal: Refused?

    public struct Sent: Equatable, Sendable {
        public var at: String
        public var portalStatus: Int
        public var receipt: String?
        /// Through a bundle and a receipts file rather than the kiosk's own sender.
        public var viaBundle: Bool

        public init(at: String, portalStatus: Int, receipt: String?, viaBundle: Bool) {
            self.at = at
            self.portalStatus = portalStatus
            self.receipt = receipt
            self.viaBundle = viaBundle
        }
    }

    public struct Refused: Equatable, Sendable {
        public var at: String
        public var refusal: Refusal

        public init(at: String, refusal: Refusal) {
            self.at = at
            self.refusal = refusal
        }
    }

    public init(id: ItemID, kind: ItemKind) {
        self.id = id
        self.kind = kind
    }

    public var receipt: String? { sent?.receipt }

    /// When the item first went onto a USB stick, if it did.
    public var firstExportedAt: String? { bundles.first?.exportedAt }
}

// MARK: - the facts line as JSON

extension QueueFacts {
    public var json: JSONValue {
        var m: [(String, JSONValue)] = [("id", .string(id.text))]
        if kind != .submission { m.append(("kind", .string(kind.rawValue))) }
        if let serviceID { m.append(("service_id", .string(serviceID))) }
        if let serviceVersion { m.append(("service_version", .number(Double(serviceVersion)))) }
        if let createdAt { m.append(("created_at", .string(createdAt.rfc3339))) }
        if let maskedID { m.append(("masked_id", .string(maskedID))) }
        if let identityKey { m.append(("id_key", .string(identityKey))) }
        if clockSuspect { m.append(("clock_suspect", .bool(true))) }
        if !bundles.isEmpty {
            m.append(("bundles", .array(bundles.map {
                .object([("file", .string($0.file)), ("sha256", .string($0.sha256)), ("exported_at", .string($0.exportedAt))])
            })))
        }
        if let sent {
            m.append(("sent_at", .string(sent.at)))
            m.append(("portal_status", .number(Double(sent.portalStatus))))
            if let receipt = sent.receipt { m.append(("receipt", .string(receipt))) }
            if sent.viaBundle { m.append(("via", .string("bundle"))) }
        }
        if let refusal {
            m.append(("quarantined_at", .string(refusal.at)))
            m.append(("refusal", .object([("status", .number(Double(refusal.refusal.status))), ("error", .string(refusal.refusal.error)),
                                          ("fields", .array(refusal.refusal.fields.map(JSONValue.string)))])))
        }
        return .object(m)
    }

    /// Nil when the line is not facts of this kiosk's making: a missing or malformed id, or a
    /// fact of the wrong type.
    public init?(json: JSONValue) {
        guard json.objectValue != nil, let raw = json["id"]?.stringValue, let id = ItemID(raw) else { return nil }
        func string(_ key: String) -> String?? {
            guard let v = json[key] else { return .some(nil) }
            return v.stringValue.map { .some($0) } ?? nil
        }
        guard let kindText = string("kind"), let serviceID = string("service_id"), let createdAt = string("created_at"),
              let maskedID = string("masked_id") else { return nil }
        guard let kind = kindText.map(ItemKind.init(rawValue:)) ?? .submission else { return nil }
        self.init(id: id, kind: kind)
        self.serviceID = serviceID
        if let createdAt {
            guard let moment = Moment.parse(createdAt) else { return nil }
            self.createdAt = moment
        }
        self.maskedID = maskedID
        guard let identityKey = string("id_key") else { return nil }
        self.identityKey = identityKey
        if let v = json["service_version"] {
            guard let n = v.intValue(in: 1...999_999) else { return nil }
            serviceVersion = n
        }
        clockSuspect = json["clock_suspect"]?.boolValue ?? false
        if let list = json["bundles"] {
            guard let items = list.arrayValue else { return nil }
            for item in items {
                guard let file = item["file"]?.stringValue, let sha = item["sha256"]?.stringValue,
                      let at = item["exported_at"]?.stringValue else { return nil }
                bundles.append(BundleRef(file: file, sha256: sha, exportedAt: at))
            }
        }
        // A kiosk of an earlier release wrote one bundle as three flat facts.
        if bundles.isEmpty, let sha = json["bundle_sha256"]?.stringValue {
            bundles.append(BundleRef(file: json["bundle"]?.stringValue ?? "", sha256: sha, exportedAt: json["exported_at"]?.stringValue ?? ""))
        }
        if let at = json["sent_at"]?.stringValue {
            guard let status = json["portal_status"]?.httpStatus else { return nil }
            sent = Sent(at: at, portalStatus: status, receipt: json["receipt"]?.stringValue, viaBundle: json["via"]?.stringValue == "bundle")
        }
        if let at = json["quarantined_at"]?.stringValue {
            let r = json["refusal"]
            guard let status = r?["status"]?.httpStatus, let error = r?["error"]?.stringValue else { return nil }
            refusal = Refused(at: at, refusal: Refusal(status: status, error: error,
                                                       fields: (r?["fields"]?.arrayValue ?? []).compactMap(\.stringValue)))
        }
    }
}
