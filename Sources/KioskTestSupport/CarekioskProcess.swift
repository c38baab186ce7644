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
    // Messages follow the locale variables: tests expect Chinese, whatever the machine's LANG.
    env["LC_ALL"] = "C.UTF-8"
    for (k, v) in environment { env[k] = v }
    p.environment = env
    return p
}

/// Runs `carekiosk` to the end, feeding `input`, or SIGKILLs it after `killAfter` seconds if it
/// still runs (one that ends sooner is not waited for longer). Input and output go through files,
/// so that no pipe can fill up and block it.
public func runCarekiosk(_ args: [String], input: String = "", environment: [String: String] = [:],
                         killAfter: TimeInterval? = nil) throws -> CarekioskRun {
    try runToEnd(carekioskProcess(args, environment: environment), input: input, killAfter: killAfter)
}

/// Runs any program the way `runCarekiosk` runs the kiosk (the install script, systemd-analyze).
public func runToEnd(_ p: Process, input: String = "", killAfter: TimeInterval? = nil) throws -> CarekioskRun {
    let files = ["in", "out", "err"].map {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("carekiosk-\($0)-\(UUID().uuidString)")
    }
    defer { for f in files { try? FileManager.default.removeItem(at: f) } }
    try Data(input.utf8).write(to: files[0])
    for f in files.dropFirst() { _ = FileManager.default.createFile(atPath: f.path, contents: nil) }
    p.standardInput = try FileHandle(forReadingFrom: files[0])
    p.standardOutput = try FileHandle(forWritingTo: files[1])
    p.standardError = try FileHandle(forWritingTo: files[2])
    try p.run()
    var killed = false
    if let killAfter {
        let deadline = Date().addingTimeInterval(killAfter)
        while p.isRunning, case let left = deadline.timeIntervalSinceNow, left > 0 { Thread.sleep(forTimeInterval: min(left, 0.001)) }
        killed = p.isRunning && kill(p.processIdentifier, SIGKILL) == 0
    }
    p.waitUntilExit()
    let text = files.dropFirst().map { (try? String(contentsOf: $0, encoding: .utf8)) ?? "" }
    return CarekioskRun(status: p.terminationStatus, killed: killed && p.terminationReason == .uncaughtSignal,
                        stdout: text[0], stderr: text[1])
}

/// A run of a program measured from outside: how long it took and the most memory it ever held.
public struct MeasuredRun {
    public var status: Int32
    public var seconds: Double
    /// Peak resident memory, in megabytes, as GNU time reports it (`%M`).
    public var peakMegabytes: Double
    public var stderr: String
}

/// Runs `carekiosk` with its input closed and measures it (`runMeasured`).
public func runCarekioskMeasured(_ args: [String], environment: [String: String] = [:]) throws -> MeasuredRun {
    var env = environment
    env["CAREKIOSK_HOME"] = env["CAREKIOSK_HOME"] ?? repoRoot.path
    env["TZ"] = env["TZ"] ?? "Asia/Shanghai"
    env["LC_ALL"] = env["LC_ALL"] ?? "C.UTF-8"
    return try runMeasured(carekioskBinary.path, args, environment: env)
}

/// Runs a program under GNU time with its input and output closed and returns its exit status,
/// wall time, peak memory and standard error. Not wait4's memory figure for a child spawned from
/// here: posix_spawn starts the child in the spawning process's memory (vfork), and the kernel
/// carries that high-water mark over the exec, so every program would measure at least the size of
/// the process that started it. GNU time forks from its own small process.
public func runMeasured(_ path: String, _ args: [String], environment: [String: String] = [:]) throws -> MeasuredRun {
    let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("measured-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("time"), err = folder.appendingPathComponent("stderr")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/time")
    p.arguments = ["-f", "%M", "-o", report.path, path] + args
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    p.standardInput = FileHandle.nullDevice
    p.standardOutput = FileHandle.nullDevice
    p.standardError = try FileHandle(forWritingTo: err)
    let start = Date()
    try p.run()
    p.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    let lines = ((try? String(contentsOf: report, encoding: .utf8)) ?? "").split(separator: "\n")
    guard let kilobytes = lines.last.flatMap({ Double($0) }) else { throw CocoaError(.executableLoad) }
    return MeasuredRun(status: p.terminationStatus, seconds: seconds, peakMegabytes: kilobytes / 1024,
                       stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
}

/// Starts `carekiosk` with a pipe to type into; standard output and error go to one new file in
/// `folder`, so that neither overwrites the other, and the test reads the screen from it.
public func startCarekiosk(_ args: [String], environment: [String: String] = [:], outputIn folder: URL) throws
    -> (process: Process, input: FileHandle, output: URL) {
    let out = folder.appendingPathComponent("stdout-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    let p = carekioskProcess(args, environment: ["XDG_CONFIG_HOME": folder.appendingPathComponent("no-config").path]
        .merging(environment) { $1 })
    let input = Pipe()
    p.standardInput = input
    let output = try FileHandle(forWritingTo: out)
    p.standardOutput = output
    p.standardError = output
    try p.run()
    return (p, input.fileHandleForWriting, out)
}

/// The kernel's names (`comm`: the program file's name, at most 15 bytes) of this process's
/// children, running or ended but not yet waited for. A program that posix_spawn or fork started is
/// among them as soon as the call returns, so a test knows at once whether a call started one.
public func childProgramNames() -> [String] {
    let me = getpid()
    return ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
        guard Int32(entry) != nil, let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
              let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")") else { return nil }
        // After the name: the state, then the parent's pid.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 1, Int32(fields[1]) == me else { return nil }
        return String(stat[stat.index(after: open)..<close])
    }
}
