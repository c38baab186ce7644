import Foundation
import KioskCore
import KioskCrypto
#if canImport(Glibc)
import Glibc
#endif

/// The audit trail: append-only JSON lines, each carrying the SHA-256 of the line before it, so
/// that editing or removing a line breaks the chain from there on. It records who did what and
/// when; nothing personal beyond a masked identity number.
public struct AuditLog: Sendable {
    public let file: URL
    static let genesis = String(repeating: "0", count: 64)

    public init(data: DataFolder) { file = data.root.appendingPathComponent("audit.jsonl") }

    /// What happened. The names are stable: the township reads them.
    public enum Event: String, Sendable {
        case login, logout, failedPIN = "failed_pin", lockout, consent
        case submissionConfirmed = "submission_confirmed", withdrawn, sent, quarantined, exported
        case receiptsImported = "receipts_imported", helpCall = "help_call"
    }

    public struct Entry: Sendable {
        public var event: Event
        public var details: [(String, JSONValue)]

        public init(_ event: Event, _ details: [(String, JSONValue)] = []) {
            self.event = event
            self.details = details
        }
    }

    /// Appends one line, made durable. Processes that share the data folder take turns.
    public func append(_ event: Event, at moment: Moment, _ details: [(String, JSONValue)] = []) throws(DurableWriteError) {
        try append([Entry(event, details)], at: moment)
    }

    /// Appends several lines with one write and one fsync (a whole request's items).
    public func append(_ entries: [Entry], at moment: Moment) throws(DurableWriteError) {
        guard !entries.isEmpty else { return }
        let fd = open(file.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .from(errno, file.path) }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        dropTornLine(fd)
        var previous = lastLine(fd).map { SHA256.hex($0) } ?? AuditLog.genesis
        var out = Data()
        for entry in entries {
            let line = JSONValue.object([("at", .string(moment.rfc3339)), ("event", .string(entry.event.rawValue))]
                + entry.details + [("prev", .string(previous))]).encodedData()
            previous = SHA256.hex(line)
            out.append(line)
            out.append(0x0A)
        }
        let written = out.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == out.count else { throw .from(written < 0 ? errno : EIO, file.path) }
        guard fsync(fd) == 0 else { throw .from(errno, file.path) }
    }

    /// A crash in the middle of a write leaves a line without its newline: that event never
    /// happened durably, so it is cut off rather than chained to.
    private func dropTornLine(_ fd: Int32) {
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return }
        var last: UInt8 = 0
        guard pread(fd, &last, 1, size - 1) == 1, last != 0x0A else { return }
        var end = Int(size) - 1
        var byte: UInt8 = 0
        while end > 0, pread(fd, &byte, 1, off_t(end - 1)) == 1, byte != 0x0A { end -= 1 }
        _ = ftruncate(fd, off_t(end))
    }

    /// The last complete line, read backwards from the end so the log can grow without limit.
    private func lastLine(_ fd: Int32) -> Data? {
        let size = lseek(fd, 0, SEEK_END)
        guard size > 0 else { return nil }
        var chunk = 4096
        while true {
            let start = max(0, Int(size) - chunk)
            var buffer = [UInt8](repeating: 0, count: Int(size) - start)
            let n = pread(fd, &buffer, buffer.count, off_t(start))
            guard n == buffer.count else { return nil }
            let body = buffer.last == 0x0A ? buffer.dropLast() : buffer[...]
            if let newline = body.lastIndex(of: 0x0A) { return Data(body[(newline + 1)...]) }
            if start == 0 { return Data(body) }
            chunk *= 4
        }
    }

    /// Why the chain is broken, at the first line that does not follow from the one before.
    public enum Break: Equatable, Sendable {
        case notJSON(line: Int)
        case chainBroken(line: Int)
    }

    public struct Verified: Equatable, Sendable {
        public var lines: Int
        public var firstBreak: Break?
    }

    public func verify() -> Verified {
        guard let data = FileManager.default.contents(atPath: file.path) else { return Verified(lines: 0) }
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var expected = AuditLog.genesis
        for (index, line) in lines.enumerated() {
            guard let json = try? JSONValue.parse(Data(line)), let prev = json["prev"]?.stringValue else {
                return Verified(lines: lines.count, firstBreak: .notJSON(line: index + 1))
            }
            guard prev == expected else { return Verified(lines: lines.count, firstBreak: .chainBroken(line: index + 1)) }
            expected = SHA256.hex(Data(line))
        }
        return Verified(lines: lines.count)
    }
}
