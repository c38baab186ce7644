import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Lines from a file descriptor (standard input in plain mode) in bounded memory: a line longer
/// than `longest` bytes is cut there (the rest up to its newline is skipped), so a flood without a
/// newline costs nothing. The wizard then refuses the cut line as too long.
public final class InputLines {
    private let fd: Int32
    private let longest: Int
    private var buffer: [UInt8] = []
    private var skipping = false
    private var ended = false

    public init(fd: Int32 = STDIN_FILENO, longest: Int = 64 << 10) {
        self.fd = fd
        self.longest = longest
    }

    /// The next line without its newline; nil at the end of input (or when a signal interrupts).
    public func next() -> String? {
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
            if ended {
                guard !buffer.isEmpty, !skipping else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { ended = true } else { buffer += chunk[..<n] }
        }
    }
}
