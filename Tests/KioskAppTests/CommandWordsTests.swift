import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
@testable import KioskCommandLine
import KioskCore
import KioskRender

/// What a command says about its command line: the word that is wrong, the allowed range, every
/// option in `--help`, and one language chosen by `--locale`, the configuration or the system.
final class CommandWordsTests: XCTestCase {
    let zh = loadStrings("zh-Hans")

    func message(_ args: [String]) -> String? {
        do { _ = try Options.parse(args); return nil } catch { return error.message(zh) }
    }

    func testUsageErrorsNameTheWordThatIsWrong() {
        XCTAssertEqual(message(["status", "extra"]), "命令 status 后面多了“extra”。运行 carekiosk --help 查看用法。")
        XCTAssertEqual(message(["catalog", "chek", "a.json"]), "命令 catalog 后面的“chek”不对，可以是：check。运行 carekiosk --help 查看用法。")
        XCTAssertEqual(message(["audit"]), "命令 audit 后面缺少“verify”。运行 carekiosk --help 查看用法。")
        XCTAssertEqual(message(["upload"]), "命令 upload 后面缺少批量包文件。运行 carekiosk --help 查看用法。")
        XCTAssertEqual(message(["import-receipts"]), "命令 import-receipts 后面缺少回执文件。运行 carekiosk --help 查看用法。")
        XCTAssertEqual(message(["helper", "add", "1001"]), "命令 helper add 1001 后面缺少帮办员的姓名。运行 carekiosk --help 查看用法。")
        XCTAssertEqual(message(["export"]), "命令 export 后面缺少U盘上的文件夹（--to 文件夹）。运行 carekiosk --help 查看用法。")
        XCTAssertEqual(message(["speak", "--field-type"]), "参数 --field-type 后面缺少值。")
    }

    func testANumberOutOfRangeGivesTheAllowedRange() {
        XCTAssertEqual(message(["--inactivity", "30"]), "参数 --inactivity 的值“30”不对，可以是：60-3600。")
        XCTAssertEqual(message(["speak", "--field-type", "digits", "1"]), "参数 --field-type 的值“digits”不对，可以是：id_number, phone, receipt, amount, date。")
    }

    func testHelpListsEveryOptionOfTheTable() throws {
        for locale in ["zh-Hans", "en"] {
            let help = HelpText.text(loadStrings(locale))
            for setting in Options.settings {
                XCTAssertTrue(help.contains("  \(setting.flag)"), "\(locale): \(setting.flag) is missing from --help")
                if let key = setting.key { XCTAssertTrue(help.contains(key), "\(locale): \(key)") }
            }
            XCTAssertTrue(help.contains("--usb-folder"))
            XCTAssertTrue(help.contains("--inactivity 60-3600"))
        }
        // Every option the help lists is one the command line reads.
        XCTAssertEqual(try Options.parse(["--usb-folder", "/media/usb"]).usbFolder, "/media/usb")
        XCTAssertEqual(try Options.parse(["sync", "--watch", "--with-parent"]).command, .sync(.watch(withParent: true)))
        XCTAssertEqual(try Options.parse(["speak", "--field-type", "phone", "138"]).fieldType, .phone)
    }

    func testTheSystemLocaleChoosesEnglishOnlyWhenNothingElseSaysSo() {
        let available = ["zh-Hans", "en"]
        XCTAssertEqual(SystemLocale.tag(["LANG": "en_US.UTF-8"], available: available), "en")
        XCTAssertEqual(SystemLocale.tag(["LC_ALL": "", "LANG": "en_GB.UTF-8"], available: available), "en", "an empty variable is unset")
        XCTAssertNil(SystemLocale.tag(["LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"], available: available), "LC_ALL over LANG")
        XCTAssertEqual(SystemLocale.tag(["LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"], available: available), "en")
        for value in ["zh_CN.UTF-8", "C", "POSIX", "fr_FR.UTF-8"] {
            XCTAssertNil(SystemLocale.tag(["LANG": value], available: available), value)
        }
        XCTAssertNil(SystemLocale.tag([:], available: available))
    }

    func testMessagesFollowLangUnlessTheCommandLineOrTheConfigurationSetsTheLocale() throws {
        let root = temporaryFolder("command-words")
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("config.json")
        try Data(#"{"locale": "zh-Hans"}"#.utf8).write(to: config)
        let environment = ["CAREKIOSK_HOME": repoRoot.path, "XDG_CONFIG_HOME": root.appendingPathComponent("none").path,
                           "LANG": "en_US.UTF-8"]
        XCTAssertEqual(Invocation.prepare(["status"], environment: environment)?.strings.locale, "en")
        XCTAssertEqual(Invocation.prepare(["status", "--locale", "zh-Hans"], environment: environment)?.strings.locale, "zh-Hans")
        XCTAssertEqual(Invocation.prepare(["status", "--config", config.path], environment: environment)?.strings.locale, "zh-Hans")
        XCTAssertEqual(Invocation.prepare(["status"], environment: environment.merging(["LC_ALL": "zh_CN.UTF-8"]) { $1 })?.strings.locale,
                       "zh-Hans")
        XCTAssertEqual(Invocation.prepare(["status"], environment: environment)?.options.locale, nil,
                       "the residents' screens do not follow LANG")
    }

    func testAPortalRefusalIsSaidInOneLanguage() {
        XCTAssertEqual(RefusalWords.reason("unknown_service", zh), "门户不认识这项业务或它的版本")
        XCTAssertEqual(RefusalWords.field("phone format", zh), "字段 phone 格式不对")
        XCTAssertEqual(RefusalWords.reason("teapot", zh), "门户代码 teapot")
        XCTAssertEqual(RefusalWords.field("phone required", loadStrings("en")), "field phone is missing")
    }

    func testAThemeThatCannotBeUsedIsSaidInTheMessagesLanguage() {
        XCTAssertEqual(ThemeMessages.describe(ResourceError.missingTheme("/k/themes/nosuch.json"), zh,
                                               available: Resources(root: repoRoot).themeNames),
                       "找不到配色文件 /k/themes/nosuch.json：--care-theme 只能用 themes 文件夹里已有的名称（care、high-contrast、standard）。")
        do {
            _ = try Theme.load(Data(#"{"colors": {}}"#.utf8), file: "t.json")
            XCTFail("a theme without colours loads")
        } catch {
            XCTAssertTrue(ThemeMessages.describe(error, zh, available: []).hasPrefix("配色文件 t.json 缺少 colors."), ThemeMessages.describe(error, zh, available: []))
        }
    }
}
