import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
@testable import KioskCommandLine
import KioskCore
import KioskCrypto
import KioskOutbox

/// Helper login at the kiosk, with the PIN checked against its stored hash and a clock the test moves.
final class HelperLoginTests: XCTestCase {
    var root: URL!

    override func setUp() { root = temporaryFolder("helper") }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func runtime() throws -> RuntimeHarness {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        self.clock = clock
        let r = try RuntimeHarness(root: root, clock: { clock.moment })
        try HelperDirectory(data: r.data).add(.init(id: "1001", name: "张帮办", pin: XCTUnwrap(PINHash.make(pin: "2468", iterations: 1000))))
        return r
    }

    var clock: TestClock!

    func login(_ r: RuntimeHarness, _ pin: String, number: String = "1001") {
        if r.state.screen == .home { for c in helperSequenceKeys { r.send(.key(.character(c))) } }
        r.send(.typeLine(number))
        r.send(.typeLine(pin))
    }

    func testFiveWrongPINsLockTheHelperForFiveMinutesAndTheAuditSaysSo() throws {
        let r = try runtime()
        for left in [4, 3, 2, 1] {
            login(r, "1357")
            XCTAssertEqual(r.state.helperLogin?.refusal, .wrongPIN(triesLeft: left))
            r.send(.key(.escape))
        }
        login(r, "1357")
        XCTAssertEqual(r.state.helperLogin?.refusal, .locked(minutesLeft: 5))
        r.send(.key(.escape))
        clock.advance(240)
        login(r, "2468")
        XCTAssertNil(r.state.helper, "the right PIN does not open a locked helper")
        XCTAssertEqual(r.state.helperLogin?.refusal, .locked(minutesLeft: 1))
        r.send(.key(.escape))
        clock.advance(61)
        login(r, "2468")
        XCTAssertEqual(r.state.helper, HelperSession(id: "1001", name: "张帮办"))

        let audit = try String(contentsOf: root.appendingPathComponent("audit.jsonl"), encoding: .utf8)
        let events = audit.split(separator: "\n").compactMap { line in
            (try? JSONValue.parse(Data(line.utf8)))?["event"]?.stringValue
        }
        XCTAssertEqual(events, ["genesis"] + Array(repeating: "failed_pin", count: 5) + ["lockout", "login"])
        XCTAssertFalse(audit.contains("1357") || audit.contains("2468"), "no PIN in the audit trail")
        XCTAssertEqual(AuditLog(data: DataFolder(root: root)).verify().firstBreak, nil)
    }

    func testAnUnknownHelperIsRefusedAsAWrongPINIs() throws {
        let r = try runtime()
        login(r, "1357", number: "9999")
        XCTAssertEqual(r.state.helperLogin?.refusal, .wrongPIN(triesLeft: 4), "the same words and the same count as a wrong PIN")
        XCTAssertNil(r.state.helper)
    }

    /// Ten wrong tries at ten numbers, real and not, the clock moving a little between them.
    func lockTheLogin(_ r: RuntimeHarness) {
        for n in 0..<10 {
            login(r, "1357", number: n % 2 == 0 ? "1001" : String(5000 + n))
            r.send(.key(.escape))
            clock.advance(20)
        }
    }

