import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The project's reference portal (`portal/reference_portal.py`) on 127.0.0.1 for one test:
/// started on a free port with its own database and token, stopped when the test ends.
public final class ReferencePortal {
    public let url: URL
    public let tokenFile: URL
    public let folder: URL
    private let process: Process

    /// `privateKey` (64 hex characters) and `keyID`: the portal opens sealed submissions and
    /// refuses those that do not open (`--private-key-file`, `--key-id`).
    public init(catalog: URL? = repoRoot.appendingPathComponent("catalog/default.json"),
                privateKey: String? = nil, keyID: String? = nil) throws {
        folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("portal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        tokenFile = folder.appendingPathComponent("token")
        try Data("test-device-token-\(UUID().uuidString)\n".utf8).write(to: tokenFile)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile.path)
        var args = [repoRoot.appendingPathComponent("portal/reference_portal.py").path,
                    "--db", folder.appendingPathComponent("portal.db").path, "--token-file", tokenFile.path, "--port", "0"]
        if let catalog { args += ["--catalog", catalog.path] }
        if let privateKey {
            let keyFile = folder.appendingPathComponent("portal.key")
            try Data(privateKey.utf8).write(to: keyFile)
            args += ["--private-key-file", keyFile.path]
            if let keyID { args += ["--key-id", keyID] }
        }
        let (process, text) = try ScriptedServer.python(args)
        self.process = process
        guard text.hasPrefix("listening "), let url = URL(string: String(text.dropFirst(10))) else { throw PortalError.didNotStart }
        self.url = url
    }

    public enum PortalError: Error { case didNotStart, badAnswer(String) }

    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: folder)
    }

    deinit { stop() }

    /// Sets the fault rules (see portal/README.md), e.g. `[["fault": "503", "count": 2]]`.
    public func faults(_ rules: [[String: Any]]) throws {
        _ = try control("POST", "/_control/faults", body: rules)
    }

    /// Every stored submission, as the portal's database holds it (`opened`: the body inside a
    /// sealed one, when the portal has the key).
    public func storedSubmissions() throws -> [[String: Any]] {
        try control("GET", "/_control/submissions")["submissions"] as? [[String: Any]] ?? []
    }

    public func stored(_ path: String, key: String? = nil) throws -> [[String: Any]] {
        try control("GET", "/_control/\(path)")[key ?? path] as? [[String: Any]] ?? []
    }

    public func stats() throws -> [String: Any] { try control("GET", "/_control/stats") }

    @discardableResult
    public func control(_ method: String, _ path: String, body: Any? = nil) throws -> [String: Any] {
        var request = URLRequest(url: url.appendingPathComponent(String(path.dropFirst())), timeoutInterval: 30)
        request.httpMethod = method
        if let body { request.httpBody = try JSONSerialization.data(withJSONObject: body) }
        let done = DispatchSemaphore(value: 0)
        let box = Box()
        URLSession.shared.dataTask(with: request) { data, _, error in
            box.data = data
            box.error = error
            done.signal()
        }.resume()
        done.wait()
        guard let data = box.data, let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PortalError.badAnswer("\(path): \(box.error.map { "\($0)" } ?? "not JSON")")
        }
        return json
    }
}

private final class Box: @unchecked Sendable {
    var data: Data?
    var error: Error?
}
