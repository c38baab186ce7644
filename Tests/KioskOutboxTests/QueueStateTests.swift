import Foundation
import XCTest
@testable import KioskCore
@testable import KioskOutbox
import KioskTestSupport

/// The states of the outbox and what a crash between two steps leaves behind. As root, one test
/// mounts a folder read-only (`whileReadOnly`).
final class QueueStateTests: XCTestCase, RunsProgramsQuickly {
    var root: URL!
    var spool: Spool { DataFolder(root: root).submissions }
    let a = itemID(1), b = itemID(2)

    override func setUp() {
        root = temporaryFolder("queue")
        try? DataFolder(root: root).prepare(kioskID: "k")
    }

    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    var item: QueueItem { queueItem(1) }

    func testAnItemLeftInSendingByACrashIsReadyAgainWithTheSameBytes() throws {
        try spool.put(item)
        try spool.move(a, from: .ready, to: .sending)
        XCTAssertEqual(spool.waitingCount, 1, "an item being sent still waits")
        try spool.recover()
        XCTAssertEqual(spool.ids(in: .sending), [])
        XCTAssertEqual(spool.read(a, in: .ready)?.payload, item.payload)
    }

    func testAnExportedItemLeftInSendingByACrashGoesBackToExported() throws {
        var exported = item
        exported.facts.bundles = [BundleRef(file: "k.ckb", sha256: String(repeating: "b", count: 64), exportedAt: "2026-11-22T09:40:00+08:00")]
        try spool.put(exported)
        try spool.move(a, from: .ready, to: .sending)
        try spool.recover()
        XCTAssertEqual(spool.ids(in: .exported), [a], "still waiting for the stick's receipts, and still accepted from them")
    }

    func testACrashBetweenStoringTheReceiptAndRemovingTheOldFileKeepsOnlySent() throws {
        try spool.put(item)
        try spool.move(a, from: .ready, to: .sending)
        // The first half of `replace`: the sent record is durable, the old file not yet gone.
        var sent = item
        sent.facts.sent = QueueFacts.Sent(at: "2026-11-22T10:00:00+08:00", portalStatus: 201, receipt: "SC20261122000001", viaBundle: false)
        sent.payload = nil
        try DurableFile.write(sent.fileBytes, to: spool.folder(.sent).appendingPathComponent("\(a.text).json"), tmpFolder: spool.tmpFolder)
        try spool.recover()
        XCTAssertEqual(spool.ids(in: .sent), [a])
        XCTAssertEqual(spool.ids(in: .sending) + spool.ids(in: .ready), [], "never sent again once a receipt is stored")
    }

    func testASentItemKeepsReceiptServiceTimeAndMaskedIdentityButNotTheAnswers() throws {
        try spool.put(item)
        try spool.move(a, from: .ready, to: .sending)
        var sent = try XCTUnwrap(spool.read(a, in: .sending))
        sent.facts.sent = QueueFacts.Sent(at: "2026-11-22T10:00:00+08:00", portalStatus: 201, receipt: "SC20261122000001", viaBundle: false)
        sent.payload = nil
        try spool.replace(sent, from: .sending, to: .sent)
        let stored = try XCTUnwrap(spool.read(a, in: .sent))
        XCTAssertEqual(stored.facts.receipt, "SC20261122000001")
        XCTAssertEqual(stored.facts.maskedID, "5119**********0016")
        XCTAssertNil(stored.payload)
        let file = try String(contentsOf: spool.folder(.sent).appendingPathComponent("\(a.text).json"), encoding: .utf8)
        XCTAssertFalse(file.contains("13800000000"), "the body is dropped once the receipt is stored")
        XCTAssertEqual(spool.waitingCount, 0)
    }

