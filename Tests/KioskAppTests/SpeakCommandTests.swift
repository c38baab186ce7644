import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// `carekiosk speak --dry-run`: the voice, the exact text for eSpeak NG, and its phonemes last.
final class SpeakCommandTests: XCTestCase, EndToEnd {
    func lines(_ args: [String]) throws -> [String] {
        let run = try runCarekiosk(["speak", "--dry-run"] + args)
        XCTAssertEqual(run.status, 0, run.stderr)
        return run.stdout.split(separator: "\n").map(String.init)
    }

    func testAPhoneNumberIsReadDigitByDigitWithYao() throws {
        let out = try lines(["--field-type", "phone", "13812345671"])
        XCTAssertEqual(out.count, 3)
        XCTAssertEqual(out[0], "cmn-latn-pinyin")
        XCTAssertEqual(out[1], "yao1 san1 ba1，yao1 er4 san1 si4，wu3 liu4 qi1 yao1")
        XCTAssertTrue(out[2].hasPrefix("j'Au55"), out[2])
        XCTAssertFalse(out[2].contains("(en)"))
    }

    func testAnIdentityNumberIsNeverPrintedOrSpokenInFull() throws {
        let out = try lines(["--field-type", "id_number", "511922194503150016"])
        XCTAssertEqual(out[1], "wei3 hao4 ling2 ling2 yi1 liu4")
        XCTAssertFalse(out.joined().contains("5119"))
    }

    func testTheDictionaryReadsEveryWordAndCantoneseHasItsOwnVoice() throws {
        XCTAssertEqual(try lines(["请到银行还款"])[1], "qing3 dao4 yin2 hang2 huan2 kuan3。")
        let yue = try lines(["--voice", "yue", "请到银行参保"])
        XCTAssertEqual(yue[0], "yue-Latn-jyutping")
        XCTAssertEqual(yue[1], "cing2 dou3 ngan4 hong4 caam1 bou2。")
        XCTAssertFalse(yue[2].contains("(en)"), yue[2])
    }

    func testCheckPrintsWhatIsNotSaidAsWrittenWithACount() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# 两条对，一条错\n地址\tdi4 zhi3\n银行\tyin2 xing2\n还款\thuan2 kuan3\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try runCarekiosk(["speak", "--check", file.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        let out = run.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(out, ["第3行 银行：应读 yin2 xing2，现在读 yin2 hang2。", "共3条，读对2条（66.7%），读错1条"])
        try "地址\tdi4 zhi3\n".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(try runCarekiosk(["speak", "--check", file.path]).status, 0)
    }

    func testCheckReadsJyutpingWithTheCantoneseVoice() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try "银行\tngan4 hang4\n电话\tdin6 waa2\n下午\thaa6 ng5\n".write(to: file, atomically: true, encoding: .utf8)
        let run = try runCarekiosk(["speak", "--voice", "yue", "--check", file.path])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertEqual(run.stdout.split(separator: "\n").map(String.init),
                       ["第1行 银行：应读 ngan4 hang4，现在读 ngan4 hong4。", "共3条，读对2条（66.7%），读错1条"])
    }

    /// Issue 20, finding 15: what is spoken comes from the command line or a file; what is printed
    /// of it reaches the terminal without escape sequences, C1 controls or bidi overrides.
    func testDryRunAndCheckPrintNoControlCharactersFromTheirInput() throws {
        let hostile = "请到\u{1B}]0;owned\u{07}银行\u{1B}[2J\u{9B}31m还款\u{202E}abc\u{2066}"
        let dry = try runCarekiosk(["speak", "--dry-run", hostile])
        XCTAssertEqual(dry.status, 0, dry.stderr)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: file) }
        try "\(hostile)\tqing3 dao4\u{1B}[31m\n".write(to: file, atomically: true, encoding: .utf8)
        let check = try runCarekiosk(["speak", "--check", file.path])
        XCTAssertEqual(check.status, 1, check.stderr)
        for (what, out, said) in [("--dry-run", dry.stdout, "yin2 hang2"), ("--check", check.stdout, "银行")] {
            let unsafe = out.unicodeScalars.filter { $0 != "\n" && TerminalText.isUnsafe($0) }
            XCTAssertEqual(unsafe.map { String(format: "U+%04X", $0.value) }, [], "\(what) printed: \(out.debugDescription)")
            XCTAssertTrue(out.contains(said), "the rest is printed: \(out)")
        }
    }

    func testABadFieldTypeIsRefused() throws {
        let run = try runCarekiosk(["speak", "--field-type", "shoe-size", "42"])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("shoe-size"), run.stderr)
    }
}
