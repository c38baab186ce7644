import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starts other programs without Foundation's Process (whose watcher thread and pipes a
/// long-running kiosk does not need): posix_spawn, and a pipe read with a deadline.
enum ChildProcess {
    /// Starts `path` with `arguments`, its output to /dev/null; the pid, or nil.
    static func start(_ path: String, _ arguments: [String]) -> pid_t? {
        spawn(path, arguments, output: nil)
    }

    /// Runs `path` to its end and returns what it wrote to standard output (at most `limit`
    /// bytes), or nil when it did not finish within `timeout` seconds (it is killed then).
    static func output(_ path: String, _ arguments: [String], timeout: TimeInterval, limit: Int = 1 << 20) -> Data? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        guard let pid = spawn(path, arguments, output: fds[1]) else {
            close(fds[0]); close(fds[1])
            return nil
        }
        close(fds[1])
        defer { close(fds[0]) }
        var out = Data()
        let deadline = Date().addingTimeInterval(timeout)
        var finished = false
        while Date() < deadline {
            var poller = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, min(1000, deadline.timeIntervalSinceNow * 1000))))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 16 << 10)
            let n = read(fds[0], &chunk, chunk.count)
            if n <= 0 { finished = true; break }
            if out.count + n <= limit { out.append(contentsOf: chunk[..<n]) }
        }
        if !finished { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return finished ? out : nil
    }

    /// Whether a child started by `start` has ended (and collects it).
    static func hasEnded(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == pid
    }

    private static func spawn(_ path: String, _ arguments: [String], output: Int32?) -> pid_t? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let output { posix_spawn_file_actions_adddup2(&actions, output, 1) } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, path, &actions, nil, argv, environ) == 0 else { return nil }
        return pid
    }
}
