import Foundation
import XCTest
import KioskTestSupport

/// `carekiosk speak --dry-run`: the voice, the exact text for eSpeak NG, and its phonemes last.
final class SpeakCommandTests: XCTestCase {
    func lines(_ args: [String]) throws -> [String] {
        let run = try runCarekiosk(["speak", "--dry-run"] + args)
        XCTAssertEqual(run.status, 0, run.stderr)
        return run.stdout.split(separator: "\n").map(String.init)
    }

    func testAPhoneNumberIsReadDigitByDigitWithYao() throws {
        let out = try lines(["--field-type", "phone", "13812345671"])
        XCTAssertEqual(out.count, 3)
        XCTAssertEqual(out[0], "cmn-latn-pinyin")
        XCTAssertEqual(out[1], "yao1 三八，yao1 二三四，五六七 yao1")
        XCTAssertTrue(out[2].hasPrefix("j'Au55"), out[2])
        XCTAssertFalse(out[2].contains("(en)"))
    }

    func testAnIdentityNumberIsNeverPrintedOrSpokenInFull() throws {
        let out = try lines(["--field-type", "id_number", "511922194503150016"])
        XCTAssertEqual(out[1], "wei3 hao4 零零一六")
        XCTAssertFalse(out.joined().contains("5119"))
    }

    func testTheLexiconFixesPolyphonicWordsAndCantoneseHasItsOwnVoice() throws {
        XCTAssertEqual(try lines(["请到银行还款"])[1], "请到 yin2 hang2 huan2 kuan3。")
        let yue = try lines(["--voice", "yue", "请到银行还款"])
        XCTAssertEqual(yue[0], "yue")
        XCTAssertEqual(yue[1], "请到银行还款。")
    }

    func testABadFieldTypeIsRefused() throws {
        let run = try runCarekiosk(["speak", "--field-type", "shoe-size", "42"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("shoe-size"), run.stderr)
    }
}
