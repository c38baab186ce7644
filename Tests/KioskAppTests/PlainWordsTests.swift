import XCTest
import KioskTestSupport
@testable import KioskApp
import KioskCore

/// Plain mode's own words for every key legend the screens use.
final class PlainWordsTests: XCTestCase {
    func testEveryKeyLegendHasPlainWordsThatNameNoKeypadKey() {
        // Every `keys.*` string is a hint's screen words, and every hint has plain words of its own.
        let legends = Set(Phrase.allForTesting.filter { $0.key.hasPrefix("keys.") })
        XCTAssertEqual(Set(KeyHint.allCases.map(\.screenWords)), legends)
        for locale in ["zh-Hans", "en"] {
            let s = loadStrings(locale)
            for hint in KeyHint.allCases {
                let plain = PlainWords.words(hint)
                XCTAssertEqual(plain.key, "plain." + hint.screenWords.key)
                let text = s.tr(plain)
                XCTAssertNotEqual(text, s.tr(hint.screenWords), "\(locale): \(hint) has words of its own in plain mode")
                XCTAssertFalse(text.contains("按") && text.contains("键"), "\(locale): \(text)")
                XCTAssertFalse(text.contains("Esc:") || text.contains("Backspace") || text.contains("Enter"), "\(locale): \(text)")
            }
        }
    }
}
