import XCTest
@testable import KioskApp
@testable import KioskCommandLine
import KioskRender
import KioskTerminal

/// Which terminals get double-size care text, and the line attributes sent around a refresh.
final class DoubleSizeTests: XCTestCase {
    let xterm = ["TERM": "xterm-256color", "XTERM_VERSION": "XTerm(379)"]

    func testAutoMeansXtermItselfOutsideTmuxAndScreen() {
        XCTAssertTrue(DoubleSizeCapability.enabled(nil, environment: xterm))
        XCTAssertTrue(DoubleSizeCapability.enabled("auto", environment: xterm))
        XCTAssertFalse(DoubleSizeCapability.enabled(nil, environment: xterm.merging(["TMUX": "/tmp/tmux-0/default,1,0"]) { $1 }))
        XCTAssertFalse(DoubleSizeCapability.enabled(nil, environment: xterm.merging(["STY": "1.pts-0"]) { $1 }))
        XCTAssertFalse(DoubleSizeCapability.enabled(nil, environment: ["TERM": "xterm-256color"]), "VTE and others set no XTERM_VERSION")
        XCTAssertFalse(DoubleSizeCapability.enabled(nil, environment: ["TERM": "linux"]))
        XCTAssertFalse(DoubleSizeCapability.enabled(nil, environment: ["TERM": "tmux-256color", "XTERM_VERSION": "XTerm(379)"]))
    }

    func testTheSettingOverridesDetection() throws {
        XCTAssertTrue(DoubleSizeCapability.enabled("on", environment: ["TERM": "linux"]))
        XCTAssertFalse(DoubleSizeCapability.enabled("off", environment: xterm))
        XCTAssertEqual(try Options.parse(["--double-size-text", "off"]).doubleSizeText, "off")
        XCTAssertThrowsError(try Options.parse(["--double-size-text", "big"]))
        XCTAssertTrue(Options.settings.contains { $0.key == "double_size_text" }, "also a configuration key")
    }

    func testAttributesFollowTheRefreshForEveryRowAndKeepTheCursor() {
        let bytes = LineAttributes.after([.single, .single, .doubleTop, .doubleBottom, .single])
        XCTAssertTrue(bytes.hasPrefix("\u{1B}7") && bytes.hasSuffix("\u{1B}8"))
        XCTAssertTrue(bytes.contains("\u{1B}[3;1H\u{1B}#3"))
        XCTAssertTrue(bytes.contains("\u{1B}[4;1H\u{1B}#4"))
        for row in [1, 2, 5] { XCTAssertTrue(bytes.contains("\u{1B}[\(row);1H\u{1B}#5"), "row \(row) single") }
    }

    func testRowsLeavingDoubleSizeOrChangingGoSingleBeforeTheRefresh() {
        let pairs: [RowSize] = [.single, .single, .doubleTop, .doubleBottom, .single, .single, .doubleTop, .doubleBottom]
        let later: [RowSize] = [.single, .single, .single, .single, .single, .single, .doubleTop, .doubleBottom]
        let before = LineAttributes.before(previous: pairs, next: later, changed: [7])
        XCTAssertEqual(before.rows, [2, 3, 7])
        XCTAssertEqual(LineAttributes.before(previous: [], next: [.doubleTop, .doubleBottom], changed: [1]).bytes, "", "nothing to undo")
        XCTAssertEqual(LineAttributes.before(previous: pairs, next: Array(pairs.prefix(4)), changed: []).rows, [6, 7], "rows a smaller window no longer has")
    }
}
