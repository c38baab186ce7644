import Foundation
import XCTest

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The `carekiosk` executable built beside this test bundle (or named by CAREKIOSK_BIN).
let carekioskBinary: URL = {
    if let bin = ProcessInfo.processInfo.environment["CAREKIOSK_BIN"] { return URL(fileURLWithPath: bin) }
    let testBundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
    return testBundle.deletingLastPathComponent().appendingPathComponent("carekiosk")
}()

struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `carekiosk` with the given arguments, feeding `input` on standard input.
func runCarekiosk(_ args: [String], input: String = "", environment: [String: String] = [:]) throws -> RunResult {
    let process = Process()
    process.executableURL = carekioskBinary
    process.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["CAREKIOSK_HOME"] = repoRoot.path
    env["TZ"] = "Asia/Shanghai"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    // Standard error goes to a file, so that neither stream can block the other.
    let errFile = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("carekiosk-stderr-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errFile) }
    let stdin = Pipe(), stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = try FileHandle(forWritingTo: errFile)
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let err = try Data(contentsOf: errFile)
    return RunResult(status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                     stderr: String(decoding: err, as: UTF8.self))
}

func temporaryFolder(_ name: String) -> URL {
    let url = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(name)-\(UUID().uuidString)")
    // Readable by this user only, as the kiosk demands of a data folder.
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return url
}
