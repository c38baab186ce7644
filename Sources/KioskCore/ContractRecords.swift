import Foundation

/// The contract's JSON for what the kiosk sends besides submissions (docs/portal-api-v1.md,
/// additions A and B), built here rather than in the reducer.
extension Record {
    /// 好差评: `score` 5 (very satisfied) down to 1.
    public static func rating(id: String, submissionID: String, kioskID: String, score: Int, at moment: Moment) -> Record {
        Record(kind: .rating, id: id, json: .object([
            ("id", .string(id)), ("submission_id", .string(submissionID)), ("kiosk_id", .string(kioskID)),
            ("score", .number(Double(score))), ("created_at", .string(moment.rfc3339)),
        ]))
    }

    /// A resident pressed F1: which kiosk, when, and in which service (nothing personal).
    public static func helpRequest(id: String, kioskID: String, at moment: Moment, serviceID: String?) -> Record {
        Record(kind: .helpRequest, id: id, json: .object([
            ("id", .string(id)), ("kiosk_id", .string(kioskID)), ("created_at", .string(moment.rfc3339)),
            ("service_id", serviceID.map(JSONValue.string) ?? .null),
        ]))
    }
}
