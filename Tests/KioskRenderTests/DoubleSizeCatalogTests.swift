import XCTest
@testable import KioskCore
@testable import KioskRender
import KioskTestSupport

/// Every page of every bundled service, walked with the first option and a valid answer, drawn in
/// care mode with double rows at the kiosk session's sizes (1024×768: 102×26, 1280×1024: 106×27,
/// 1920×1080: 128×23):
/// which frames hold a resident text at single size. Prints the count per size.
final class DoubleSizeCatalogTests: XCTestCase {
    let strings = loadStrings("zh-Hans")
    var screen: KioskScreen { KioskScreen(strings: strings, glyphs: nil, doubleSize: true) }

    /// The states a resident passes through in each service, up to its confirmation.
    func walk(_ serviceID: String) -> [(String, WizardState)] {
        var d = Driver()
        d.open(serviceID)
        var seen: [(String, WizardState)] = []
        let answers = ["511922194503150016", "13800000000", "19450315", "1200", "2", "四川省眉山市仁寿县文林镇1组"]
        for _ in 0..<80 {
            seen.append(("\(serviceID) \(d.page.map { "\($0)" } ?? "\(d.state.screen)")", d.state))
            if d.state.receipt != nil { break }
            let before = d.state
            if d.state.acceptsText {
                for answer in answers {
                    d.type(answer)
                    if d.state.error == nil { break }
                }
            } else if d.page == .privacy || d.state.isCheckingAnswers || d.page == .intro {
                d.enter()
            } else {
                d.digit(1)
            }
            if d.state.screen == before.screen, d.state.error == nil { d.enter() }
        }
        return seen
    }

    /// Rows at single size that hold more than rules: resident text not doubled.
    func singleTextRows(_ frame: ScreenBuffer) -> [String] {
        let rows = frame.text.components(separatedBy: "\n")
        return (2..<frame.height).filter { frame.rowSizes[$0] == .single }.map { rows[$0].trimmingCharacters(in: .whitespaces) }
            .filter { !$0.allSatisfy { $0 == "─" || $0 == " " } }
    }

    func testEveryPageOfTheBundledServicesIsDoubleAtTheSessionsSizes() {
        var states: [(String, WizardState)] = []
        for service in bundledCatalog.services { states += walk(service.id) }
        XCTAssertGreaterThan(states.count, 60, "the walk reached the services' pages")
        for (w, h) in [(102, 26), (106, 27), (128, 23)] {
            var single: [String] = []
            var pages = 0
            for (name, base) in states {
                var state = base
                _ = state.reduce(.setAnswersPerCarePage(screen.answersPerCarePage(width: w, height: h)), Context(moment: testMoment, newID: .numbered(9)))
                // Every page of a text shown a page at a time.
                var frame = screen.render(state, width: w, height: h)
                if !singleTextRows(frame).isEmpty { single.append("\(name): \(singleTextRows(frame).first!)") }
                for page in 1..<max(1, frame.textPages) {
                    state.textPage = page
                    frame = screen.render(state, width: w, height: h)
                    pages += 1
                    if !singleTextRows(frame).isEmpty { single.append("\(name), page \(page + 1): \(singleTextRows(frame).first!)") }
                }
            }
            print("care mode, double rows, \(w)×\(h): \(states.count + pages - single.count) of \(states.count + pages) frames wholly double (\(pages) of them later pages of a text)")
            XCTAssertEqual(single, [], "\(w)×\(h)")
        }
    }
}
