import Foundation
import XCTest
import KioskCore
import KioskOutbox
import KioskTestSupport
@testable import KioskSync
import KioskNetwork

/// SIGKILL at random moments, hundreds of times: the kiosk in the middle of confirming, and
/// `carekiosk sync` in the middle of sending to a portal that fails in every way it can.
/// Afterwards every confirmed submission is at the portal exactly once and nothing is half-written.
final class CrashSafetyTests: SyncTestCase {
    /// The pension certification by plain mode, with a phone number that tells the runs apart.
    func pensionLines(_ n: Int) -> String {
        ["1", "1", "", "1", "1", "511922194503150016", "1", "2", "江口镇二村三组5号", "2", phone(n), "", "", "1"].joined(separator: "\n") + "\n"
    }

    func phone(_ n: Int) -> String { String(format: "139%08d", n) }

    func testTwoHundredKillsLoseNothingAndDuplicateNothing() throws {
        var generator = SeededGenerator(seed: 20261122)
        let faults: [[String: Any]] = [
            ["fault": "lost_after_commit"], ["fault": "503", "retry_after": 0], ["fault": "500"], ["fault": "reset"],
            ["fault": "slow", "seconds": 0.3], ["fault": "timeout", "seconds": 2], ["fault": "429", "retry_after": 0],
            ["fault": "captive"],
        ]
        let dataArgs = ["--data-dir", data.root.path, "--kiosk-id", "cn-511922-test-01"]
        let syncArgs = ["sync", "--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path, "--timeout", "1"] + dataArgs
        let usb = data.root.appendingPathComponent("usb")
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        var confirmed: Set<Int> = []
        var kioskKills = 0, syncKills = 0, exports = 0, n = 0, auditFailures = 0
        let started = Date()
        // Bounded: the kills come fast enough that 400 rounds are never needed; a hang fails the test.
        while (kioskKills < 100 || syncKills < 100) && n < 400 && Date().timeIntervalSince(started) < 600 {
            n += 1
            // A kiosk run, killed somewhere between start and the end of the rating.
            let kiosk = try runCarekiosk(["--plain"] + dataArgs, input: pensionLines(n),
                                killAfter: Double(Int.random(in: 0...160, using: &generator)) / 1000)
            if kiosk.killed { kioskKills += 1 }
            if kiosk.stdout.contains("== 已经记下了 ==") { confirmed.insert(n) }
            XCTAssertFalse(kiosk.stderr.contains("Fatal error"), kiosk.stderr)

            // Now and then a helper puts what waits onto a USB stick that never reaches the
            // township, killed at a random moment too: the kiosk's own sync must send those items.
            if Int.random(in: 0..<4, using: &generator) == 0 {
                let export = try runCarekiosk(["export", "--to", usb.path] + dataArgs,
                                              killAfter: Double(Int.random(in: 0...120, using: &generator)) / 1000)
                exports += 1
                XCTAssertFalse(export.stderr.contains("Fatal error"), export.stderr)
            }

            // A sync run against a portal with a few random faults, killed at a random moment.
            var rules: [[String: Any]] = []
            for _ in 0..<Int.random(in: 0...3, using: &generator) {
                var rule = faults[Int.random(in: 0..<faults.count, using: &generator)]
                rule["count"] = 1
                rules.append(rule)
            }
            try portal.faults(rules)
            let batch = ["1", "5", "50"][Int.random(in: 0...2, using: &generator)]
            let sync = try runCarekiosk(syncArgs + ["--batch", batch],
                               killAfter: Double(Int.random(in: 0...400, using: &generator)) / 1000)
            if sync.killed { syncKills += 1 }
            XCTAssertFalse(sync.stderr.contains("Fatal error"), sync.stderr)

            // Whatever was killed where, the audit trail holds: a lost line is pending, not a deletion.
            let verify = try runCarekiosk(["audit", "verify"] + dataArgs)
            XCTAssertEqual(verify.status, 0, "round \(n): \(verify.stderr)")
            if verify.status != 0 { auditFailures += 1 }
        }

        try portal.faults([])
        let last = try runCarekiosk(syncArgs)
        XCTAssertEqual(last.status, 0, "one more sync sends the rest: \(last.stderr)")

        let stored = try portal.storedSubmissions()
        var storedPhones: [String: Int] = [:]
        for row in stored {
            let answers = (row["body"] as? [String: Any])?["body"].flatMap { ($0 as? [String: Any])?["answers"] as? [String: Any] }
            storedPhones[answers?["phone"] as? String ?? "?", default: 0] += 1
        }
        for n in confirmed { XCTAssertEqual(storedPhones[phone(n)], 1, "confirmed submission \(n) must be at the portal exactly once") }
        XCTAssertEqual(storedPhones.values.filter { $0 > 1 }, [], "no submission under a second id")
        XCTAssertEqual(try storedCounts().values.filter { $0 > 1 }, [])
        let spool = data.submissions
        XCTAssertEqual(spool.ids(in: .sent).count, stored.count, "every stored one is marked sent with its receipt here")
        XCTAssertEqual(spool.ids(in: .ready) + spool.ids(in: .sending) + spool.ids(in: .quarantine) + spool.ids(in: .exported)
                       + spool.ids(in: .damaged), [], "what went onto a stick was sent by the kiosk itself; no file was damaged")
        for s in data.spools {
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: s.tmpFolder.path), [], "nothing left in \(s.tmpFolder.path)")
        }
        let final = try runCarekiosk(["audit", "verify"] + dataArgs)
        XCTAssertEqual(final.status, 0, final.stderr)
        print("crash test: \(n) rounds, \(kioskKills) kiosk kills, \(syncKills) sync kills, \(exports) exports, \(confirmed.count) confirmed, "
              + "\(stored.count) stored, audit verify failed in \(auditFailures) rounds, \(Int(Date().timeIntervalSince(started))) s")
        XCTAssertGreaterThanOrEqual(kioskKills, 100, "bounded in rounds and time, and still enough kills")
        XCTAssertGreaterThanOrEqual(syncKills, 100)
        XCTAssertGreaterThan(confirmed.count, 10, "the kills must leave some runs that finish")
    }
}
