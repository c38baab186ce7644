import Foundation
import KioskCore
import KioskTestSupport
import XCTest

/// A catalog's `pronunciations`: kept when each reading has a tone-numbered syllable per character,
/// reported at its JSON path otherwise.
final class CatalogPronunciationsTests: XCTestCase {
    func catalog(_ pronunciations: String) -> Result<Catalog, CatalogError> {
        let json = """
        {"catalog_version": "2026-11-01", "pronunciations": \(pronunciations),
         "services": [{"id": "s", "version": 1, "title": {"zh-Hans": "给付"},
                       "steps": [{"id": "a", "title": {"zh-Hans": "问"}, "fields": [{"id": "n", "type": "text", "label": {"zh-Hans": "姓名"}}]}]}]}
        """
        return CatalogLoader.load(Data(json.utf8))
    }

    func testGoodReadingsAreKeptWithVAsUe() throws {
        let loaded = try catalog(#"{"给付": "ji3 fu4", "绿色": "LV4 se4"}"#).get()
        XCTAssertEqual(loaded.readings.mandarin, ["给付": "ji3 fu4", "绿色": "lü4 se4"])
        XCTAssertEqual(try catalog("{}").get().readings, CatalogReadings())
    }

    func testBadReadingsAreNamedByTheirPathInChinese() {
        guard case let .failure(error) = catalog(#"{"给付": "ji fu4", "供养": "gong1", "重听": 3}"#) else { return XCTFail("accepted") }
        let zh = loadStrings("zh-Hans")
        XCTAssertEqual(error.problems.map { "\($0.path): \($0.message(zh))" }, [
            "pronunciations.给付: 读音“ji”不合格式：每个音节是拼音字母加一个声调数字 1-5（例如 ji3）",
            "pronunciations.供养: “供养”有2个字，读音却有1个音节：应该每个字一个音节",
            "pronunciations.重听: 类型不对：应该是文字（用引号括起来），这里是数字",
        ])
        guard case let .failure(notObject) = catalog(#"["给付"]"#) else { return XCTFail("accepted") }
        XCTAssertEqual(notObject.problems.map(\.path), ["pronunciations"])
    }

    func testAnObjectGivesTheCantoneseReadingInJyutping() throws {
        let loaded = try catalog(#"{"给付": {"cmn": "ji3 fu4", "yue": "kap1 fu6"}, "街坊": {"yue": "gaai1 fong1"}, "供养": "gong1 yang3"}"#).get()
        XCTAssertEqual(loaded.readings.words(for: .mandarin), ["给付": "ji3 fu4", "供养": "gong1 yang3"])
        XCTAssertEqual(loaded.readings.words(for: .cantonese), ["给付": "kap1 fu6", "街坊": "gaai1 fong1"])
        XCTAssertEqual(loaded.readings.words(for: .english), [:])
    }

    func testBadJyutpingIsNamedByItsPathInChinese() {
        guard case let .failure(error) = catalog(#"{"给付": {"yue": "kap7 fu6"}, "街坊": {"yue": "gaai1"}, "供养": {"hak": "gung1 joeng5"}}"#)
        else { return XCTFail("accepted") }
        let zh = loadStrings("zh-Hans")
        XCTAssertEqual(error.problems.map { "\($0.path): \($0.message(zh))" }.sorted(), [
            "pronunciations.供养.hak: 读音只能给 cmn（普通话拼音）或 yue（粤拼），这里是“hak”",
            "pronunciations.给付.yue: 粤拼读音“kap7”不合格式：每个音节是粤拼字母加一个声调数字 1-6（例如 gaai1）",
            "pronunciations.街坊.yue: “街坊”有2个字，读音却有1个音节：应该每个字一个音节",
        ])
    }

    func testPinyinsVIsNoJyutping() {
        guard case let .failure(error) = catalog(#"{"绿": {"cmn": "lv4", "yue": "lv6"}, "女": {"yue": "nü5"}}"#) else { return XCTFail("accepted") }
        XCTAssertEqual(error.problems.map(\.issue).sorted { "\($0)" < "\($1)" }, [.badJyutpingSyllable("lv6"), .badJyutpingSyllable("nü5")])
    }

    func testATone6IsNotPinyin() {
        guard case let .failure(error) = catalog(#"{"给付": "ji6 fu4"}"#) else { return XCTFail("accepted") }
        XCTAssertEqual(error.problems.map(\.issue), [.badReadingSyllable("ji6")])
    }
}
