import Foundation
import KioskCore

/// An HTTP answer as the kiosk sees it: status, headers (names in lower case) and body.
public struct HTTPReply: Equatable, Sendable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
    var json: JSONValue? { try? JSONValue.parse(body) }

    /// `Retry-After` in seconds (the HTTP-date form is read too).
    public var retryAfter: TimeInterval? {
        guard let value = header("Retry-After")?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = TimeInterval(value), seconds >= 0 { return seconds }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}

/// Why a request got no HTTP answer at all.
public enum TransportFailure: Error, Equatable, Sendable {
    case timedOut
    case connectionFailed(String)
    case answerTooLarge
}

/// What the kiosk does with one item after one attempt: the rows of contract §2.1.
public enum Outcome: Equatable, Sendable {
    /// Stored at the portal (`201`, or `200` for an identical replay). Submissions carry a receipt.
    case stored(receipt: String?, status: Int)
    /// Refused for its content (409, 422, 404, 413 and other 4xx): quarantine it and go on.
    case refused(Refusal)
    /// 401 or 403: the device is not authorised. Pause the whole queue; drop nothing.
    case unauthorised(status: Int)
    /// Not stored, or not known to be: 429, 5xx, timeouts, resets, a captive Wi-Fi page.
    case later(why: String, retryAfter: TimeInterval?)
}

/// The portal's reasons for refusing an item, kept with it in quarantine for the helper.
public struct Refusal: Equatable, Sendable {
    public var status: Int
    public var error: String
    public var fields: [String]

    public var json: JSONValue {
        .object([("status", .number(Double(status))), ("error", .string(error)),
                 ("fields", .array(fields.map(JSONValue.string)))])
    }
}

/// What kind of item was posted, since success looks different for each.
public enum ItemKind: Sendable {
    case submission, rating, helpRequest
}

extension Outcome {
    /// Reads one answer exactly as contract §2.1 says. `status` and `body` may come from a whole
    /// HTTP answer or from one `results` entry of a batch.
    public static func classify(status: Int, body: JSONValue?, retryAfter: TimeInterval?, kind: ItemKind) -> Outcome {
        switch status {
        case 200, 201:
            switch kind {
            case .submission:
                // A 200 without a receipt is a captive Wi-Fi page or a proxy, not the portal.
                guard let receipt = body?["receipt"]?.stringValue, !receipt.isEmpty else {
                    return .later(why: "no receipt in a \(status) answer (not the portal?)", retryAfter: retryAfter)
                }
                return .stored(receipt: receipt, status: status)
            case .rating:
                guard body?["id"]?.stringValue != nil else {
                    return .later(why: "no id in a \(status) answer (not the portal?)", retryAfter: retryAfter)
                }
                return .stored(receipt: nil, status: status)
            case .helpRequest:
                return body == nil ? .later(why: "not a portal answer", retryAfter: retryAfter) : .stored(receipt: nil, status: status)
            }
        case 202 where kind == .helpRequest:
            return .stored(receipt: nil, status: status)
        case 404 where kind == .helpRequest:
            // Calls for staff are optional for a portal: 404 means it does not take them.
            return .stored(receipt: nil, status: status)
        case 401, 403:
            return .unauthorised(status: status)
        case 408, 425, 429:
            return .later(why: "\(status)", retryAfter: retryAfter)
        case 400...499:
            let fields = (body?["fields"]?.arrayValue ?? []).map { f -> String in
                let name = f["field"]?.stringValue ?? "?"
                let code = f["code"]?.stringValue ?? ""
                // Only the field and the code: a portal's message may repeat the value, which may be personal.
                return "\(name) \(code)"
            }
            let error = body?["error"]?.stringValue ?? (status == 413 ? "too_large" : "http_\(status)")
            return .refused(Refusal(status: status, error: error, fields: fields))
        default:
            return .later(why: "\(status)", retryAfter: retryAfter)
        }
    }

    static func of(_ result: Result<HTTPReply, TransportFailure>, kind: ItemKind) -> Outcome {
        switch result {
        case let .success(reply):
            return classify(status: reply.status, body: reply.json, retryAfter: reply.retryAfter, kind: kind)
        case let .failure(failure):
            return .later(why: failure.summary, retryAfter: nil)
        }
    }
}

extension TransportFailure {
    public var summary: String {
        switch self {
        case .timedOut: return "timed out"
        case let .connectionFailed(why): return why
        case .answerTooLarge: return "answer too large"
        }
    }
}
