import Foundation

/// One HTTP request as the portal client makes it: no networking library in sight, so that
/// everything above the wire (the sender, the importers) can be linked without one.
public struct HTTPRequest: Sendable {
    public var method: String
    public var url: URL
    /// Header names as written; the transport sends them as they are.
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// Seconds before the request is given up.
    public var timeout: TimeInterval

    public init(method: String, url: URL, headers: [(name: String, value: String)] = [], body: Data? = nil, timeout: TimeInterval) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Sends one HTTP request and waits for its answer. A protocol so that the sync logic can be
/// tested against a scripted portal as well as the reference one; `KioskNetwork` has the one on
/// the wire (URLSession), which only `carekiosk-sender` links.
public protocol HTTPTransport: Sendable {
    /// `limit`: the largest answer body taken; a larger one is cut off as it arrives.
    func send(_ request: HTTPRequest, limit: Int) -> Result<HTTPReply, TransportFailure>
}