    func testTemporaryFilesOfDeadWritersAreRemovedAndALiveWritersAreKept() throws {
        let dead = spool.tmpFolder.appendingPathComponent(".b.json.999999999.0123456789abcdef.tmp")
        let live = spool.tmpFolder.appendingPathComponent(".c.json.\(getpid()).0123456789abcdef.tmp")
        for file in [dead, live] { XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data("{".utf8))) }
        try spool.recover()
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.path), "a kiosk still writing must not lose its file")
    }

    func testOldestWaitingIsTheEarliestConfirmed() throws {
        try spool.put(item)
        let early = Date(timeIntervalSinceNow: -7200)
        try FileManager.default.setAttributes([.modificationDate: early], ofItemAtPath: spool.folder(.ready).appendingPathComponent("\(a.text).json").path)
        try spool.put(queueItem(2))
        XCTAssertEqual(spool.idsOldestFirst(in: .ready), [a, b])
        XCTAssertEqual(try XCTUnwrap(spool.oldestWaiting).timeIntervalSince1970, early.timeIntervalSince1970, accuracy: 1)
    }

    func testOnlyOneSenderAtATime() throws {
        let first = try QueueLock(folder: root)
        XCTAssertThrowsError(try QueueLock(folder: root), "a second sender must wait") { XCTAssertEqual($0 as? QueueLock.Failure, .busy) }
        withExtendedLifetime(first) {}
    }

    /// A read-only data folder is not "another sync is running": no amount of waiting fixes it.
    func testAFolderThatCannotBeWrittenIsNotCalledBusy() throws {
        let locked = root.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: true)
        _ = try QueueLock(folder: locked)
        XCTAssertTrue(try whileReadOnly(locked) {
            XCTAssertThrowsError(try QueueLock(folder: locked)) { error in
                switch error as? QueueLock.Failure {
                case .folder(.notWritable(let path))?, .folder(.readOnly(let path))?: XCTAssertTrue(path.contains("/read-only"), path)
                default: XCTFail("\(error)")
                }
            }
        }, "the folder could be made read-only")
    }
}

final class AuditTrailTests: XCTestCase {
    var root: URL!
    var data: DataFolder { DataFolder(root: root) }
    var log: AuditLog { data.audit }

    override func setUp() {
        root = temporaryFolder("audit")
        try? data.prepare(kioskID: "cn-511922-test-01", at: testMoment)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func testANewTrailStartsWithItsGenesisLine() throws {
        let first = try String(contentsOf: log.file, encoding: .utf8).split(separator: "\n").first.map(String.init) ?? ""
        XCTAssertTrue(first.contains("\"event\":\"genesis\"") && first.contains("\"kiosk_id\":\"cn-511922-test-01\""), first)
        try log.append(.helpCall, at: testMoment, [("id", .string("a"))])
        XCTAssertEqual(log.verify(), AuditLog.Verified(lines: 2, firstBreak: nil))
    }

    func testALineTornByACrashIsKeptReportedAndRecordedByTheNextWrite() throws {
        try log.append(.helpCall, at: testMoment, [("id", .string("a"))])
        let handle = try FileHandle(forWritingTo: log.file)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"at":"2026-11-22T10:00:00+08:00","event":"se"#.utf8))   // the crash
        try handle.close()
        XCTAssertEqual(log.verify().firstBreak, .tornEnd(line: 3), "reported before anything is written after it")
        try log.append(.helpCall, at: testMoment, [("id", .string("b"))])
        let lines = try String(contentsOf: log.file, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 5, "the torn line stays, a line records the tear, then the new line")
        XCTAssertTrue(lines[2].hasSuffix("\"event\":\"se"))
        XCTAssertTrue(lines[3].contains("\"event\":\"torn_line\""))
        XCTAssertEqual(log.verify(), AuditLog.Verified(lines: 5, firstBreak: nil, tornLines: [3]))
    }

    func testAnEmptiedOrDeletedTrailDoesNotVerify() throws {
        try data.submissions.put(queueItem(1))
        try log.append(.submissionConfirmed, at: testMoment, [("id", .string(itemID(1).text))])
        XCTAssertNil(log.verify().firstBreak)
        try Data().write(to: log.file)
        XCTAssertEqual(log.verify().firstBreak, .empty)
        try FileManager.default.removeItem(at: log.file)
        XCTAssertEqual(log.verify().firstBreak, .missing)
        // A trail started again after the deletion has no genesis line.
        try log.append(.helpCall, at: testMoment)
        XCTAssertEqual(log.verify().firstBreak, .noGenesis)
    }

    func testATrailShorterThanTheQueuesHistoryDoesNotVerify() throws {
        var sent = queueItem(1)
        sent.facts.sent = QueueFacts.Sent(at: "2026-11-22T10:00:00+08:00", portalStatus: 201, receipt: "SC1", viaBundle: false)
        sent.payload = nil
        try data.submissions.put(sent)
        try data.submissions.move(itemID(1), from: .ready, to: .sent)
        XCTAssertEqual(log.verify().firstBreak, .missingHistory(items: 1), "a sent item the trail never heard of")
        try log.append(.sent, at: testMoment, [("id", .string(itemID(1).text))])
        XCTAssertNil(log.verify().firstBreak)
    }

    func testAnEditedLineBreaksTheChain() throws {
        try log.append(.helpCall, at: testMoment, [("id", .string("a"))])
        try log.append(.helpCall, at: testMoment, [("id", .string("b"))])
        let text = try String(contentsOf: log.file, encoding: .utf8).replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"c\"")
        try Data(text.utf8).write(to: log.file)
        XCTAssertEqual(log.verify().firstBreak, .chainBroken(line: 3))
    }
}

