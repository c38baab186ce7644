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

/// A run of `carekiosk` measured from outside: how long it took and the most memory it ever held.
public struct MeasuredRun {
    public var status: Int32
    public var seconds: Double
    /// Peak resident memory (`ru_maxrss`), in megabytes.
    public var peakMegabytes: Double
    public var stderr: String
}

/// Runs `carekiosk` with posix_spawn and collects it with wait4, which reports its peak memory.
public func runCarekioskMeasured(_ args: [String], environment: [String: String] = [:]) throws -> MeasuredRun {
    let err = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("carekiosk-err-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: err) }
    var env = ProcessInfo.processInfo.environment
    env["CAREKIOSK_HOME"] = repoRoot.path
    env["TZ"] = "Asia/Shanghai"
    for (k, v) in environment { env[k] = v }
    let argv = ([carekioskBinary.path] + args).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + envp).forEach { free($0) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, err.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    var pid: pid_t = 0
    let start = Date()
    guard posix_spawn(&pid, carekioskBinary.path, &actions, nil, argv, envp) == 0 else { throw CocoaError(.executableLoad) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let seconds = Date().timeIntervalSince(start)
    let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return MeasuredRun(status: exit, seconds: seconds, peakMegabytes: Double(usage.ru_maxrss) / 1024,
                       stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
}
