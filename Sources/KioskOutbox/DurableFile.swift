import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written, in terms the resident's screen can explain.
public enum DurableWriteError: Error, Equatable, CustomStringConvertible {
    case diskFull(String)
    case notWritable(String)
    case failed(String, errno: Int32)

    public var description: String {
        switch self {
        case let .diskFull(path): return "\(path): no space left on the device"
        case let .notWritable(path): return "\(path): not writable"
        case let .failed(path, code): return "\(path): \(String(cString: strerror(code)))"
        }
    }

    static func from(_ code: Int32, _ path: String) -> DurableWriteError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(path)
        case EACCES, EPERM, EROFS: return .notWritable(path)
        default: return .failed(path, errno: code)
        }
    }
}

/// Crash-safe file writing: write to a temporary file in `tmp/`, fsync it, rename it into place,
/// fsync the folder. After a crash at any moment the target holds the whole old content or the
/// whole new one, never a part; a leftover temporary file is only ever in `tmp/`.
public enum DurableFile {
    /// `syncFolder: false` leaves the folder sync to the caller, who writes several files into
    /// one folder and syncs it once; until then a crash may lose the rename, never a part of the file.
    public static func write(_ data: Data, to target: URL, tmpFolder: URL, syncFolder shouldSyncFolder: Bool = true) throws(DurableWriteError) {
        let tmp = tmpFolder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).tmp")
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .from(errno, tmp.path) }
        var failure: DurableWriteError?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .from(errno, tmp.path)
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = .from(errno, tmp.path) }
        if close(fd) != 0, failure == nil { failure = .from(errno, tmp.path) }
        if failure == nil, rename(tmp.path, target.path) != 0 { failure = .from(errno, target.path) }
        if let failure {
            unlink(tmp.path)
            throw failure
        }
        guard shouldSyncFolder else { return }
        // The file is in place now. Reporting a failed folder sync as a failed save would make the
        // resident confirm again and create a second submission, so the sync is retried instead.
        for _ in 0..<3 {
            if (try? syncFolder(target.deletingLastPathComponent())) != nil { break }
        }
    }

    /// Makes a rename or unlink in `folder` survive a power cut.
    public static func syncFolder(_ folder: URL) throws(DurableWriteError) {
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .from(errno, folder.path) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw .from(errno, folder.path) }
    }

    /// Removes temporary files whose writer is no longer running (it was killed mid-write, so
    /// the file was never renamed into place and nobody confirmed it). Returns how many.
    @discardableResult
    public static func removeAbandonedTemporaryFiles(in tmpFolder: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmpFolder.path)) ?? []
        var removed = 0
        for name in names where name.hasSuffix(".tmp") {
            let parts = name.split(separator: ".")
            guard parts.count >= 3, let pid = pid_t(parts[parts.count - 2]) else { continue }
            if kill(pid, 0) != 0, errno == ESRCH, unlink(tmpFolder.appendingPathComponent(name).path) == 0 { removed += 1 }
        }
        if removed > 0 { try? syncFolder(tmpFolder) }
        return removed
    }

    /// Creates a folder (and its parents) readable by the kiosk's user only.
    public static func makeFolder(_ folder: URL) throws(DurableWriteError) {
        var path = ""
        for component in folder.standardizedFileURL.pathComponents {
            path = component == "/" ? "/" : (path.hasSuffix("/") ? path + component : path + "/" + component)
            if mkdir(path, 0o700) != 0, errno != EEXIST { throw .from(errno, path) }
        }
    }
}
