import Foundation
import KioskCore
import KioskCrypto
#if canImport(Glibc)
import Glibc
#endif

/// The audit trail: append-only JSON lines, each carrying the SHA-256 of the line before it, so
/// that editing or removing a line breaks the chain from there on. It records who did what and
/// when; nothing personal beyond a masked identity number.
///
/// It cannot quietly shrink: its first line is a genesis line (kiosk id, creation time), a line
/// torn by a crash is kept and followed by a line that records the tear, and `verify` compares the
/// trail with the queue, which cannot have sent items the trail never heard of.
public struct AuditLog: Sendable {
    public let file: URL
    let data: DataFolder
    static let zeroHash = String(repeating: "0", count: 64)
    /// A line longer than this is not one the kiosk wrote.
    static let longestLine = 64 << 10

    public init(data: DataFolder) {
        self.data = data
        file = data.root.appendingPathComponent("audit.jsonl")
    }

    /// What happened. The names are stable: the township reads them.
    public enum Event: String, Sendable {
        case genesis, tornLine = "torn_line"
        case login, logout, failedPIN = "failed_pin", lockout, consent
        case submissionConfirmed = "submission_confirmed", withdrawn, sent, quarantined, exported, damaged
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

    /// Writes the genesis line of a new data folder. A trail that is missing while the queue has
    /// items is not started again: `verify` then says it is missing its beginning.
    func start(kioskID: String, at moment: Moment, queueIsEmpty: Bool) throws(DurableWriteError) {
        var info = stat()
        guard stat(file.path, &info) != 0, errno == ENOENT, queueIsEmpty else { return }
        try append([Entry(.genesis, [("kiosk_id", .string(kioskID))])], at: moment)
    }

    /// Appends one line, made durable. Processes that share the data folder take turns.
    public func append(_ event: Event, at moment: Moment, _ details: [(String, JSONValue)] = []) throws(DurableWriteError) {
        try append([Entry(event, details)], at: moment)
    }

    /// Appends several lines with one write and one fsync (a whole request's items), after the
    /// lines still pending from earlier (`PendingAudit`) that may be settled now.
    public func append(_ entries: [Entry], at moment: Moment) throws(DurableWriteError) {
        try write(entries, at: moment, settling: [])
    }

    var pending: PendingAudit { PendingAudit(data: data) }

    /// Lines waiting beside the trail for the next append, and pending files that cannot be read.
    public var waitingLines: Int { pending.groups().groups.reduce(0) { $0 + $1.entries.count } }
    public var unreadablePendingFiles: Int { pending.groups().unreadable }
    public var pendingFolder: URL { pending.folder }

    /// Writes what waits beside the trail from changes that were made (at a start, say).
    public func settlePending(at moment: Moment) {
        DurableFile.removeAbandonedTemporaryFiles(in: pending.tmpFolder)
        try? write([], at: moment, settling: [])
    }

    /// Keeps the lines of a change about to be made, before it is made; `afterChange` with what
    /// this returns writes them into the trail. Throws when even that cannot be written: then the
    /// change must not be made either.
    public func beforeChange(_ entries: [Entry], at moment: Moment) throws(DurableWriteError) -> PendingChange {
        PendingChange(file: try pending.keep(entries, .intent, at: moment))
    }

    /// A change announced with `beforeChange`.
    public struct PendingChange: Sendable {
        let file: URL
    }

    /// The change was made, or failed: its lines go into the trail if it was made. False when the
    /// trail could not be written now: they wait beside it for the next append.
    @discardableResult
    public func afterChange(_ change: PendingChange, at moment: Moment) -> Bool {
        defer { pending.settled(change.file) }
        return (try? write([], at: moment, settling: [change.file])) != nil
    }

    /// Appends lines that describe what already happened; when the trail cannot be written they
    /// wait beside it (`PendingAudit`) for the next append. False when they are waiting, or lost
    /// because not even that could be written (the caller says so).
    @discardableResult
    public func record(_ entries: [Entry], at moment: Moment) -> Bool {
        do throws(DurableWriteError) {
            try append(entries, at: moment)
            return true
        } catch {
            _ = try? pending.keep(entries, .unwritten, at: moment)
            return false
        }
    }

