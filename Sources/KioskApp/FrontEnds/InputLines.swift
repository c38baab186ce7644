import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lines from a file descriptor (standard input in plain mode) in bounded memory: a line longer
/// than `longest` bytes is cut there (the rest up to its newline is skipped), so a flood without a
/// newline costs nothing. The wizard then refuses the cut line as too long. `fill` reads what is
/// there (call it when `poll` says so); `takeLine` gives complete lines.
public final class InputLines {
    let fd: Int32
    private let longest: Int
    private var buffer: [UInt8] = []
    private var skipping = false
    public private(set) var ended = false

    public init(fd: Int32 = STDIN_FILENO, longest: Int = 64 << 10) {
        self.fd = fd
        self.longest = longest
    }

    /// Reads once; at the end of input (or an error) `ended` becomes true.
    public func fill() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = read(fd, &chunk, chunk.count)
        if n < 0, errno == EINTR || errno == EAGAIN { return }
        if n <= 0 { ended = true } else { buffer += chunk[..<n] }
    }

    /// The next complete line without its newline (at the end of input, the last line without one).
    public func takeLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[..<newline]
                buffer.removeSubrange(...newline)
                if skipping { skipping = false; continue }
                return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
            if skipping {
                buffer.removeAll()
            } else if buffer.count > longest {
                let line = String(decoding: buffer.prefix(longest), as: UTF8.self)
                buffer.removeAll()
                skipping = true
                return line
            }
            guard ended, !buffer.isEmpty, !skipping else { return nil }
            defer { buffer.removeAll() }
            return String(decoding: buffer, as: UTF8.self)
        }
    }
}
