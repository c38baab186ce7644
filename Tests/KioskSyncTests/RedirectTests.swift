import Foundation
import XCTest
import KioskCore
import KioskOutbox
import KioskTestSupport
@testable import KioskSync
import KioskNetwork

/// A captive Wi-Fi page that redirects: the kiosk does not follow it, so the device token never
/// goes anywhere but the portal, and nothing is taken as sent.
final class RedirectTests: XCTestCase, EndToEnd {
    /// A server on 127.0.0.1 that redirects every request to its own `/landed`, and writes down
    /// what `/landed` received.
    func startRedirector(log: URL) throws -> ScriptedServer {
        try ScriptedServer(script: """
        import http.server, sys
        log = sys.argv[1]
        class H(http.server.BaseHTTPRequestHandler):
            def answer(self):
                if self.path == "/landed":
                    open(log, "a").write(self.headers.get("Authorization", "-") + "\\n")
                    self.send_response(200); self.end_headers(); self.wfile.write(b"<html>Wi-Fi</html>")
                else:
                    self.send_response(302); self.send_header("Location", "/landed"); self.end_headers()
            do_GET = do_POST = answer
            def log_message(self, *a): pass
        s = http.server.HTTPServer(("127.0.0.1", 0), H)
        print("http://127.0.0.1:%d" % s.server_port, flush=True)
        s.serve_forever()
        """, arguments: [log.path])
    }

    func testARedirectIsNotFollowedAndTheTokenStaysHome() throws {
        let log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("redirect-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: log) }
        let server = try startRedirector(log: log)
        let url = server.url
        let client = PortalClient(settings: PortalSettings(url: url, kioskID: "k", token: "secret-device-token", timeout: 5))
        guard case let .unreachable(why) = client.health() else { return XCTFail("a redirect is not the portal") }
        XCTAssertEqual(why, .notThePortal(status: 302))
        guard case .later = client.post(.submission, id: ItemID("00000000-0000-4000-8000-000000000001")!, payload: Data("{}".utf8)) else {
            return XCTFail("a redirected POST is not stored")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: log.path), "nothing reached the redirect's target")
    }
}

final class UploadScratchTests: XCTestCase {
    func testAScratchQueueLeftByAKilledUploadIsRemovedButALiveOneIsKept() throws {
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("scratch-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let dead = folder.appendingPathComponent("carekiosk-upload-999999999-a")
        let live = folder.appendingPathComponent("carekiosk-upload-\(getpid())-b")
        for f in [dead, live] { try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true) }
        BundleUploader.removeAbandonedScratch(in: folder)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dead.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: live.path))
    }
}