    private func write(_ entries: [Entry], at moment: Moment, settling: [URL]) throws(DurableWriteError) {
        // Nothing to write and nothing waiting: the trail is not even opened (nor created).
        if entries.isEmpty, pending.names.isEmpty { return }
        let fd = open(file.path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .from(errno, file.path) }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        // Read while holding the trail's lock, so that two processes never write one group twice.
        let groups = pending.groups().groups.filter { $0.settledByAnyone || settling.contains($0.file) }
        var all: [Entry] = []
        for group in groups {
            // The caller's own change, settled right after it was made, is on time; any other is late.
            let onTime = settling.contains(group.file)
            for entry in group.entries where pending.tookEffect(entry) {
                all.append(onTime ? entry : Entry(entry.event, entry.details + [("happened_at", .string(group.at)), ("recorded_late", .bool(true))]))
            }
        }
        all += entries
        guard !all.isEmpty || !groups.isEmpty else { return }
        var out = Data()
        var previous = AuditLog.zeroHash
        if let (last, torn) = lastLine(fd) {
            previous = SHA256.hex(last)
            if torn {
                // A crash cut the last line. It stays; a line saying so is chained to it.
                out.append(0x0A)
                all.insert(Entry(.tornLine, [("bytes", .number(Double(last.count)))]), at: 0)
            }
        }
        for entry in all {
            let line = JSONValue.object([("at", .string(moment.rfc3339)), ("event", .string(entry.event.rawValue))]
                + entry.details + [("prev", .string(previous))]).encodedData()
            previous = SHA256.hex(line)
            out.append(line)
            out.append(0x0A)
        }
        if let code = SimulatedFaults.takeAuditFailure() { throw .from(code, file.path) }
        let written = out.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        guard written == out.count else { throw .from(written < 0 ? errno : EIO, file.path) }
        guard fsync(fd) == 0 else { throw .from(errno, file.path) }
        pending.remove(groups.map(\.file))
    }

    /// The last line, whole (`torn` false) or cut short by a crash (no newline after it), read
    /// backwards from the end so that the trail can grow without limit.
    private func lastLine(_ fd: Int32) -> (Data, torn: Bool)? {
        let size = Int(lseek(fd, 0, SEEK_END))
        guard size > 0 else { return nil }
        var chunk = 4096
        while true {
            let start = max(0, size - chunk)
            var buffer = [UInt8](repeating: 0, count: size - start)
            guard pread(fd, &buffer, buffer.count, off_t(start)) == buffer.count else { return nil }
            let torn = buffer.last != 0x0A
            let body = torn ? buffer[...] : buffer.dropLast()
            if let newline = body.lastIndex(of: 0x0A) { return (Data(body[(newline + 1)...]), torn) }
            if start == 0 { return (Data(body), torn) }
            chunk *= 4
        }
    }

    // MARK: - verifying

    /// Why the trail cannot be trusted, at the first place it goes wrong.
    public enum Break: Equatable, Sendable {
        /// No trail at all, or an empty file, although the kiosk has been used.
        case missing
        case empty
        /// The first line is not a genesis line: the beginning was cut off or the file replaced.
        case noGenesis
        case notJSON(line: Int)
        case chainBroken(line: Int)
        /// The last line was cut short by a crash and nothing has been written since.
        case tornEnd(line: Int)
        /// Items in the queue that the trail never mentions, and no pending line for them: lines
        /// lost to a crash of an older version, or cut off the trail's end. The items are there.
        case missingHistory(items: Int)
        /// Confirmed submissions that are neither here, sent, nor withdrawn: their files were removed.
        case itemsRemoved(items: Int)
    }

    public struct Verified: Equatable, Sendable {
        public var lines: Int
        public var firstBreak: Break?
        /// Lines torn by a crash and recorded by the line after them: reported, not a break.
        public var tornLines: [Int] = []
        /// Lines waiting beside the trail (`PendingAudit`) for the next append: reported, not a break.
        public var pendingLines = 0
    }

