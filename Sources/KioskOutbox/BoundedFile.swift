import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads a file that may come from outside the kiosk (a USB stick, a download, a queue file that
/// a crash or a person damaged) with its size limit applied while the bytes arrive: a huge file,
/// a device such as `/dev/zero` or a FIFO costs at most `limit` bytes of memory and never hangs.
public enum BoundedFile {
    public enum Failure: Error, Equatable, Sendable {
        case missing(String)
        /// A folder, a device, a FIFO or a socket where a file was expected.
        case notAFile(String)
        case tooLarge(String, limit: Int)
        case unreadable(String, errno: Int32)
    }

    public static func read(_ url: URL, limit: Int) throws(Failure) -> Data {
        let path = url.path
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else { throw errno == ENOENT ? .missing(path) : .unreadable(path, errno: errno) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .notAFile(path) }
        guard Int(info.st_size) <= limit else { throw .tooLarge(path, limit: limit) }
        // The size can change (or lie, in /proc) between fstat and read: the limit holds on what is read.
        var data = Data(count: min(Int(info.st_size), limit) + 1)
        var filled = 0
        while true {
            if filled == data.count {
                guard filled <= limit else { throw .tooLarge(path, limit: limit) }
                data.count = min(max(data.count * 2, 4096), limit + 1)
            }
            let n = data.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path, errno: errno)
            }
            if n == 0 { break }
            filled += n
        }
        guard filled <= limit else { throw .tooLarge(path, limit: limit) }
        data.count = filled
        return data
    }

    /// `16 MB`, `64 KB`: how limits are said to people.
    public static func describe(bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MB" : bytes >= 1 << 10 ? "\(bytes >> 10) KB" : "\(bytes) B"
    }
}

extension BoundedFile.Failure {
    public var path: String {
        switch self {
        case let .missing(p), let .notAFile(p), let .tooLarge(p, _), let .unreadable(p, _): return p
        }
    }

    /// What is wrong with the file, in the user's language, naming the file.
    public func message(_ s: Strings) -> String {
        switch self {
        case let .missing(path): return s.tr(.fileMissing(file: path))
        case let .notAFile(path): return s.tr(.fileNotAFile(file: path))
        case let .tooLarge(path, limit): return s.tr(.fileTooLarge(file: path, limit: BoundedFile.describe(bytes: limit)))
        case let .unreadable(path, code): return s.tr(.fileUnreadable(file: path, reason: SystemError.describe(code, s)))
        }
    }
}

/// An errno in words a helper can act on.
public enum SystemError {
    public static func describe(_ code: Int32, _ s: Strings) -> String {
        switch code {
        case EACCES, EPERM: return s.tr(.errnoPermission)
        case EROFS: return s.tr(.errnoReadOnly)
        case ENOSPC, EDQUOT: return s.tr(.errnoDiskFull)
        case ENOENT: return s.tr(.errnoMissing)
        case EIO: return s.tr(.errnoIo)
        case ELOOP: return s.tr(.errnoSymlink)
        case EEXIST: return s.tr(.errnoExists)
        default: return s.tr(.errnoOther(code: "\(code)"))
        }
    }
}
