import Foundation
import KioskCore
import CKioskSystem
#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be written, in terms the resident's screen can explain.
public enum DurableWriteError: Error, Equatable, CustomStringConvertible {
    case diskFull(String)
    case notWritable(String)
    /// A read-only file system (a stick with its lock switch on, a disk the kernel made read-only after errors).
    case readOnly(String)
    /// The target exists and was not to be replaced (a new file on a USB stick).
    case exists(String)
    case failed(String, errno: Int32)

    /// For logs and tests only; people are told `message(_:)`.
    public var description: String {
        switch self {
        case let .diskFull(path): return "\(path): no space left on the device"
        case let .notWritable(path): return "\(path): not writable"
        case let .readOnly(path): return "\(path): read-only file system"
        case let .exists(path): return "\(path): exists"
        case let .failed(path, code): return "\(path): \(String(cString: strerror(code)))"
        }
    }

    public var path: String {
        switch self {
        case let .diskFull(p), let .notWritable(p), let .readOnly(p), let .exists(p), let .failed(p, _): return p
        }
    }

    /// The file and what went wrong, in the user's language.
    public func message(_ s: Strings) -> String {
        let reason: String
        switch self {
        case .diskFull: reason = s.tr(.errnoDiskFull)
        case .notWritable: reason = s.tr(.errnoPermission)
        case .readOnly: reason = s.tr(.errnoReadOnly)
        case .exists: reason = s.tr(.errnoExists)
        case let .failed(_, code): reason = SystemError.describe(code, s)
        }
        return s.tr(.fileWriteFailed(file: path, reason: reason))
    }

    static func from(_ code: Int32, _ path: String) -> DurableWriteError {
        switch code {
        case ENOSPC, EDQUOT: return .diskFull(path)
        case EACCES, EPERM: return .notWritable(path)
        case EROFS: return .readOnly(path)
        case EEXIST: return .exists(path)
        default: return .failed(path, errno: code)
        }
    }
}

/// Crash-safe file writing: write to a temporary file in `tmp/`, fsync it, rename it into place,
/// fsync the folder. After a crash at any moment the target holds the whole old content or the
/// whole new one, never a part; a leftover temporary file is only ever in `tmp/`.
///
/// The temporary file has a name nobody can guess and is created with `O_EXCL | O_NOFOLLOW`, so a
/// file or symlink planted in the folder (a USB stick is anybody's) is never written through.
/// The rename replaces a name, never follows it.
public enum DurableFile {
    /// `syncFolder: false` leaves the folder sync to the caller, who writes several files into
    /// one folder and syncs it once; until then a crash may lose the rename, never a part of the file.
    /// `replacing: false` fails with `.exists` rather than replace whatever is at `target`.
    public static func write(_ data: Data, to target: URL, tmpFolder: URL, syncFolder shouldSyncFolder: Bool = true,
                             replacing: Bool = true) throws(DurableWriteError) {
        let (fd, tmp) = try createTemporary(for: target, in: tmpFolder)
        var failure = (SimulatedFaults.takeWriteFailure(refusing: data) ?? writeAll(data, to: fd)).map { DurableWriteError.from($0, tmp.path) }
        if failure == nil, fsync(fd) != 0 { failure = .from(errno, tmp.path) }
        if close(fd) != 0, failure == nil { failure = .from(errno, tmp.path) }
        if failure == nil { failure = place(tmp, at: target, replacing: replacing) }
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

    /// Writes every byte, or returns the errno that stopped it.
    private static func writeAll(_ data: Data, to fd: Int32) -> Int32? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += n
            }
            return nil
        }
    }

    /// `.NAME.PID.RANDOM.tmp`: the pid lets a later run remove what a killed writer left; the
    /// random part makes the name unguessable.
    private static func createTemporary(for target: URL, in folder: URL) throws(DurableWriteError) -> (Int32, URL) {
        for _ in 0..<8 {
            let random = (0..<2).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
            let tmp = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(random).tmp")
            let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (fd, tmp) }
            if errno != EEXIST { throw .from(errno, tmp.path) }
        }
        throw .exists(folder.path)
    }

    private static func place(_ tmp: URL, at target: URL, replacing: Bool) -> DurableWriteError? {
        if replacing { return rename(tmp.path, target.path) == 0 ? nil : .from(errno, target.path) }
        if kiosk_rename_noreplace(tmp.path, target.path) == 0 { return nil }
        guard errno == EINVAL || errno == ENOSYS else { return .from(errno, target.path) }
        // A file system without RENAME_NOREPLACE (some USB sticks' drivers): look, then rename.
        var info = stat()
        if lstat(target.path, &info) == 0 { return .exists(target.path) }
        return rename(tmp.path, target.path) == 0 ? nil : .from(errno, target.path)
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
    /// `prefix` limits it to the kiosk's own names (on a USB stick that others use too).
    @discardableResult
    public static func removeAbandonedTemporaryFiles(in tmpFolder: URL, prefix: String = ".") -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: tmpFolder.path)) ?? []
        var removed = 0
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(".tmp") {
            let parts = name.split(separator: ".")
            guard parts.count >= 4, ProcessCheck.hasEnded(parts[parts.count - 3]) else { continue }
            if unlink(tmpFolder.appendingPathComponent(name).path) == 0 { removed += 1 }
        }
        if removed > 0 { try? syncFolder(tmpFolder) }
        return removed
    }

    /// Creates a folder (and its parents) readable by the kiosk's user only. One system call when
    /// it is there already, which is nearly always.
    public static func makeFolder(_ folder: URL) throws(DurableWriteError) {
        let path = folder.standardizedFileURL.path
        if mkdir(path, 0o700) == 0 || errno == EEXIST { return }
        guard errno == ENOENT else { throw .from(errno, path) }
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        guard parent.path != path else { throw .from(ENOENT, path) }
        try makeFolder(parent)
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw .from(errno, path) }
    }
}