final class ExportTests: XCTestCase {
    var root: URL!
    var data: DataFolder { DataFolder(root: root) }
    var usb: URL { root.appendingPathComponent("usb") }

    override func setUp() {
        root = temporaryFolder("export")
        try? data.prepare(kioskID: "k", at: testMoment)
        try? FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
    }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func testASecondExportInTheSameSecondNeverOverwritesTheFirstBundle() throws {
        try data.submissions.put(queueItem(1))
        let first = try Exporter(data: data).export(to: usb, kioskID: "k", at: testMoment)
        try data.submissions.put(queueItem(2))
        let second = try Exporter(data: data).export(to: usb, kioskID: "k", at: testMoment)
        XCTAssertNotEqual(first.file, second.file)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: usb.path).sorted(), ["k-20261122-100000-2.ckb", "k-20261122-100000.ckb"])
    }

    /// Whatever is planted on the stick where the kiosk writes, nothing is written through it.
    func testSymlinksPlantedOnTheStickAreNeverFollowed() throws {
        let victim = root.appendingPathComponent("victim.txt")
        try Data("keep me".utf8).write(to: victim)
        // Every name the kiosk used to write to, and the bundle's own name, point at the victim.
        for name in [".k-20261122-100000.ckb.\(getpid()).tmp", "k-20261122-100000.ckb"] {
            try FileManager.default.createSymbolicLink(atPath: usb.appendingPathComponent(name).path, withDestinationPath: victim.path)
        }
        try data.submissions.put(queueItem(1))
        let done = try Exporter(data: data).export(to: usb, kioskID: "k", at: testMoment)
        XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "keep me")
        XCTAssertEqual(done.file?.lastPathComponent, "k-20261122-100000-2.ckb", "a name that is taken, even by a link, is not used")
        let attributes = try FileManager.default.attributesOfItem(atPath: XCTUnwrap(done.file).path)
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeRegular)
    }

    /// A lost stick: `export --again` writes the same bytes into a new bundle, and receipts of
    /// either bundle are accepted for them.
    func testExportAgainWritesTheSameBytesAndRemembersBothBundles() throws {
        try data.submissions.put(queueItem(1))
        let first = try Exporter(data: data).export(to: usb, kioskID: "k", at: testMoment)
        let later = Moment(date: testMoment.date.addingTimeInterval(8 * 86_400), utcOffsetSeconds: 8 * 3600)
        let again = try Exporter(data: data).export(to: usb, kioskID: "k", at: later, again: true)
        XCTAssertEqual(again.count, 1)
        let bundles = try [first, again].map { try BundleFile.read(Data(contentsOf: XCTUnwrap($0.file))) }
        XCTAssertEqual(bundles[0].items, bundles[1].items, "same ids, same bytes")
        let facts = try XCTUnwrap(data.submissions.read(itemID(1), in: .exported)).facts
        XCTAssertEqual(facts.bundles.map(\.sha256), [first.sha256, again.sha256].compactMap { $0 })
        XCTAssertEqual(try Exporter(data: data).export(to: usb, kioskID: "k", at: later).file, nil, "nothing new waits")
    }

    /// What a kill before the bundle was whole leaves: a record naming a bundle that is not there,
    /// or a file of that name that is another bundle. Neither teaches an item a bundle it is not in.
    func testARecordOfABundleThatWasNotWrittenChangesNoItem() throws {
        try data.submissions.put(queueItem(1))
        let stranger = BundleFile.encode(kioskID: "k", createdAt: testMoment, payloads: [])
        try stranger.bytes.write(to: usb.appendingPathComponent("k-other.ckb"))
        for name in ["k-missing.ckb", "k-other.ckb"] {
            try ExportRecord(folder: usb, file: name, sha256: String(repeating: "a", count: 64), exportedAt: testMoment.rfc3339,
                             ids: [itemID(1)]).write(to: data)
            XCTAssertEqual(try ExportRecord.finish(data, at: testMoment), 0)
            XCTAssertEqual(data.submissions.ids(in: .ready), [itemID(1)], "the item still waits, knowing no bundle")
            XCTAssertTrue(ExportRecord.records(in: data).isEmpty, "and the record is gone")
        }
    }

    /// The stick of an interrupted export is not in: the record waits for it.
    func testARecordWaitsWhileItsStickIsOut() throws {
        try data.submissions.put(queueItem(1))
        // Killed after the bundle was written, before the item learned it.
        let bundle = BundleFile.encode(kioskID: "k", createdAt: testMoment, payloads: [try XCTUnwrap(queueItem(1).payload)])
        try bundle.bytes.write(to: usb.appendingPathComponent("k-20261122-100000.ckb"))
        let record = ExportRecord(folder: usb, file: "k-20261122-100000.ckb", sha256: bundle.sha256, exportedAt: testMoment.rfc3339, ids: [itemID(1)])
        try record.write(to: data)
        let away = root.appendingPathComponent("usb-away")
        try FileManager.default.moveItem(at: usb, to: away)
        XCTAssertEqual(try ExportRecord.finish(data, at: testMoment), 0)
        XCTAssertEqual(ExportRecord.records(in: data).map(\.record), [record], "kept for when the stick is back")
        // Meanwhile another export, onto another stick, keeps its own record beside it.
        let other = root.appendingPathComponent("usb-other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let later = Moment(date: testMoment.date.addingTimeInterval(60), utcOffsetSeconds: testMoment.utcOffsetSeconds)
        let second = try Exporter(data: data).export(to: other, kioskID: "k", at: later)
        XCTAssertEqual(ExportRecord.records(in: data).map(\.record), [record], "the first record is not overwritten")
        try FileManager.default.moveItem(at: away, to: usb)
        XCTAssertEqual(try ExportRecord.finish(data, at: testMoment), 1, "then the item learns the bundle")
        XCTAssertEqual(data.submissions.read(itemID(1), in: .exported)?.facts.bundles.map(\.sha256), [second.sha256!, bundle.sha256])
        XCTAssertTrue(ExportRecord.records(in: data).isEmpty)
    }
}

