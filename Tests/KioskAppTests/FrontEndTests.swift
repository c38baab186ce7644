import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
@testable import KioskCommandLine
import KioskCore
import KioskCrypto
import KioskOutbox
import KioskRender

/// The full-screen front end over an in-memory terminal: the loop, the keys, clicks, resizes and
/// the bell, with no tmux and no sleeping. One test starts the sender against a local portal that
/// never answers, to show that Esc does not wait for it.
final class FrontEndTests: XCTestCase, RunsProgramsQuickly {
    var root: URL!

    override func setUp() { root = temporaryFolder("front-end") }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    /// Runs the front end on a thread of its own until the test ends it.
    func start(_ runtime: KioskRuntime, _ effects: KioskEffects, _ terminal: MemoryTerminal) -> Thread {
        let front = TerminalFrontEnd(runtime: runtime, strings: { $0 == "en" ? loadStrings("en") : loadStrings("zh-Hans") }, glyphs: nil,
                                     careTheme: try! Resources(root: repoRoot).theme("care"),
                                     standardTheme: try! Resources(root: repoRoot).theme("standard"))
        nonisolated(unsafe) let running = front   // from now on only the new thread uses it
        let thread = Thread { _ = running.run(terminal) }
        thread.start()
        return thread
    }

    func end(_ terminal: MemoryTerminal) { terminal.press(.terminate(signal: SIGTERM)) }

    /// A portal that takes the connection and never answers.
    func blackHole() throws -> ScriptedServer {
        try ScriptedServer(script: """
        import socket, threading, time
        s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
        print("http://127.0.0.1:%d" % s.getsockname()[1], flush=True)
        held = []
        while True:
            c, _ = s.accept(); held.append(c)
        """)
    }

    func testWhileTheDashboardsProgressLookupWaitsOnAPortalThatNeverAnswersEscIsAnsweredAtOnce() throws {
        let portal = try blackHole()
        let token = root.appendingPathComponent("token")
        try Data("token\n".utf8).write(to: token)
        chmod(token.path, 0o600)
        let h = try RuntimeHarness(root: root.appendingPathComponent("data"))
        try HelperDirectory(data: h.data).add(.init(id: "1001", name: "张帮办", pin: XCTUnwrap(PINHash.make(pin: "2468", iterations: 1000))))
        var sent = QueueFacts(id: ItemID.make(), kind: .submission)
        sent.serviceID = "pension-certification"
        sent.createdAt = Moment.parse("2026-11-22T09:30:00+08:00")
        sent.sent = QueueFacts.Sent(at: "2026-11-22T09:31:00+08:00", portalStatus: 201, receipt: "SC20261122000001", viaBundle: false)
        try h.data.submissions.put(QueueItem(facts: sent, payload: nil))
        try h.data.submissions.move(sent.id, from: .ready, to: .sent)
        let sender = SenderLink(executable: carekioskBinary.deletingLastPathComponent().appendingPathComponent("carekiosk-sender").path,
                                arguments: ["--data-dir", h.data.root.path, "--portal", portal.url.absoluteString, "--token-file", token.path],
                                data: h.data, timeout: 15)
        let effects = KioskEffects(work: h.effects.work, sealer: nil, usbFolder: nil, sender: sender, volume: 80, catalogStamp: nil,
                                   readings: bundledCatalog.readings)
        let runtime = KioskRuntime(state: h.state, interpreter: effects)
        let terminal = MemoryTerminal()
        _ = start(runtime, effects, terminal)
        defer { end(terminal) }
        terminal.waitFor("村便民服务点")
        runtime.send(.setOnline(true))   // the sender said so; here there is none running
        for c in helperSequenceKeys { terminal.press(.character(c)) }
        terminal.type("1001"); terminal.press(.enter)
        terminal.type("2468"); terminal.press(.enter)
        terminal.waitFor("帮办员 张帮办 已登录")
        terminal.press(.digit(runtime.state.choices.count))
        terminal.waitFor("查找（身份证后四位或办件编号）") // the list is read: its options are on screen
        terminal.press(.digit(1))
        terminal.waitFor("请输入身份证号码的后四位，或者12位办件编号")
        terminal.type("20261122000001")
        terminal.waitFor("20261122000001")
        terminal.press(.enter)
        terminal.waitFor("找到 1 件")
        terminal.press(.digit(4))
        terminal.waitFor("查询办理进度")
        terminal.press(.digit(1))
        terminal.waitFor("正在向门户查询办理进度")
        let pressed = Date()
        terminal.press(.escape)
        let answered = try XCTUnwrap(terminal.waitFor("村便民服务点", timeout: 1))
        let milliseconds = answered.timeIntervalSince(pressed) * 1000
        print("Esc while the portal does not answer: the home screen was drawn \(String(format: "%.1f", milliseconds)) ms after the key")
        XCTAssertLessThan(milliseconds, 50)
    }

    func testAClickOnAnOptionChoosesItAResizeRepaintsAndF1RingsTheBell() throws {
        let h = try RuntimeHarness(root: root)
        let terminal = MemoryTerminal(width: 100, height: 30)
        _ = start(h.runtime, h.effects, terminal)
        defer { end(terminal) }
        terminal.waitFor("村便民服务点")
        let frame = KioskScreen(strings: loadStrings("zh-Hans"), glyphs: nil).render(h.runtime.state, width: 100, height: 30)
        let first = try XCTUnwrap(frame.targets.first { $0.key == .digit(1) })
        terminal.press(.click(row: first.row + 1, column: first.column + 2))
        terminal.waitFor("养老金资格认证")
        let before = terminal.fullRepaints
        terminal.press(.resize)
        terminal.press(.key(.f1))
        terminal.waitFor("请到旁边找工作人员帮忙")
        XCTAssertEqual(terminal.fullRepaints, before + 1)
        XCTAssertEqual(terminal.bells, 1)
    }
}
