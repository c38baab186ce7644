import Foundation

/// Something else the kiosk keeps for the portal besides submissions (docs/portal-api-v1.md,
/// additions A and B): a rating (好差评) or a call for staff. `json` is its only encoder.
public struct Record: Equatable, Sendable {
    public enum Kind: String, Sendable { case rating, helpRequest = "help-request" }

    public enum Content: Equatable, Sendable {
        /// 好差评 of one submission: `score` 5 (very satisfied) down to 1.
        case rating(submissionID: ItemID, score: Int)
        /// A resident pressed F1, in which service if any (nothing personal).
        case helpRequest(serviceID: String?)
    }

    public var id: ItemID
    public var kioskID: String
    public var createdAt: Moment
    public var content: Content

    public init(id: ItemID, kioskID: String, createdAt: Moment, content: Content) {
        self.id = id
        self.kioskID = kioskID
        self.createdAt = createdAt
        self.content = content
    }

    public static func rating(id: ItemID, submissionID: ItemID, kioskID: String, score: Int, at moment: Moment) -> Record {
        Record(id: id, kioskID: kioskID, createdAt: moment, content: .rating(submissionID: submissionID, score: score))
    }

    public static func helpRequest(id: ItemID, kioskID: String, at moment: Moment, serviceID: String?) -> Record {
        Record(id: id, kioskID: kioskID, createdAt: moment, content: .helpRequest(serviceID: serviceID))
    }

    public var kind: Kind {
        switch content {
        case .rating: return .rating
        case .helpRequest: return .helpRequest
        }
    }

    /// The contract's JSON, members in the order the portal has always been sent them.
    public var json: JSONValue {
        switch content {
        case let .rating(submissionID, score):
            return .object([
                ("id", .string(id.text)), ("submission_id", .string(submissionID.text)), ("kiosk_id", .string(kioskID)),
                ("score", .number(Double(score))), ("created_at", .string(createdAt.rfc3339)),
            ])
        case let .helpRequest(serviceID):
            return .object([
                ("id", .string(id.text)), ("kiosk_id", .string(kioskID)), ("created_at", .string(createdAt.rfc3339)),
                ("service_id", serviceID.map(JSONValue.string) ?? .null),
            ])
        }
    }
}
