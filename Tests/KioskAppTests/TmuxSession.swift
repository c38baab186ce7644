import Foundation
import XCTest
import KioskTestSupport

/// `carekiosk` in a real terminal: a tmux session on its own socket, driven by send-keys and
/// read with capture-pane, the way a resident's keypad and eyes would.
final class TmuxSession {
    let socket = "carekiosk-test-\(UUID().uuidString.prefix(8))"

    init(command: String, width: Int, height: Int) throws {
        try tmux(["new-session", "-d", "-s", "k", "-x", "\(width)", "-y", "\(height)",
                  "env LANG=C.UTF-8 LC_ALL=C.UTF-8 CAREKIOSK_HOME='\(repoRoot.path)' TZ=Asia/Shanghai \(command)"])
        // Keep the pane after the program ends, so its last screen can still be read.
        try tmux(["set-option", "-t", "k", "remain-on-exit", "on"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        // Output goes through a file, and the client is started with posix_spawn and waited for by
        // pid: the tmux server that the first call forks off would keep any pipe (and Foundation
        // Process's own exit-watching socket) open for ever.
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("\(socket)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        let argv = ["/usr/bin/tmux", "-L", socket, "-f", "/dev/null"] + args
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    }

    /// Named keys (Enter, Escape, F2, C-c) or, with `literally`, text typed as it is.
    func send(_ keys: String..., literally: Bool = false) throws {
        for key in keys { try tmux(["send-keys", "-t", "k"] + (literally ? ["-l", key] : [key])) }
        usleep(30_000)
    }

    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "k"]) }

    func resize(_ width: Int, _ height: Int) throws {
        try tmux(["resize-window", "-t", "k", "-x", "\(width)", "-y", "\(height)"])
        usleep(300_000)
    }

    func format(_ f: String) throws -> String {
        try tmux(["display-message", "-p", "-t", "k", f]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Waits until the screen shows `text`; fails with the screen as it was.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(100_000)
        }
        XCTFail("never showed \"\(text)\"; the screen was:\n\(last)", file: file, line: line)
        return last
    }

    /// A left click at a cell (0-based), sent as the terminal's own mouse report (X10 encoding).
    func click(row: Int, column: Int) throws {
        let x = Character(Unicode.Scalar(UInt8(33 + column)))
        let y = Character(Unicode.Scalar(UInt8(33 + row)))
        try send("\u{1B}[M \(x)\(y)", literally: true)
        try send("\u{1B}[M#\(x)\(y)", literally: true)
    }
}
