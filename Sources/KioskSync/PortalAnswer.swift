import Foundation
import KioskCore
import KioskOutbox

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
        if let seconds = TimeInterval(value), seconds.isFinite, seconds >= 0 { return seconds }
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return format.date(from: value).map { max(0, $0.timeIntervalSinceNow) }
    }
}

/// Why a request got no HTTP answer at all.
public enum TransportFailure: Error, Equatable, Sendable {
    case timedOut
    case refused
    case reset
    case noNetwork
    case hostNotFound
    /// The portal's certificate is not one this machine trusts (self-signed, expired, wrong name).
    case certificateNotTrusted
    case tls
    case badAnswer
    /// The answer was cut off at this many bytes: no portal answer is that large.
    case answerTooLarge(limit: Int)
    case other(code: Int)
}

/// Why an item is not known to be stored: the kiosk tries again later (contract §2.1, last row).
public enum PortalFault: Error, Equatable, Sendable {
    case transport(TransportFailure)
    /// 408, 425, 429, 5xx and other statuses that say "not now".
    case status(Int)
    /// A 2xx without a receipt: a captive Wi-Fi page or a proxy, not the portal.
    case noReceipt(status: Int)
    /// A 2xx naming another id than the one sent: whatever was stored, it is not known to be this item.
    case answerForAnotherItem(status: Int)
    /// A batch answered without `results` for every item.
    case notBatchAnswer(status: Int)
    case missingFromBatchAnswer
    /// The health check was answered by something that is not the portal.
    case notThePortal(status: Int)

    /// In the user's language: the words inside "连不上门户（…）" and "门户暂时出错（…）".
    public func message(_ s: Strings) -> String {
        switch self {
        case let .transport(failure): return failure.message(s)
        case let .status(code): return s.tr(.faultStatus(status: "\(code)"))
        case let .noReceipt(code): return s.tr(.faultNoReceipt(status: "\(code)"))
        case let .answerForAnotherItem(code): return s.tr(.faultAnotherItem(status: "\(code)"))
        case let .notBatchAnswer(code): return s.tr(.faultNotBatchAnswer(status: "\(code)"))
        case .missingFromBatchAnswer: return s.tr(.faultMissingFromBatch)
        case let .notThePortal(code): return s.tr(.faultNotThePortal(status: "\(code)"))
        }
    }
}

extension TransportFailure {
    public func message(_ s: Strings) -> String {
        switch self {
        case .timedOut: return s.tr(.faultTimedOut)
        case .refused: return s.tr(.faultRefused)
        case .reset: return s.tr(.faultReset)
        case .noNetwork: return s.tr(.faultNoNetwork)
        case .hostNotFound: return s.tr(.faultHostNotFound)
        case .certificateNotTrusted: return s.tr(.faultCertificate)
        case .tls: return s.tr(.faultTls)
        case .badAnswer: return s.tr(.faultBadAnswer)
        case let .answerTooLarge(limit): return s.tr(.faultTooLarge(limit: BoundedFile.describe(bytes: limit)))
        case let .other(code): return s.tr(.faultOther(code: "\(code)"))
        }
    }
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
    case later(PortalFault, retryAfter: TimeInterval?)
}

extension Outcome {
    /// A receipt is shown to residents and spoken: a short line of printable text, or not a receipt.
    static let longestReceipt = 64

    /// Reads one answer exactly as contract §2.1 says. `status` and `body` may come from a whole
    /// HTTP answer or from one `results` entry of a batch. A 2xx counts only when it names the
    /// item that was sent (`id`): an answer about another item proves nothing about this one.
    public static func classify(status: Int, body: JSONValue?, retryAfter: TimeInterval?, kind: ItemKind, id: ItemID) -> Outcome {
        switch status {
        case 200, 201:
            switch kind {
            case .submission:
                guard let receipt = body?["receipt"]?.stringValue, !receipt.isEmpty, receipt.count <= longestReceipt,
                      !receipt.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                    return .later(.noReceipt(status: status), retryAfter: retryAfter)
                }
                guard body?["id"]?.stringValue == id.text else { return .later(.answerForAnotherItem(status: status), retryAfter: retryAfter) }
                return .stored(receipt: receipt, status: status)
            case .rating:
                guard let answered = body?["id"]?.stringValue else { return .later(.noReceipt(status: status), retryAfter: retryAfter) }
                guard answered == id.text else { return .later(.answerForAnotherItem(status: status), retryAfter: retryAfter) }
                return .stored(receipt: nil, status: status)
            case .helpRequest:
                return body == nil ? .later(.noReceipt(status: status), retryAfter: retryAfter) : .stored(receipt: nil, status: status)
            }
        case 202 where kind == .helpRequest:
            return .stored(receipt: nil, status: status)
        case 404 where kind == .helpRequest:
            // Calls for staff are optional for a portal: 404 means it does not take them.
            return .stored(receipt: nil, status: status)
        case 401, 403:
            return .unauthorised(status: status)
        case 408, 425, 429:
            return .later(.status(status), retryAfter: retryAfter)
        case 400...499:
            let fields = (body?["fields"]?.arrayValue ?? []).prefix(50).map { f -> String in
                let name = f["field"]?.stringValue ?? "?"
                let code = f["code"]?.stringValue ?? ""
                // Only the field and the code: a portal's message may repeat the value, which may be personal.
                return String("\(name) \(code)".prefix(80))
            }
            let error = body?["error"]?.stringValue.map { String($0.prefix(64)) } ?? (status == 413 ? "too_large" : "http_\(status)")
            return .refused(Refusal(status: status, error: error, fields: fields))
        default:
            return .later(.status(status), retryAfter: retryAfter)
        }
    }

    static func of(_ result: Result<HTTPReply, TransportFailure>, kind: ItemKind, id: ItemID) -> Outcome {
        switch result {
        case let .success(reply):
            return classify(status: reply.status, body: reply.json, retryAfter: reply.retryAfter, kind: kind, id: id)
        case let .failure(failure):
            return .later(.transport(failure), retryAfter: nil)
        }
    }
}
