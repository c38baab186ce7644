import Foundation
import XCTest
@testable import KioskCore
import KioskRender
import KioskTestSupport

/// Every screen type as text and styles, in care and standard mode, at 80×24 and 120×40, in zh-Hans
/// and en, and care mode again where the terminal draws double-size rows (at the session's sizes too). The files live in
/// `__Snapshots__/`: the frame's text, then a line `--- styles ---`, then one letter per cell for its
/// role (t text, h heading, f focus, e error, s success, m muted, b background; capital when bold),
/// so that a change of colour or weight shows in the diff too; a frame with double-size rows ends
/// with `--- row sizes ---` and a letter per row (- single, T top half, B bottom half).
/// Set CAREKIOSK_UPDATE_SNAPSHOTS=1 to write them anew, then read the diff before committing.
final class SnapshotTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("__Snapshots__")
    let update = ProcessInfo.processInfo.environment["CAREKIOSK_UPDATE_SNAPSHOTS"] == "1"

    /// One state per screen type, reached by pressing keys on the bundled catalog.
    func screens(locale: String) -> [(String, WizardState)] {
        var out: [(String, WizardState)] = []
        var d = Driver(locale: locale)
        out.append(("home", d.state))
        d.digit(1)
        out.append(("category", d.state))
        d.digit(1)
        out.append(("intro", d.state))
        d.enter()
        out.append(("material", d.state))
        d.digit(1)
        out.append(("privacy", d.state))
        d.digit(1)
        for c in "5119221945" { d.key(.character(c)) }
        out.append(("question-typing", d.state))
        d.type("511922194503150017")
        out.append(("question-error", d.state))
        d.type("511922194503150016")
        d.digit(1)
        out.append(("question-choice", d.state))
        var warned = d.state
        _ = warned.reduce(.tick, Context(moment: Moment(date: testMoment.date.addingTimeInterval(91), utcOffsetSeconds: testMoment.utcOffsetSeconds), newID: .numbered(0)))
        out.append(("inactivity-warning", warned))
        d.digit(1)
        d.type("13800000000")
        out.append(("review", d.state))
        d.enter()
        out.append(("review-last-page", d.state))
        var saving = d.state
        _ = saving.reduce(.key(.enter), Context(moment: testMoment, newID: ItemID("2b4ff68d-db7d-46b8-8051-40d10284897a")!))
        out.append(("saving", saving))
        var failed = saving
        _ = failed.reduce(.saveFailed(submissionID: ItemID("2b4ff68d-db7d-46b8-8051-40d10284897a")!, .diskFull), Context(moment: testMoment, newID: .numbered(0)))
        out.append(("save-failed", failed))
        var leftAlone = failed
        _ = leftAlone.reduce(.tick, Context(moment: Moment(date: testMoment.date.addingTimeInterval(600), utcOffsetSeconds: testMoment.utcOffsetSeconds),
                                            newID: .numbered(0)))
        out.append(("home-unsaved", leftAlone))
        var confirmed = saving
        _ = confirmed.reduce(.saved(submissionID: ItemID("2b4ff68d-db7d-46b8-8051-40d10284897a")!), Context(moment: testMoment, newID: .numbered(0)))
        out.append(("confirmed", confirmed))
        var rating = confirmed
        _ = rating.reduce(.key(.enter), Context(moment: testMoment, newID: .numbered(0)))
        out.append(("rating", rating))

        var ineligible = Driver(locale: locale)
        ineligible.open("pension-certification")
        ineligible.enter(); ineligible.digit(1); ineligible.digit(1)
        ineligible.type("511922198001014565")
        out.append(("ineligible", ineligible.state))

        var offline = Driver(locale: locale)
        offline.digit(1)
        offline.state.screen = .needsNetwork(serviceID: "pension-certification")
        out.append(("needs-network", offline.state))

        var staff = d
        staff.key(.f1)
        out.append(("staff-called", staff.state))
        staff.enter()
        staff.key(.f1)
        out.append(("staff-called-already", staff.state))
        var language = Driver(locale: locale)
        language.key(.f4)
        out.append(("language", language.state))

        // A text question answered from the catalog's suggestions, with 其他 for a helper.
        var suggested = Driver(locale: locale)
        suggested.open("medical-treatment-elsewhere", until: .question("insured_place"))
        out.append(("suggestions", suggested.state))

        // 帮办代办: the resident's own consent, first page.
        var assisted = Driver(locale: locale)
        assisted.helperSequence()
        assisted.type("1001"); assisted.type("2468")
        assisted.send(.helperChecked(.verified(HelperSession(id: "1001", name: "张帮办"))))
        assisted.open("pension-certification")
        assisted.enter(); assisted.digit(1); assisted.digit(1)
        assisted.type("511922194503150016"); assisted.digit(1); assisted.digit(1); assisted.type("13800000000")
        assisted.enter()
        out.append(("assisted-consent", assisted.state))
        return out
    }

    /// Every snapshot this test compared, so that files no screen produces any more are found.
    var written: Set<String> = []

    func check(_ name: String, _ frame: ScreenBuffer, file: StaticString = #filePath, line: UInt = #line) {
        var text = frame.text + "\n--- styles ---\n" + frame.styleText
        if frame.hasDoubleRows { text += "\n--- row sizes ---\n" + frame.rowSizeText }
        written.insert("\(name).txt")
        let url = SnapshotTests.folder.appendingPathComponent("\(name).txt")
        if update {
            try? FileManager.default.createDirectory(at: SnapshotTests.folder, withIntermediateDirectories: true)
            try? Data((text + "\n").utf8).write(to: url)
            return
        }
        guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
            return XCTFail("no snapshot \(url.lastPathComponent); run the tests with CAREKIOSK_UPDATE_SNAPSHOTS=1", file: file, line: line)
        }
        XCTAssertEqual(text + "\n", stored, "snapshot \(name) differs", file: file, line: line)
    }

    func testEveryScreenTypeInBothModesSizesAndLanguages() throws {
        let font = try XCTUnwrap(UnifontHex(), "unifont is installed by scripts/test")
        for locale in ["zh-Hans", "en"] {
            let screen = KioskScreen(strings: loadStrings(locale), glyphs: font)
            let doubleScreen = KioskScreen(strings: loadStrings(locale), glyphs: font, doubleSize: true)
            for (name, base) in screens(locale: locale) {
                for care in [true, false] {
                    var state = base
                    state.careMode = care
                    for (w, h) in [(80, 24), (120, 40)] {
                        let frame = screen.render(state, width: w, height: h)
                        check("\(name)-\(care ? "care" : "standard")-\(w)x\(h)-\(locale)", frame)
                    }
                }
                // Care mode where the terminal draws double-size rows (xterm outside tmux), also at
                // the sizes of the kiosk session on 1024×768 and 1920×1080 screens (scripts/session/start).
                var state = base
                state.careMode = true
                for (w, h) in [(80, 24), (102, 26), (120, 40), (128, 23)] {
                    // As many answers to a page as the front end would measure at this size.
                    var sized = state
                    _ = sized.reduce(.setAnswersPerCarePage(doubleScreen.answersPerCarePage(width: w, height: h)), Context(moment: testMoment, newID: .numbered(99)))
                    // A new page size starts the answers again from their first page: the last one
                    // is turned to again, as a resident would.
                    if name == "review-last-page" {
                        for _ in 0..<WizardState.optionsPerPage where !sized.isLastPage { sized.turnAnswerPage(by: 1) }
                    }
                    check("\(name)-care-double-\(w)x\(h)-\(locale)", doubleScreen.render(sized, width: w, height: h))
                }
            }
            check("too-small-30x10-\(locale)", screen.render(Driver(locale: locale).state, width: 30, height: 10))
        }
        let stored = Set(try FileManager.default.contentsOfDirectory(atPath: SnapshotTests.folder.path))
        XCTAssertEqual(stored.subtracting(written).sorted(), [], "snapshots of screens that no longer exist")
    }

    func testCareModeButtonsAreTouchTargetsOfAtLeastThreeRowsByTwelveColumns() throws {
        var d = Driver()
        d.digit(1)
        let frame = KioskScreen(strings: loadStrings("zh-Hans"), glyphs: UnifontHex()).render(d.state, width: 80, height: 24)
        XCTAssertFalse(frame.targets.isEmpty)
        for t in frame.targets {
            XCTAssertGreaterThanOrEqual(t.height, 3)
            XCTAssertGreaterThanOrEqual(t.width, 12)
        }
        // A click inside the first option's button chooses option 1.
        let first = try XCTUnwrap(frame.targets.first { $0.key == .digit(1) })
        XCTAssertTrue(first.contains(row: first.row + 1, column: first.column + 5))
    }

    /// How many answers a care-mode page of the check-answers screen holds is the renderer's to
    /// say from the room it has: three at 80×24 (what the driver's kiosk is told), more on a taller
    /// screen, where a page of that many is drawn whole, each answer a touch target of its own.
    func testHowManyAnswersACarePageHoldsIsTheRenderersDecisionFromTheRoomItHas() throws {
        let screen = KioskScreen(strings: loadStrings("zh-Hans"), glyphs: UnifontHex())
        XCTAssertEqual(screen.answersPerCarePage(width: 80, height: 24), Driver.answersPerCarePageAt80x24)
        XCTAssertEqual(screen.answersPerCarePage(width: 80, height: 14), 1, "at least one, however small")
        let tall = screen.answersPerCarePage(width: 120, height: 40)
        XCTAssertGreaterThan(tall, Driver.answersPerCarePageAt80x24)
        var d = Driver()
        d.open("home-adaptation", until: .review)
        XCTAssertGreaterThan(d.state.reviewItems.count, tall, "the service has more answers than a tall page holds")
        d.send(.setAnswersPerCarePage(tall))
        XCTAssertEqual(d.state.visibleChoices.count, tall)
        let frame = screen.render(d.state, width: 120, height: 40)
        let answers = frame.targets.filter { if case .digit = $0.key { return true }; return false }
        XCTAssertEqual(answers.map(\.key), (1...tall).map(Key.digit), "every answer of the page is on screen: \(frame.text)")
        for target in answers { XCTAssertGreaterThanOrEqual(target.height, KioskScreen.buttonHeight) }
        XCTAssertTrue(frame.text.contains("第 1 页，共 \((d.state.reviewItems.count + tall - 1) / tall) 页"), frame.text)
    }

    func testTheTypedDigitsShowAtEverySizeAndATooSmallWindowSaysSo() {
        var d = Driver()
        d.open("pension-certification")
        d.enter(); d.digit(1); d.digit(1)
        for c in "51192219" { d.key(.character(c)) }
        let screen = KioskScreen(strings: loadStrings("zh-Hans"), glyphs: UnifontHex())
        for (w, h) in [(60, 20), (140, 45), (30, 10), (80, 24)] {
            let frame = screen.render(d.state, width: w, height: h)
            XCTAssertEqual(frame.width, w)
            if w >= KioskScreen.minimumWidth { XCTAssertTrue(frame.text.contains("51192219"), "\(w)x\(h)") }
            else { XCTAssertTrue(frame.text.contains("窗口太小")) }
        }
    }

    func testSensitiveValuesNeverAppearInFullOnceEntered() {
        var d = Driver()
        d.open("pension-certification")
        d.enter(); d.digit(1); d.digit(1)
        d.type("511922194503150016"); d.digit(1); d.digit(1); d.type("13800000000")
        let screen = KioskScreen(strings: loadStrings("zh-Hans"), glyphs: UnifontHex())
        for care in [true, false] {
            d.state.careMode = care
            let text = screen.render(d.state, width: 120, height: 40).text
            XCTAssertTrue(text.contains("5119**********0016"))
            XCTAssertFalse(text.contains("511922194503150016"))
            XCTAssertFalse(text.contains("13800000000"))
        }
    }
}

extension ScreenBuffer {
    /// One letter per row for its size: - single, T the top half of double-size text, B the bottom half.
    var rowSizeText: String {
        String(rowSizes.map { $0 == .doubleTop ? "T" : $0 == .doubleBottom ? "B" : "-" })
    }

    /// One letter per cell for its role, capital when bold (see `SnapshotTests`).
    var styleText: String {
        let letters: [Role: Character] = [.text: "t", .heading: "h", .focus: "f", .error: "e", .success: "s", .muted: "m", .background: "b"]
        return (0..<height).map { r in
            String((0..<width).map { c -> Character in
                let style = self[r, c].style
                let letter = letters[style.role] ?? "?"
                return style.bold ? Character(letter.uppercased()) : letter
            })
        }.joined(separator: "\n")
    }
}
