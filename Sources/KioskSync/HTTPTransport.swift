import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends one HTTP request and waits for its answer. A protocol so that the sync logic can be
/// tested against a scripted portal as well as the reference one.
public protocol HTTPTransport: Sendable {
    /// `limit`: the largest answer body taken; a larger one is cut off as it arrives.
    func send(_ request: URLRequest, limit: Int) -> Result<HTTPReply, TransportFailure>
}

/// URLSession from FoundationNetworking, used synchronously: the sender runs on its own thread.
/// Every request has a timeout; nothing is cached; nothing is redirected; answers are counted as
/// they arrive and cut off over their limit, so a portal (or whatever pretends to be one) that
/// sends half a gigabyte costs the kiosk at most the limit.
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession
    private let collector: Collector
    private let timeout: TimeInterval

    public init(timeout: TimeInterval) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout * 2
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        collector = Collector()
        session = URLSession(configuration: configuration, delegate: collector, delegateQueue: nil)
        self.timeout = timeout
    }

    deinit { session.invalidateAndCancel() }

    public func send(_ request: URLRequest, limit: Int) -> Result<HTTPReply, TransportFailure> {
        let task = session.dataTask(with: request)
        let answer = collector.watch(task, limit: limit)
        task.resume()
        // URLSession's own timeouts are idle timers; this bounds the whole request.
        if answer.done.wait(timeout: .now() + timeout * 2 + 5) == .timedOut {
            task.cancel()
            collector.forget(task)
            return .failure(.timedOut)
        }
        collector.forget(task)
        return answer.result ?? .failure(.badAnswer)
    }
}

/// One request's answer as it arrives. Written on URLSession's delegate queue, read by the waiting
/// thread after `done` is signalled, which orders the writes before the read.
private final class Answer: @unchecked Sendable {
    let limit: Int
    let done = DispatchSemaphore(value: 0)
    var response: HTTPURLResponse?
    var body = Data()
    var tooLarge = false
    var result: Result<HTTPReply, TransportFailure>?

    init(limit: Int) { self.limit = limit }
}

/// The session's delegate: collects each task's bytes up to its limit, refuses redirects.
private final class Collector: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Int: Answer] = [:]

    func watch(_ task: URLSessionTask, limit: Int) -> Answer {
        let answer = Answer(limit: limit)
        lock.withLock { answers[task.taskIdentifier] = answer }
        return answer
    }

    func forget(_ task: URLSessionTask) { _ = lock.withLock { answers.removeValue(forKey: task.taskIdentifier) } }

    private func answer(_ task: URLSessionTask) -> Answer? { lock.withLock { answers[task.taskIdentifier] } }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        guard let answer = answer(dataTask) else { return completionHandler(.cancel) }
        answer.response = response as? HTTPURLResponse
        if response.expectedContentLength > Int64(answer.limit) {
            answer.tooLarge = true
            return completionHandler(.cancel)
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        guard let answer = answer(dataTask), !answer.tooLarge else { return }
        guard answer.body.count + data.count <= answer.limit else {
            answer.tooLarge = true
            answer.body = Data()
            dataTask.cancel()
            return
        }
        answer.body.append(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        guard let answer = answer(task) else { return }
        if answer.tooLarge {
            answer.result = .failure(.answerTooLarge(limit: answer.limit))
        } else if let error {
            answer.result = .failure(Self.failure(error as NSError))
        } else if let http = answer.response {
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                if let name = name as? String, let value = value as? String { headers[name] = value }
            }
            answer.result = .success(HTTPReply(status: http.statusCode, headers: headers, body: answer.body))
        } else {
            answer.result = .failure(.badAnswer)
        }
        answer.done.signal()
    }

    /// The portal never redirects. A redirect comes from a captive Wi-Fi page or a proxy, and following
    /// it could carry the device token somewhere else: the 3xx itself is the answer (not the portal).
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    /// Never carries the token or a body. On Linux, libcurl's TLS failures arrive as code -1 with
    /// curl's own words, which are looked at for what they are about.
    static func failure(_ error: NSError) -> TransportFailure {
        switch error.code {
        case NSURLErrorTimedOut: return .timedOut
        case NSURLErrorCannotConnectToHost: return .refused
        case NSURLErrorNetworkConnectionLost: return .reset
        case NSURLErrorNotConnectedToInternet: return .noNetwork
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed: return .hostNotFound
        case NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasBadDate,
             NSURLErrorServerCertificateHasUnknownRoot, NSURLErrorServerCertificateNotYetValid: return .certificateNotTrusted
        case NSURLErrorSecureConnectionFailed: return .tls
        case NSURLErrorBadServerResponse: return .badAnswer
        default:
            let words = error.localizedDescription.lowercased()
            if words.contains("certificate") || words.contains("ssl peer") || words.contains("issuer") { return .certificateNotTrusted }
            if words.contains("ssl") || words.contains("tls") { return .tls }
            return .other(code: error.code)
        }
    }
}
