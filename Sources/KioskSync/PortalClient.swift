import Foundation
import KioskCore
import KioskOutbox

/// The kiosk's side of contract v1: one method per endpoint, each returning what §2.1 says to do.
public struct PortalClient: Sendable {
    public let settings: PortalSettings
    let transport: HTTPTransport

    public init(settings: PortalSettings, transport: HTTPTransport) {
        self.settings = settings
        self.transport = transport
    }

    public enum Health: Equatable, Sendable {
        case portal
        case unauthorised(status: Int)
        /// Something answered that is not the portal (a captive Wi-Fi page), or nothing did.
        case unreachable(PortalFault)
    }

    /// The largest answer taken for each kind of request: no portal answer comes near these.
    public enum Limit {
        public static let small = 64 << 10
        public static let submission = 1 << 20
        public static let batch = 4 << 20
        public static let catalog = 4 << 20
    }

    /// The pre-flight: only a `204` carrying `X-Portal-Api: 1` is the portal.
    public func health() -> Health {
        switch transport.send(request("GET", "/v1/health"), limit: Limit.small) {
        case let .success(reply) where reply.status == 204 && reply.header("X-Portal-Api") == "1":
            return .portal
        case let .success(reply) where reply.status == 401 || reply.status == 403:
            return .unauthorised(status: reply.status)
        case let .success(reply):
            return .unreachable(.notThePortal(status: reply.status))
        case let .failure(failure):
            return .unreachable(.transport(failure))
        }
    }

    /// POST one item. `payload` is sent byte for byte: the same bytes on every resend.
    public func post(_ kind: ItemKind, id: ItemID, payload: Data) -> Outcome {
        let path: String
        switch kind {
        case .submission: path = "/v1/submissions"
        case .rating: path = "/v1/ratings"
        case .helpRequest: path = "/v1/help-requests"
        }
        var req = request("POST", path, body: payload)
        if kind != .helpRequest { req.headers.append(("Idempotency-Key", id.text)) }
        return Outcome.of(transport.send(req, limit: Limit.submission), kind: kind, id: id)
    }

    /// What a batch POST said: one outcome per item, or one for the whole request (refused,
    /// failed, or not the portal), in which case the sender splits the batch or waits.
    public enum BatchAnswer: Equatable, Sendable {
        case perItem([ItemID: Outcome])
        case whole(Outcome)
    }

    /// POST up to 100 submissions at once. The answer has one result per item, each read as a
    /// single POST would be; an item the answer did not mention is tried again later.
    public func postBatch(_ items: [(id: ItemID, payload: Data)]) -> BatchAnswer {
        var body = Data(#"{"submissions":["#.utf8)
        for (i, item) in items.enumerated() {
            if i > 0 { body.append(UInt8(ascii: ",")) }
            body.append(item.payload)
        }
        body.append(contentsOf: Array("]}".utf8))
        let result = transport.send(request("POST", "/v1/submissions/batch", body: body), limit: Limit.batch)
        guard case let .success(reply) = result, reply.status == 200, let results = reply.json?["results"]?.arrayValue else {
            if case let .success(reply) = result, (200...299).contains(reply.status) {
                // A success without results is not the portal's batch answer (a proxy, a captive page).
                return .whole(.later(.notBatchAnswer(status: reply.status), retryAfter: reply.retryAfter))
            }
            // Refused, failed or not the portal as a whole; the id does not matter for such an answer.
            return .whole(Outcome.of(result, kind: .submission, id: items[0].id))
        }
        let sent = Set(items.map(\.id))
        var outcomes: [ItemID: Outcome] = [:]
        for entry in results {
            // An entry for an id that was not in this batch says nothing about what was sent.
            guard let id = entry["id"]?.stringValue.flatMap(ItemID.init), sent.contains(id), outcomes[id] == nil,
                  let status = entry["status"]?.httpStatus else { continue }
            outcomes[id] = Outcome.classify(status: status, body: entry, retryAfter: reply.retryAfter, kind: .submission, id: id)
        }
        for item in items where outcomes[item.id] == nil {
            outcomes[item.id] = .later(.missingFromBatchAnswer, retryAfter: nil)
        }
        return .perItem(outcomes)
    }

    /// Progress of one submission (办件进度).
    public enum Progress: Equatable, Sendable {
        case status(receipt: String, status: PortalStatus, updatedAt: String, message: String?)
        case unknown
        case unavailable(PortalFault)
    }

    public func progress(of id: ItemID) -> Progress {
        switch transport.send(request("GET", "/v1/submissions/\(id.text)"), limit: Limit.small) {
        case let .success(reply) where reply.status == 200:
            guard let json = reply.json, let status = json["status"]?.stringValue else { return .unavailable(.notThePortal(status: reply.status)) }
            return .status(receipt: json["receipt"]?.stringValue ?? "", status: PortalStatus(portal: status),
                           updatedAt: json["updated_at"]?.stringValue ?? "", message: json["message"]?.stringValue)
        case let .success(reply) where reply.status == 404:
            return .unknown
        case let .success(reply):
            return .unavailable(.status(reply.status))
        case let .failure(failure):
            return .unavailable(.transport(failure))
        }
    }

    /// The catalog, if it changed since `etag`.
    public enum CatalogAnswer: Equatable, Sendable {
        case changed(Data, etag: String?)
        case unchanged
        case unavailable(PortalFault)
    }

    /// The body of a 200 goes to the catalog loader as it is, which says what is wrong with it.
    public func catalog(ifNoneMatch etag: String?) -> CatalogAnswer {
        var req = request("GET", "/v1/catalog")
        if let etag { req.headers.append(("If-None-Match", etag)) }
        switch transport.send(req, limit: Limit.catalog) {
        case let .success(reply) where reply.status == 200:
            return .changed(reply.body, etag: reply.header("ETag"))
        case let .success(reply) where reply.status == 304:
            return .unchanged
        case let .success(reply):
            return .unavailable(.status(reply.status))
        case let .failure(failure):
            return .unavailable(.transport(failure))
        }
    }

    func request(_ method: String, _ path: String, body: Data? = nil) -> HTTPRequest {
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Bearer \(settings.token)"), ("X-Kiosk-Id", settings.kioskID), ("Accept", "application/json"),
        ]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return HTTPRequest(method: method, url: settings.url.appendingPathComponent(String(path.dropFirst())),
                           headers: headers, body: body, timeout: settings.timeout)
    }
}
