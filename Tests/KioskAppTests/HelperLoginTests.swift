import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
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

    func login(_ r: RuntimeHarness, _ pin: String) {
        for c in helperSequenceKeys { r.send(.key(.character(c))) }
        r.send(.typeLine("1001"))
        r.send(.typeLine(pin))
    }

    func testFiveWrongPINsLockTheHelperForFiveMinutesAndTheAuditSaysSo() throws {
        let r = try runtime()
        for left in [4, 3, 2, 1] {
            login(r, "1357")
            XCTAssertEqual(r.state.helperRefusal, .wrongPIN(triesLeft: left))
            r.send(.key(.escape))
        }
        login(r, "1357")
        XCTAssertEqual(r.state.helperRefusal, .locked(minutesLeft: 5))
        r.send(.key(.escape))
        clock.advance(240)
        login(r, "2468")
        XCTAssertNil(r.state.helper, "the right PIN does not open a locked helper")
        XCTAssertEqual(r.state.helperRefusal, .locked(minutesLeft: 1))
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

    func testAnUnknownHelperIsRefused() throws {
        let r = try runtime()
        for c in helperSequenceKeys { r.send(.key(.character(c))) }
        r.send(.typeLine("9999"))
        r.send(.typeLine("2468"))
        XCTAssertEqual(r.state.helperRefusal, .unknownHelper)
        XCTAssertNil(r.state.helper)
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
