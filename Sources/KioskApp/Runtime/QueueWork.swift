import Foundation
import KioskCore
import KioskCrypto
import KioskOutbox
import KioskSync

/// What the runtime does to the data folder and the USB stick, each job a plain function from
/// its inputs to the action that reports it. The interpreter runs them on its worker thread, one
/// after another, so the screen never waits for a disk, a stick or a sender.
struct QueueWork: Sendable {
    let data: DataFolder
    let clock: @Sendable () -> Moment
    /// The strings of the display language, for what goes wrong on the disk.
    let strings: @Sendable (String) -> Strings

    // MARK: the resident's submission

    /// Seals (when a portal key is configured) and writes a confirmed submission durably, its
    /// audit lines kept before it is written and appended after. Only then is it `.saved`; a
    /// failure keeps it for Enter to retry.
    func enqueue(_ submission: Submission, sealer: SubmissionSealer?) -> Action {
        let moment = clock()
        do {
            let change = try data.audit.beforeChange(auditEntries(submission), at: moment)
            defer { data.audit.afterChange(change, at: moment) }
            try data.enqueue(sealer?.seal(submission) ?? submission)
        } catch {
            switch error as? DurableWriteError {
            case .diskFull: return .saveFailed(submissionID: submission.id, .diskFull)
            case .notWritable, .readOnly: return .saveFailed(submissionID: submission.id, .notWritable)
            case .exists?: break // written by an earlier try whose answer was lost: it is saved
            case .failed, nil: return .saveFailed(submissionID: submission.id, .other)
            }
        }
        sealer?.forget(submission.id)
        return .saved(submissionID: submission.id)
    }

    /// What the audit trail records of a confirmed submission: the resident's consent to a helper, then the confirmation.
    private func auditEntries(_ submission: Submission) -> [AuditLog.Entry] {
        var entries: [AuditLog.Entry] = []
        let body = submission.body
        let id = JSONValue.string(submission.id.text)
        if submission.channel == .assisted {
            entries.append(AuditLog.Entry(.consent, [("id", id), ("helper", body?.helper.map { .string($0.id) } ?? .null), ("proxy", .bool(true)),
                                                     ("given_at", body?.consent?.proxyConfirmedAt.map { .string($0.rfc3339) } ?? .null)]))
        }
        entries.append(AuditLog.Entry(.submissionConfirmed, [
            ("id", id), ("service_id", .string(submission.serviceID)), ("channel", .string(submission.channel.rawValue)),
            ("masked_id", submission.maskedIdentity.map(JSONValue.string) ?? .null),
            ("consent", body?.consent.map { .string($0.givenAt.rfc3339) } ?? .null),
        ]))
        return entries
    }

    /// A rating or a call for staff. A full disk loses it; the resident's submission is what must not be lost.
    func store(_ record: Record) {
        try? data.store(record)
    }

    func audit(_ event: AuditEvent) {
        let entry: AuditLog.Entry
        switch event {
        case let .login(helper): entry = AuditLog.Entry(.login, [("helper", .string(helper))])
        case let .logout(helper): entry = AuditLog.Entry(.logout, [("helper", .string(helper))])
        case let .failedPIN(helper): entry = AuditLog.Entry(.failedPIN, helper.map { [("helper", .string($0))] } ?? [("known", .bool(false))])
        case let .lockout(helper, seconds):
            entry = AuditLog.Entry(.lockout, [helper.map { ("helper", .string($0)) } ?? ("kiosk", .bool(true)), ("seconds", .number(Double(seconds)))])
        case let .helpCall(id): entry = AuditLog.Entry(.helpCall, [("id", .string(id.text))])
        }
        data.audit.record([entry], at: clock())
    }

    // MARK: helpers

    /// PBKDF2 with 200 000 rounds: a moment of work, done here rather than on the screen's thread.
    /// A number that is no helper's costs the same: its PIN is hashed against a stand-in with the
    /// directory's rounds, so the time taken does not tell which numbers are helpers'.
    func checkHelper(_ id: String, pin: String) -> HelperCheck {
        let helpers = HelperDirectory(data: data).all()
        guard let helper = helpers.first(where: { $0.id == id }) else {
            let standIn = PINHash(salt: [UInt8](repeating: 0, count: 16), iterations: helpers.first?.pin.iterations ?? PINHash.defaultIterations,
                                  hash: [UInt8](repeating: 0, count: 32))
            _ = standIn.matches(pin)
            return .unknownHelper
        }
        return helper.pin.matches(pin) ? .verified(HelperSession(id: helper.id, name: helper.name)) : .wrongPIN(helperID: id)
    }

