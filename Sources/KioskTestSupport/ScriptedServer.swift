import Foundation

/// A small HTTP(S) server written in Python for one test, for answers the reference portal does
/// not give (redirects, endless bodies, a self-signed certificate). The script prints the URL it
/// listens on as its first line; the server is stopped when the value goes away.
public final class ScriptedServer {
    public let url: URL
    private let process: Process

    public enum Failure: Error { case didNotStart }

    public init(script: String, arguments: [String] = []) throws {
        let (process, line) = try Self.python(["-c", script] + arguments)
        self.process = process
        guard let url = URL(string: line) else { throw Failure.didNotStart }
        self.url = url
    }

    /// Starts `python3 ARGS` and waits for the first line it prints (where it listens).
    static func python(_ args: [String]) throws -> (Process, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(0x0A) {
            let chunk = out.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw Failure.didNotStart }
            line.append(chunk)
        }
        return (process, String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}
