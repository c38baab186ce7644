import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The `carekiosk` executable built beside the test bundle (or named by CAREKIOSK_BIN), run as a
/// resident, a helper or CI would run it.
public let carekioskBinary: URL = {
    if let bin = ProcessInfo.processInfo.environment["CAREKIOSK_BIN"] { return URL(fileURLWithPath: bin) }
    return URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("carekiosk")
}()

public struct CarekioskRun {
    public var status: Int32
    /// Ended by the SIGKILL the test sent.
    public var killed: Bool
    public var stdout: String
    public var stderr: String
}

/// A `carekiosk` process with the repository's resources, China's time zone, and `environment` on top.
public func carekioskProcess(_ args: [String], environment: [String: String] = [:]) -> Process {
    let p = Process()
    p.executableURL = carekioskBinary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["CAREKIOSK_HOME"] = repoRoot.path
    env["TZ"] = "Asia/Shanghai"
    for (k, v) in environment { env[k] = v }
    p.environment = env
    return p
}

/// Runs `carekiosk` to the end, feeding `input`, or SIGKILLs it after `killAfter` seconds if it
/// still runs. Input and output go through files, so that no pipe can fill up and block it.
public func runCarekiosk(_ args: [String], input: String = "", environment: [String: String] = [:],
                         killAfter: TimeInterval? = nil) throws -> CarekioskRun {
    let files = ["in", "out", "err"].map {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("carekiosk-\($0)-\(UUID().uuidString)")
    }
    defer { for f in files { try? FileManager.default.removeItem(at: f) } }
    try Data(input.utf8).write(to: files[0])
    for f in files.dropFirst() { _ = FileManager.default.createFile(atPath: f.path, contents: nil) }
    let p = carekioskProcess(args, environment: environment)
    p.standardInput = try FileHandle(forReadingFrom: files[0])
    p.standardOutput = try FileHandle(forWritingTo: files[1])
    p.standardError = try FileHandle(forWritingTo: files[2])
    try p.run()
    var killed = false
    if let killAfter {
        Thread.sleep(forTimeInterval: killAfter)
        killed = p.isRunning && kill(p.processIdentifier, SIGKILL) == 0
    }
    p.waitUntilExit()
    let text = files.dropFirst().map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
    return CarekioskRun(status: p.terminationStatus, killed: killed && p.terminationReason == .uncaughtSignal,
                        stdout: text[0], stderr: text[1])
}