/// Whether the process that wrote a leftover file is gone, from the pid in its name.
public enum ProcessCheck {
    public static func hasEnded(_ pidText: Substring) -> Bool {
        guard let pid = pid_t(pidText), pid > 0 else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}

/// Faults that tests make happen (swift-system's way: a seam in debug builds only), for what
/// cannot be arranged from outside without root: a disk that fills up under the next write.
enum SimulatedFaults {
    #if DEBUG
    nonisolated(unsafe) private static var failures: [Int32] = []
    nonisolated(unsafe) private static var refused: [Data] = []
    private static let lock = NSLock()

    /// The next `count` durable writes fail with `code` (ENOSPC: the disk is full), after
    /// `passing` writes that go through (a confirmed submission's audit intent comes first).
    static func failNextWrites(_ count: Int, with code: Int32 = ENOSPC, after passing: Int = 0) {
        lock.withLock { failures = Array(repeating: 0, count: passing) + Array(repeating: code, count: count); refused = [] }
    }

    /// The bytes of each write failed on purpose since `failNextWrites`, so that a test can
    /// compare what a retry writes with what the first attempt tried to write.
    static var refusedWrites: [Data] { lock.withLock { refused } }

    static func takeWriteFailure(refusing data: Data) -> Int32? {
        lock.withLock {
            guard !failures.isEmpty else { return nil }
            let code = failures.removeFirst()
            guard code != 0 else { return nil }
            refused.append(data)
            return code
        }
    }

    nonisolated(unsafe) private static var auditFailures = 0

    /// The next `count` appends to the audit trail fail as on a full disk; the queue's writes do not.
    static func failNextAuditAppends(_ count: Int) { lock.withLock { auditFailures = count } }

    static func takeAuditFailure() -> Int32? {
        lock.withLock {
            guard auditFailures > 0 else { return nil }
            auditFailures -= 1
            return ENOSPC
        }
    }
    #else
    static func takeWriteFailure(refusing data: Data) -> Int32? { nil }
    static func takeAuditFailure() -> Int32? { nil }
    #endif
}
