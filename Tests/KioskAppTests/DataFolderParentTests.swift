import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
@testable import KioskCommandLine

/// A data folder named with `--data-dir` whose parent does not exist is refused by every command
/// that opens it, and nothing is made: a typo must not look like an empty queue.
final class DataFolderParentTests: XCTestCase {
    var root: URL!
    var missing: URL { root.appendingPathComponent("no-such-folder/data") }
    var environment: [String: String] {
        ["CAREKIOSK_HOME": repoRoot.path, "XDG_CONFIG_HOME": root.appendingPathComponent("no-config").path]
    }

    override func setUp() { root = temporaryFolder("data-parent") }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func testAMissingDataFolderParentIsRefusedByStatusExportAndTheKiosk() throws {
        let usb = root.appendingPathComponent("usb")
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: false)
        for args in [["status"], ["export", "--to", usb.path], ["--plain"], ["audit", "verify"]] {
            XCTAssertEqual(CareKiosk.main(args + ["--data-dir", missing.path], environment: environment), 2, "\(args)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.deletingLastPathComponent().path), "nothing was made")
    }

    func testTheMessageNamesTheFolderInTheUsersLanguage() throws {
        var options = Options()
        options.dataDir = missing.path
        let parent = missing.deletingLastPathComponent().path
        XCTAssertEqual(CareKiosk.missingParent(of: missing)?.path, parent)
        XCTAssertEqual(loadStrings("zh-Hans").tr(.cliDataDirNoParent(path: missing.path, parent: parent)),
                       "数据目录 \(missing.path) 的上一级文件夹 \(parent) 不存在：请检查路径有没有写错。只会新建最后一级文件夹。")
        XCTAssertNil(CareKiosk.openDataFolder(options, loadStrings("en"), environment))
    }

    func testOnlyTheLastFolderIsMade() throws {
        var options = Options()
        options.dataDir = root.appendingPathComponent("data").path
        XCTAssertNotNil(CareKiosk.openDataFolder(options, loadStrings("zh-Hans"), environment))
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("data/submissions").path))
    }

    /// `status` makes nothing, so a data folder that is not there is said, not shown as zeros.
    func testStatusOnADataFolderThatIsNotThereSaysSo() throws {
        let typo = root.appendingPathComponent("dta")
        XCTAssertEqual(CareKiosk.main(["status", "--data-dir", typo.path], environment: environment), 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: typo.path))
        XCTAssertEqual(loadStrings("zh-Hans").tr(.queueNoDataDir(path: typo.path)),
                       "数据目录 \(typo.path) 不存在：路径可能写错了，或者自助终端还没有在这里保存过任何东西。没有可以报告的。")
    }
}
