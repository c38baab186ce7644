import Foundation
import XCTest
import KioskCrypto
import KioskOutbox
import KioskTestSupport

/// Issue 7's search: residents finish whole services on a kiosk that seals to the portal's key;
/// then every file under the data folder and every screen and message the kiosk printed are
/// searched for the identity and phone numbers typed in. They are only inside sealed ciphertext,
/// and the portal opens them from there: a resident alone, and one with a helper (帮办代办), whose
/// run also opens the helper dashboard.
final class PrivacyTests: SyncTestCase {
    var keys: (privateKey: [UInt8], publicKey: [UInt8])!

    override func setUpWithError() throws {
        try super.setUpWithError()
        portal.stop()
        keys = try HPKE.generateKeyPair()
        portal = try ReferencePortal(privateKey: hex(keys.privateKey), keyID: "portal-2026")
    }

    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// The pension certification, start to rating, in plain mode.
    func pension(identity: String, phone: String) -> String {
        ["1", "1", "", "1", "1", identity, "1", "2", "江口镇二村三组5号", "2", phone, "", "", "1"].joined(separator: "\n") + "\n"
    }

    /// The same with a helper: log in (the keypad's `/`, `*`, `-`, number, PIN), fill in, the resident
    /// agrees on "请您本人确认" with an empty line (确认), rates, then the helper looks at the dashboard.
    func assistedPension(identity: String, phone: String) -> String {
        let fill = ["1", "1", "", "1", "1", identity, "1", "2", "江口镇二村三组5号", "2", phone]
        let dashboard = String(Driver().state.homeCategories.count + 1)
        return (helperSequenceKeys.map(String.init) + ["1001", "2468"] + fill + ["", "", "", "1", dashboard, ""]).joined(separator: "\n") + "\n"
    }

    /// Every byte under `folder`, file by file.
    func filesUnder(_ folder: URL) -> [(path: String, bytes: Data)] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        return (walker?.allObjects as? [URL] ?? []).compactMap { url in
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { return nil }
            return FileManager.default.contents(atPath: url.path).map { (url.path, $0) }
        }
    }

    func testTypedIdentityAndPhoneNumbersAreFoundNowhereButInsideTheSealedCiphertext() throws {
        let residents = [("511922194706120028", "13912345678"), ("11010519491231002X", "15887654321"), ("511922194503150016", "13800000000")]
        let secrets = residents.flatMap { [$0.0, $0.1] }
        let sealing = ["--portal-key", hex(keys.publicKey), "--portal-key-id", "portal-2026"]
        let dataArgs = ["--data-dir", data.root.path, "--kiosk-id", "cn-511922-test-01"]
        var printed: [String] = []
        let helper = try runCarekiosk(["helper", "add", "1001", "张帮办"] + dataArgs, input: "2468\n2468\n")
        XCTAssertEqual(helper.status, 0, helper.stderr)
        for (n, (identity, phone)) in residents.enumerated() {
            let assisted = n == 2
            let input = assisted ? assistedPension(identity: identity, phone: phone) : pension(identity: identity, phone: phone)
            let run = try runCarekiosk(["--plain"] + sealing + dataArgs, input: input)
            if assisted {
                XCTAssertTrue(run.stdout.contains("请您本人确认"), run.stdout)
                XCTAssertTrue(run.stdout.contains("帮办员工作台"), "the dashboard was shown: \(run.stdout)")
            }
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("== 已经记下了 =="), "the service was finished: \(run.stdout)")
            XCTAssertTrue(run.stdout.contains(identity.prefix(4) + "**********" + identity.suffix(4)), "masked after entry")
            printed += [run.stdout, run.stderr]
        }
        XCTAssertEqual(data.submissions.count(in: .ready), 3)
        let waiting = filesUnder(data.root)
        let status = try runCarekiosk(["status"] + dataArgs)
        let sync = try runCarekiosk(["sync", "--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path] + sealing + dataArgs)
        XCTAssertEqual(sync.status, 0, sync.stderr)
        printed += [status.stdout, status.stderr, sync.stdout, sync.stderr]
        XCTAssertEqual(data.submissions.count(in: .sent), 3)

        for (path, bytes) in waiting + filesUnder(data.root) {
            let text = String(decoding: bytes, as: UTF8.self)
            for secret in secrets { XCTAssertFalse(text.contains(secret), "\(secret) in \(path)") }
        }
        for secret in secrets {
            XCTAssertFalse(printed.contains { $0.contains(secret) }, "\(secret) was printed")
        }

        // Not vacuous: the numbers are in the ciphertext, and the portal opens what the kiosk sealed.
        let stored = try portal.storedSubmissions()
        XCTAssertEqual(stored.count, 3)
        for row in stored {
            let body = try XCTUnwrap(row["body"] as? [String: Any])
            XCTAssertNil(body["body"], "what reached the portal was sealed")
            XCTAssertEqual((body["sealed"] as? [String: Any])?["key_id"] as? String, "portal-2026")
        }
        let opened = stored.compactMap { ($0["opened"] as? [String: Any])?["answers"] as? [String: Any] }
        XCTAssertEqual(Set(opened.compactMap { $0["id_number"] as? String }), Set(residents.map(\.0)))
        XCTAssertEqual(Set(opened.compactMap { $0["phone"] as? String }), Set(residents.map(\.1)))
        let consent = stored.compactMap { ($0["opened"] as? [String: Any])?["consent"] as? [String: Any] }
        XCTAssertEqual(consent.count, 3, "the privacy notice's version is recorded in the consent")
        XCTAssertEqual(consent.filter { $0["proxy"] as? Bool == true }.count, 1, "the assisted one carries the resident's proxy consent")
        XCTAssertTrue(consent.allSatisfy { ($0["notice_version"] as? String)?.isEmpty == false })
    }
}