    func testTheWholeLoginStaysLockedAcrossARestart() throws {
        lockTheLogin(try runtime())
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("login-guard.json").path))
        // The kiosk starts again on the same data folder, as after a crash or a power cut.
        let again = try RuntimeHarness(root: root, clock: { [clock] in clock!.moment })
        login(again, "2468")
        XCTAssertNil(again.state.helper, "the right PIN does not open the login after a restart")
        XCTAssertEqual(again.state.helperLogin?.refusal, .kioskLocked(minutesLeft: 10))
        clock.advance(601)
        again.send(.key(.escape))
        login(again, "2468")
        XCTAssertEqual(again.state.helper, HelperSession(id: "1001", name: "张帮办"), "ten minutes after the last try it opens")
    }

    /// The tenth wrong try is also the fifth at its number: both locks are kept, and read back.
    func testATryThatLocksTheNumberAndTheLoginAtOnceIsKeptAsBoth() throws {
        let r = try runtime()
        for n in 0..<10 {
            login(r, "1357", number: n < 5 ? String(6000 + n) : "1001")
            if n < 9 { r.send(.key(.escape)) } // the last refusal is read on the login screen that shows it
        }
        XCTAssertEqual(r.state.helperLogin?.refusal, .kioskLocked(minutesLeft: 10))
        XCTAssertNotNil(r.state.loginGuard.numbers["1001"]?.lockedUntil, "the number is locked as well")
        clock.advance(301)
        let again = try RuntimeHarness(root: root, clock: { [clock] in clock!.moment })
        XCTAssertEqual(again.state.loginGuard, r.state.loginGuard, "read back as written, not as a damaged file")
        login(again, "2468")
        XCTAssertEqual(again.state.helperLogin?.refusal, .kioskLocked(minutesLeft: 5), "five of the ten minutes are left")
    }

    func testADamagedCountsFileLocksTheLoginAndCrashesNothing() throws {
        let damaged: [String] = [
            "{not json", String(repeating: " ", count: 20_000) + "{}", #"{"numbers": [], "recent_failures": []}"#,
            #"{"numbers": [{"id": "1001", "failures": 1e300, "last": 0, "locked_until": null}], "recent_failures": [], "kiosk_locked_until": null}"#,
            #"{"numbers": [{"id": "1001", "failures": -3, "last": 0, "locked_until": null}], "recent_failures": [], "kiosk_locked_until": null}"#,
            #"{"numbers": [], "recent_failures": [-1], "kiosk_locked_until": null}"#,
            #"{"numbers": [], "recent_failures": [], "kiosk_locked_until": 9999999999999999999999}"#,
            #"{"numbers": [{"id": "511922194503150016", "failures": 1, "last": 0, "locked_until": null}], "recent_failures": [], "kiosk_locked_until": null}"#,
        ]
        for text in damaged {
            try? FileManager.default.removeItem(at: root)
            let r = try runtime()
            try Data(text.utf8).write(to: root.appendingPathComponent("login-guard.json"))
            let again = try RuntimeHarness(root: root, clock: { [clock] in clock!.moment })
            login(again, "2468")
            XCTAssertNil(again.state.helper, "a damaged file never unlocks: \(text.prefix(80))")
            XCTAssertEqual(again.state.helperLogin?.refusal, .kioskLocked(minutesLeft: 10), String(text.prefix(80)))
            withExtendedLifetime(r) {}
        }
    }

    func testALockWrittenByAClockThatRanAheadLastsNoLongerThanALock() throws {
        let r = try runtime()
        let future = Int(clock.moment.date.timeIntervalSince1970) + 86_400 * 365
        let text = #"{"numbers": [], "recent_failures": [], "kiosk_locked_until": \#(future)}"#
        try Data(text.utf8).write(to: root.appendingPathComponent("login-guard.json"))
        let again = try RuntimeHarness(root: root, clock: { [clock] in clock!.moment })
        login(again, "2468")
        XCTAssertEqual(again.state.helperLogin?.refusal, .kioskLocked(minutesLeft: 10))
        clock.advance(601)
        again.send(.key(.escape))
        login(again, "2468")
        XCTAssertEqual(again.state.helper, HelperSession(id: "1001", name: "张帮办"))
        withExtendedLifetime(r) {}
    }

    func testHelperAddStoresOnlyAHashAndRefusesAShortPIN() throws {
        let options = try Options.parse(["helper", "add", "1002", "李帮办", "--data-dir", root.path])
        let s = try Strings(locale: "zh-Hans", json: Data(contentsOf: repoRoot.appendingPathComponent("locales/zh-Hans.json")))
        var answers = ["12", "12"]
        XCTAssertEqual(HelperCommand.add("1002", "李帮办", options, s, [:], readLine: { answers.removeFirst() }), 2)
        answers = ["86420", "86420"]
        XCTAssertEqual(HelperCommand.add("1002", "李帮办", options, s, [:], readLine: { answers.removeFirst() }), 0)
        let stored = try String(contentsOf: root.appendingPathComponent("helpers.json"), encoding: .utf8)
        XCTAssertFalse(stored.contains("86420"))
        XCTAssertTrue(try XCTUnwrap(HelperDirectory(data: DataFolder(root: root)).helper("1002")).pin.matches("86420"))
    }

    /// Two `helper add` of one number at once: the second one to take the lock finds the number
    /// in use there (the command's early look came before the first one wrote), and changes nothing.
    func testANumberAddedMeanwhileIsRefusedUnderTheLock() throws {
        let s = try Strings(locale: "zh-Hans", json: Data(contentsOf: repoRoot.appendingPathComponent("locales/zh-Hans.json")))
        let directory = HelperDirectory(data: DataFolder(root: root))
        var answers = ["1357", "1357"]
        let options = try Options.parse(["helper", "add", "1001", "王五", "--data-dir", root.path])
        let status = HelperCommand.add("1001", "王五", options, s, [:], readLine: {
            // While this one asks for the PIN, another adds the number.
            if answers.count == 2 { try? directory.add(.init(id: "1001", name: "张三", pin: PINHash.make(pin: "2468", iterations: 1000)!)) }
            return answers.removeFirst()
        })
        XCTAssertEqual(status, 2, "refused, not silently replaced")
        XCTAssertEqual(try XCTUnwrap(directory.helper("1001")).name, "张三")
        XCTAssertTrue(try XCTUnwrap(directory.helper("1001")).pin.matches("2468"))
    }

    func testHelperAddRefusesANumberInUseUnlessReplaceIsGiven() throws {
        let s = try Strings(locale: "zh-Hans", json: Data(contentsOf: repoRoot.appendingPathComponent("locales/zh-Hans.json")))
        let directory = HelperDirectory(data: DataFolder(root: root))
        var answers = ["2468", "2468"]
        let first = try Options.parse(["helper", "add", "1001", "张三", "--data-dir", root.path])
        XCTAssertEqual(HelperCommand.add("1001", "张三", first, s, [:], readLine: { answers.removeFirst() }), 0)
        answers = ["1357", "1357"]
        XCTAssertEqual(HelperCommand.add("1001", "王五", first, s, [:], readLine: { answers.removeFirst() }), 2, "a number in use is refused")
        XCTAssertEqual(answers.count, 2, "refused before any PIN is asked for")
        XCTAssertEqual(try XCTUnwrap(directory.helper("1001")).name, "张三", "nothing changed")
        XCTAssertTrue(try XCTUnwrap(directory.helper("1001")).pin.matches("2468"))
        let replace = try Options.parse(["helper", "add", "1001", "王五", "--replace", "--data-dir", root.path])
        XCTAssertEqual(HelperCommand.add("1001", "王五", replace, s, [:], readLine: { answers.removeFirst() }), 0)
        XCTAssertEqual(try XCTUnwrap(directory.helper("1001")).name, "王五")
        XCTAssertTrue(try XCTUnwrap(directory.helper("1001")).pin.matches("1357"))
    }
}