    public func verify() -> Verified {
        let fd = open(file.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return Verified(lines: 0, firstBreak: queueHistory().isEmpty ? .empty : .missing) }
        defer { close(fd) }
        var reader = LineReader(fd: fd, longest: AuditLog.longestLine)
        var result = Verified(lines: 0)
        var expected = AuditLog.zeroHash
        var pendingTear: (line: Int, hash: String)?
        var mentioned: Set<String> = []
        while let (line, complete) = reader.next() {
            result.lines += 1
            let number = result.lines
            guard complete else {
                // Only the very last line can be without its newline.
                result.firstBreak = .tornEnd(line: number)
                return result
            }
            guard let json = try? JSONValue.parse(line), let prev = json["prev"]?.stringValue, let event = json["event"]?.stringValue else {
                if pendingTear == nil, line.count <= AuditLog.longestLine {
                    pendingTear = (number, SHA256.hex(line))
                    continue
                }
                result.firstBreak = .notJSON(line: pendingTear?.line ?? number)
                return result
            }
            if let tear = pendingTear {
                // The line after a line that does not parse must say it records that tear.
                guard event == Event.tornLine.rawValue, prev == tear.hash else {
                    result.firstBreak = .notJSON(line: tear.line)
                    return result
                }
                result.tornLines.append(tear.line)
                pendingTear = nil
            } else if prev != expected {
                result.firstBreak = .chainBroken(line: number)
                return result
            }
            if number == 1, event != Event.genesis.rawValue {
                result.firstBreak = .noGenesis
                return result
            }
            expected = SHA256.hex(line)
            mentioned.formUnion(AuditLog.mentions(event, json))
        }
        if let tear = pendingTear {
            result.firstBreak = .notJSON(line: tear.line)
            return result
        }
        if result.lines == 0 {
            result.firstBreak = .empty
            return result
        }
        // A pending line is one the trail will get at its next append: it counts as written.
        // Only lines of changes that were made: an intent whose change never happened says nothing.
        let waiting = pending.groups().groups.flatMap(\.entries).filter(pending.tookEffect)
            .flatMap { AuditLog.mentions($0.event.rawValue, .object($0.details)) }
        result.pendingLines = waiting.count
        mentioned.formUnion(waiting)
        let spool = data.submissions
        let removed = mentioned.compactMap { line -> ItemID? in
            guard line.hasPrefix("submission_confirmed "), let id = ItemID(String(line.dropFirst(21))) else { return nil }
            return spool.locate(id) == nil && !mentioned.contains("withdrawn \(id.text)") ? id : nil
        }
        let missing = queueHistory().filter { !mentioned.contains($0) }.count
        if !removed.isEmpty {
            result.firstBreak = .itemsRemoved(items: removed.count)
        } else if missing > 0 {
            result.firstBreak = .missingHistory(items: missing)
        }
        return result
    }

    /// `event id` for each item a line is about, as `verify` looks for them: its `id`, and the
    /// `sent_ids` of imported receipts.
    static func mentions(_ event: String, _ line: JSONValue) -> [String] {
        (line["id"]?.stringValue.map { ["\(event) \($0)"] } ?? [])
            + (line["sent_ids"]?.arrayValue ?? []).compactMap { $0.stringValue.map { "sent \($0)" } }
    }

    /// The lines the queue says the trail must hold: `sent ID` for every sent submission and
    /// `submission_confirmed ID` for every one still on this kiosk.
    private func queueHistory() -> [String] {
        let spool = data.submissions
        return spool.ids(in: .sent).map { "sent \($0.text)" }
            + [Spool.State.ready, .sending, .exported, .quarantine].flatMap { spool.ids(in: $0) }.map { "submission_confirmed \($0.text)" }
    }
}

/// Reads a file line by line in bounded memory; a line longer than `longest` is returned cut.
private struct LineReader {
    let fd: Int32
    let longest: Int
    var buffer: [UInt8] = []
    var position = 0
    var atEnd = false

    init(fd: Int32, longest: Int) {
        self.fd = fd
        self.longest = longest
    }

    /// The next line without its newline, and whether it had one.
    mutating func next() -> (Data, complete: Bool)? {
        while true {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                let line = Data(buffer[position..<min(newline, position + longest + 1)])
                position = newline + 1
                return (line, true)
            }
            if atEnd {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                return (Data(buffer[position..<min(buffer.count, position + longest + 1)]), false)
            }
            // Keep only the unread part, cut to what a line may hold, then read more.
            buffer = Array(buffer[position..<min(buffer.count, position + longest + 1)])
            position = 0
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n <= 0 { atEnd = true } else { buffer.append(contentsOf: chunk[0..<n]) }
        }
    }
}