final class QueueDeskTests: XCTestCase {
    var root: URL!
    var data: DataFolder { DataFolder(root: root) }
    let moment = testMoment

    override func setUp() {
        root = temporaryFolder("desk")
        try? DataFolder(root: root).prepare(kioskID: "k")
    }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func put(_ n: Int, masked: String, in state: Spool.State, exportedAt: String? = nil) throws {
        var item = queueItem(n, masked: masked, created: "2026-11-22T09:3\(n):00+08:00")
        if let exportedAt { item.facts.bundles = [BundleRef(file: "k.ckb", sha256: String(repeating: "c", count: 64), exportedAt: exportedAt)] }
        if state == .sent {
            item.facts.sent = QueueFacts.Sent(at: "2026-11-22T10:00:00+08:00", portalStatus: 201, receipt: "SC2026112200000\(n)", viaBundle: false)
        }
        if state == .quarantine {
            item.facts.refusal = QueueFacts.Refused(at: "2026-11-22T10:00:00+08:00", refusal: Refusal(status: 422, error: "invalid", fields: ["phone format"]))
        }
        try data.submissions.put(item)
        if state != .ready { try data.submissions.move(itemID(n), from: .ready, to: state) }
    }

    func testWithdrawDeletesAnUnsentItemAndTheAuditSaysSo() throws {
        try put(1, masked: "5119**********0016", in: .ready)
        try QueueDesk(data: data).withdraw(itemID(1), at: moment, helper: "1001")
        XCTAssertEqual(data.submissions.ids(in: .ready), [])
        let audit = try String(contentsOf: data.audit.file, encoding: .utf8)
        XCTAssertTrue(audit.contains("\"event\":\"withdrawn\"") && audit.contains("\"helper\":\"1001\""), audit)
    }

