import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and waits for its answer. A protocol so that the sync logic can be
/// tested against a scripted portal as well as the reference one.
public protocol HTTPTransport: Sendable {
    func send(_ request: URLRequest) -> Result<HTTPReply, TransportFailure>
}

/// URLSession from FoundationNetworking, used synchronously: the sender runs on its own thread.
/// Every request has a timeout; nothing is cached; answers are size-limited.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let largestAnswer: Int
    private let timeout: TimeInterval

    public init(timeout: TimeInterval, largestAnswer: Int = 8 << 20) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
        self.largestAnswer = largestAnswer
        self.timeout = timeout
    }

    deinit { session.finishTasksAndInvalidate() }

    public func send(_ request: URLRequest) -> Result<HTTPReply, TransportFailure> {
        let answer = AnswerBox()
        let done = DispatchSemaphore(value: 0)
        let limit = largestAnswer
        let task = session.dataTask(with: request) { data, response, error in
            answer.result = Self.reply(data, response, error, limit: limit)
            done.signal()
        }
        task.resume()
        // URLSession's own timeouts are idle timers; this bounds the whole request.
        if done.wait(timeout: .now() + timeout * 2 + 5) == .timedOut {
            task.cancel()
            return .failure(.timedOut)
        }
        return answer.result ?? .failure(.connectionFailed("no answer"))
    }

    private static func reply(_ data: Data?, _ response: URLResponse?, _ error: Error?, limit: Int) -> Result<HTTPReply, TransportFailure> {
        if let error {
            let code = (error as NSError).code
            return .failure(code == NSURLErrorTimedOut ? .timedOut : .connectionFailed(describe(code)))
        }
        guard let http = response as? HTTPURLResponse else { return .failure(.connectionFailed("not HTTP")) }
        let body = data ?? Data()
        guard body.count <= limit else { return .failure(.answerTooLarge) }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name] = value }
        }
        return .success(HTTPReply(status: http.statusCode, headers: headers, body: body))
    }

    /// A short English reason for the helper's summary; never contains the token or a body.
    private static func describe(_ code: Int) -> String {
        switch code {
        case NSURLErrorCannotConnectToHost: return "connection refused"
        case NSURLErrorNetworkConnectionLost: return "connection reset"
        case NSURLErrorNotConnectedToInternet: return "no network"
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return "host not found"
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateUntrusted,
             NSURLErrorServerCertificateHasBadDate, NSURLErrorServerCertificateHasUnknownRoot: return "TLS failure"
        case NSURLErrorBadServerResponse: return "bad answer"
        default: return "network error \(code)"
        }
    }
}

/// The portal never redirects. A redirect comes from a captive Wi-Fi page or a proxy, and following
/// it could carry the device token somewhere else: the 3xx itself is the answer (not the portal).
private final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}

/// Carries the answer from URLSession's delegate queue to the waiting thread; the semaphore
/// orders the write before the read.
private final class AnswerBox: @unchecked Sendable {
    var result: Result<HTTPReply, TransportFailure>?
}
