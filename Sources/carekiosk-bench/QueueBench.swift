import CSQLite
import Foundation
import KioskCore
import KioskOutbox
import KioskSync
import KioskNetwork
import KioskTestSupport

/// Durable enqueue against SQLite (WAL, synchronous=FULL), and sync throughput to the
/// reference portal, single and batch.
enum QueueBench {
    static func submission(_ n: Int) -> Submission {
        let id = ItemID(String(format: "%08x-0000-4000-8000-%012d", n, n))!
        let body = Submission.Body(
            answers: [.init("id_number", .string("511922194503150016")), .init("phone", .string("13800000000")),
                      .init("alive_check", .string("visit")), .init("address", .string("江口镇二村三组5号"))],
            materials: [.init(id: "id-card", status: .provided)],
            consent: .init(noticeVersion: "2026-11", givenAt: Moment.parse("2026-11-22T09:29:40+08:00")!))
        return Submission(id: id, serviceID: "pension-certification", serviceVersion: 1, createdAt: Moment.parse("2026-11-22T09:30:00+08:00")!,
                          kioskID: "cn-511922-bench-01", locale: "zh-Hans", channel: .resident, body: body,
                          maskedIdentity: "5119**********0016", identityNumber: "511922194503150016")
    }

    static func scratch(_ name: String) -> URL {
        // The same disk for both sides of every comparison: a folder beside the build.
        let url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent(".build/bench-\(name)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func enqueueRows(count: Int = 1000) -> [Row] {
        let folder = scratch("enqueue")
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = DataFolder(root: folder.appendingPathComponent("data"))
        try! data.prepare(kioskID: "bench")
        let items = (0..<count).map(submission)
        var spool: [Double] = []
        for s in items {
            let start = DispatchTime.now()
            try! data.enqueue(s)
            spool.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }

        // What a confirmation costs as the kiosk does it: the audit lines kept before the write
        // (`PendingAudit`), the write, then the lines appended to the trail and the record removed.
        let audited = DataFolder(root: folder.appendingPathComponent("audited"))
        try! audited.prepare(kioskID: "bench")
        var withAudit: [Double] = []
        for s in (count..<(2 * count)).map(submission) {
            let start = DispatchTime.now()
            let moment = Moment.now()
            let change = try! audited.audit.beforeChange([AuditLog.Entry(.submissionConfirmed, [("id", .string(s.id.text))])], at: moment)
            try! audited.enqueue(s)
            audited.audit.afterChange(change, at: moment)
            withAudit.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }

        var db: OpaquePointer?
        sqlite3_open(folder.appendingPathComponent("queue.db").path, &db)
        sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE queue(id TEXT PRIMARY KEY, state TEXT, body BLOB);", nil, nil, nil)
        var insert: OpaquePointer?
        sqlite3_prepare_v2(db, "INSERT INTO queue VALUES (?, 'ready', ?)", -1, &insert, nil)
        var sqlite: [Double] = []
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for s in items {
            let bytes = s.queueItem.fileBytes
            let start = DispatchTime.now()
            sqlite3_reset(insert)
            sqlite3_bind_text(insert, 1, s.id.text, -1, transient)
            _ = bytes.withUnsafeBytes { sqlite3_bind_blob(insert, 2, $0.baseAddress, Int32($0.count), transient) }
            guard sqlite3_step(insert) == SQLITE_DONE else { fatalError("sqlite insert failed") }
            sqlite.append(Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9)
        }
        sqlite3_finalize(insert)
        sqlite3_close(db)
        let size = items[0].queueItem.fileBytes.count
        let how = "\(count) submissions of \(size) B, one durable write each, same disk"
        return [
            Row(measure: "durable enqueue latency, outbox (tmp + fsync + rename + fsync folder)",
                figure: "\(ms(percentile(spool, 0.5), digits: 2)) median, \(ms(percentile(spool, 0.99), digits: 2)) p99", how: how),
            Row(measure: "confirm to saved, outbox + audit trail (pending record, enqueue, append, record removed)",
                figure: "\(ms(percentile(withAudit, 0.5), digits: 2)) median, \(ms(percentile(withAudit, 0.99), digits: 2)) p99", how: how),
            Row(measure: "durable enqueue latency, SQLite WAL synchronous=FULL",
                figure: "\(ms(percentile(sqlite, 0.5), digits: 2)) median, \(ms(percentile(sqlite, 0.99), digits: 2)) p99", how: how + ", one transaction per insert"),
        ]
    }

    static func syncRows(count: Int = 10_000) -> [Row] {
        var rows: [Row] = []
        for batch in [1, 100] {
            let folder = scratch("sync")
            defer { try? FileManager.default.removeItem(at: folder) }
            guard let portal = try? ReferencePortal() else {
                return [Row(measure: "sync throughput", figure: "not measured", how: "the reference portal did not start (python3?)")]
            }
            defer { portal.stop() }
            let data = DataFolder(root: folder.appendingPathComponent("data"))
            for n in 0..<count { try! data.enqueue(submission(n)) }
            let settings = PortalSettings(url: portal.url, kioskID: "cn-511922-bench-01",
                                          token: try! PortalSettings.readToken(portal.tokenFile.path), timeout: 30)
            let start = DispatchTime.now()
            let report = Syncer(data: data, client: PortalClient(settings: settings), batchSize: batch).drain()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            let label = batch == 1 ? "single POSTs" : "batches of \(batch)"
            rows.append(Row(measure: "sync throughput, \(count) queued submissions, \(label)",
                            figure: String(format: "%.0f submissions/s (%.1f s)", Double(report.sent) / seconds, seconds),
                            how: "`Syncer.drain` to the reference portal on 127.0.0.1 (SQLite, synchronous=FULL); \(report.sent) sent, \(report.waiting) left"))
        }
        return rows
    }
}
