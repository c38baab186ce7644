import Foundation
import XCTest
import KioskTestSupport

/// `carekiosk-sender` is built from the command-line module and the wire, never from the screen's
/// module: it links no ncursesw and carries no eSpeak NG (which the screen loads with dlopen, so
/// only the loader's library name in the binary shows it). Checked on the built program beside
/// the tests (or beside `CAREKIOSK_BIN`, for the static release build).
final class SenderLibrariesTests: XCTestCase, RunsProgramsQuickly {
    let sender = carekioskBinary.deletingLastPathComponent().appendingPathComponent("carekiosk-sender")

    func testTheSenderLinksNoNcursesw() throws {
        let ldd = Process()
        ldd.executableURL = URL(fileURLWithPath: "/usr/bin/ldd")
        ldd.arguments = [sender.path]
        let run = try runToEnd(ldd)
        // A static build has no libc line: ldd says so instead ("not a dynamic executable").
        XCTAssertTrue(run.stdout.contains("libc.so") || (run.stdout + run.stderr).contains("not a dynamic executable"),
                      "ldd read the sender: \(run.stdout)\(run.stderr)")
        XCTAssertFalse(run.stdout.contains("libncursesw"), run.stdout)
        XCTAssertFalse(run.stdout.contains("libtinfo"), run.stdout)
        // eSpeak NG is loaded with dlopen, never linked: `testTheSenderCarriesNoSpeechLoader` looks for it.
    }

    func testTheSenderCarriesNoSpeechLoader() throws {
        let binary = try Data(contentsOf: sender)
        // The kiosk id's variable is read by both programs: the bytes are the sender's own.
        XCTAssertNotNil(binary.range(of: Data("CAREKIOSK_KIOSK_ID".utf8)))
        XCTAssertNil(binary.range(of: Data("libespeak".utf8)), "the eSpeak NG loader is linked into the sender")
    }

    /// SwiftPM's list of what it linked, when the sender was built here: no module of the screen.
    func testTheSenderIsLinkedFromNoModuleOfTheScreen() throws {
        let list = sender.deletingLastPathComponent().appendingPathComponent("carekiosk-sender.product/Objects.LinkFileList")
        // An installed binary (CAREKIOSK_BIN) has no such list beside it: the other two tests cover it.
        guard let text = try? String(contentsOf: list, encoding: .utf8) else { throw XCTSkip("no link file list at \(list.path)") }
        XCTAssertTrue(text.contains("/KioskCommandLine.build/"), text)
        for module in ["KioskApp", "KioskRender", "KioskTerminal", "KioskSpeech", "CEspeakNG"] {
            XCTAssertFalse(text.contains("/\(module).build/"), "\(module) is linked into the sender")
        }
    }
}