    /// The wrong-PIN counts from before a restart (`LoginGuardFile`).
    func keptLoginGuard() -> LoginGuard { LoginGuardFile(data: data).read(now: clock().date) }

    /// A full disk loses the newest count, not the lock already kept.
    func keep(_ counts: LoginGuard) { try? LoginGuardFile(data: data).write(counts) }

    // MARK: the helper's dashboard

    func loadDashboard(search: String?) -> Action {
        .dashboardLoaded(QueueDesk(data: data).view(search: search, now: clock()))
    }

    func retry(_ id: ItemID, locale: String) -> Action {
        desk(locale) { (desk) throws(QueueDesk.Failure) in try desk.retry(id, at: clock()) } ?? .dashboardDone(.retried)
    }

    func withdraw(_ id: ItemID, helper: String?, locale: String) -> Action {
        desk(locale) { (desk) throws(QueueDesk.Failure) in try desk.withdraw(id, at: clock(), helper: helper) } ?? .dashboardDone(.withdrawn)
    }

    /// Runs a queue-desk command; nil when it went through, else what to say.
    private func desk(_ locale: String, _ body: (QueueDesk) throws(QueueDesk.Failure) -> Void) -> Action? {
        do {
            try body(QueueDesk(data: data))
            return nil
        } catch {
            switch error {
            case .lock(.busy): return .dashboardDone(.busy)
            case let .lock(.folder(why)), let .disk(why): return .dashboardDone(.disk(why.message(strings(locale))))
            case .gone: return .dashboardDone(.gone)
            }
        }
    }

    /// The folder on the USB stick, when it is there: a folder the kiosk may write. Without a stick
    /// a kiosk PC's mount point is an empty folder of root's that nobody may write (install-kiosk),
    /// so the helper is told to plug the stick in, and no bundle lands on the kiosk's own disk.
    static func present(_ folder: URL?) -> URL? {
        var isFolder: ObjCBool = false
        guard let folder, FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue,
              access(folder.path, W_OK) == 0 else { return nil }
        return folder
    }

    func export(to usb: URL?, kioskID: String, locale: String) -> Action {
        guard let folder = Self.present(usb) else { return .dashboardDone(.noUSBFolder) }
        do {
            let done = try Exporter(data: data).export(to: folder, kioskID: kioskID, at: clock())
            guard let file = done.file else { return .dashboardDone(done.damaged.isEmpty ? .nothingToExport : .damagedFound(done.damaged.count)) }
            return .dashboardDone(.exported(count: done.count, file: file.lastPathComponent))
        } catch {
            switch error {
            case .lock(.busy): return .dashboardDone(.busy)
            case let .lock(.folder(why)), let .disk(why): return .dashboardDone(.disk(why.message(strings(locale))))
            }
        }
    }

    func importReceipts(from usb: URL?, locale: String) -> Action {
        guard let folder = Self.present(usb) else { return .dashboardDone(.noUSBFolder) }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".receipts.json") }.sorted()
        guard !files.isEmpty else { return .dashboardDone(.noReceipts) }
        var sent = 0, quarantined = 0, read = 0
        var rejected: [ReceiptRejection: Int] = [:]
        for name in files {
            do {
                let done = try ReceiptsImporter(data: data, now: clock).importReceipts(folder.appendingPathComponent(name))
                sent += done.sent
                quarantined += done.quarantined
                rejected.merge(done.rejectedCounts, uniquingKeysWith: +)
                read += 1
            } catch {
                switch error {
                case .lock(.busy): return .dashboardDone(.busy)
                case let .lock(.folder(why)), let .disk(why): return .dashboardDone(.disk(why.message(strings(locale))))
                case .file, .notReceipts: continue   // counted out: only files that were read are said
                }
            }
        }
        return .dashboardDone(.imported(sent: sent, quarantined: quarantined, files: read, rejected: rejected))
    }
}
