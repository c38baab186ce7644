import XCTest
import KioskTestSupport
@testable import KioskApp
import KioskCore

/// Plain mode's own words for every key legend the screens use.
final class PlainWordsTests: XCTestCase {
    func testEveryKeyLegendHasPlainWordsThatNameNoKeypadKey() {
        let legends = StringKey.allCases.filter { $0.rawValue.hasPrefix("keys.") }
        XCTAssertFalse(legends.isEmpty)
        for locale in ["zh-Hans", "en"] {
            let s = loadStrings(locale)
            let words = PlainWords.legend(s)
            for key in legends {
                let plain = PlainWords.plainKey(key)
                XCTAssertNotNil(plain, "\(key.rawValue) has no plain.\(key.rawValue)")
                XCTAssertEqual(words[s.tr(key)], plain.map { s.tr($0) })
            }
            for text in words.values {
                XCTAssertFalse(text.contains("按") && text.contains("键"), "\(locale): \(text)")
                XCTAssertFalse(text.contains("Esc:") || text.contains("Backspace") || text.contains("Enter"), "\(locale): \(text)")
            }
        }
    }
}