    func testWhatReachedThePortalOrAStickCannotBeWithdrawnAndABusyQueueIsSaid() throws {
        try put(1, masked: "x", in: .sent)
        try put(2, masked: "x", in: .exported)
        for n in [1, 2] {
            XCTAssertThrowsError(try QueueDesk(data: data).withdraw(itemID(n), at: moment, helper: nil)) { XCTAssertEqual($0 as? QueueDesk.Failure, .gone) }
        }
        try put(3, masked: "x", in: .ready)
        let sender = try QueueLock(folder: root)
        XCTAssertThrowsError(try QueueDesk(data: data).withdraw(itemID(3), at: moment, helper: nil)) {
            XCTAssertEqual($0 as? QueueDesk.Failure, .lock(.busy))
        }
        withExtendedLifetime(sender) {}
        XCTAssertEqual(data.submissions.ids(in: .ready), [itemID(3)])
    }

    func testTheTwelveDigitReferenceFindsItsItemOnly() {
        let id = "0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11", other = "7d1e2f30-3c51-4d0e-9f0a-6f1f5b3c2a11"
        XCTAssertTrue(QueueDesk.matches(Reference.of(id), id: id, masked: "5119**********0016", receipt: nil))
        XCTAssertFalse(QueueDesk.matches(Reference.of(id), id: other, masked: "5119**********0016", receipt: nil))
        XCTAssertTrue(QueueDesk.matches("0016", id: other, masked: "5119**********0016", receipt: nil), "the last four still work")
    }

    func testRetryPutsARefusedItemBackAndSearchFindsByTheLastFour() throws {
        try put(1, masked: "5119**********0016", in: .quarantine)
        try put(2, masked: "5119**********0024", in: .sent)
        XCTAssertEqual(QueueDesk(data: data).view(search: nil, now: moment).items.map(\.id), [itemID(1)], "sent items only when searched for")
        XCTAssertEqual(QueueDesk(data: data).view(search: "0024", now: moment).items.map(\.id), [itemID(2)])
        try QueueDesk(data: data).retry(itemID(1), at: moment)
        XCTAssertEqual(data.submissions.ids(in: .ready), [itemID(1)])
        XCTAssertEqual(QueueDesk(data: data).view(search: nil, now: moment).counts.map(\.count), [1, 0, 1, 0, 0, 0])
    }

    func testAStickGoneForAWeekIsFlaggedAndDamagedFilesAreListed() throws {
        try put(1, masked: "x", in: .exported, exportedAt: "2026-11-14T09:00:00+08:00")
        try put(2, masked: "x", in: .exported, exportedAt: "2026-11-21T09:00:00+08:00")
        try Data().write(to: data.submissions.folder(.damaged).appendingPathComponent("\(itemID(3).text).json"))
        let view = QueueDesk(data: data).view(search: nil, now: moment)
        XCTAssertEqual(view.staleExports, 1, "exported 8 days before, no receipt")
        XCTAssertEqual(view.items.first { $0.id == itemID(1) }?.state, .exported(stale: true))
        XCTAssertEqual(view.items.first { $0.id == itemID(2) }?.state, .exported(stale: false))
        XCTAssertEqual(view.items.first { $0.id == itemID(3) }?.state, .damaged)
        XCTAssertEqual(view.count(.damaged), 1)
    }
}
