import Foundation
import XCTest
import KioskCore
import KioskOutbox
import KioskTestSupport
@testable import KioskSync
import KioskNetwork

/// What comes from outside is evidence to check, never an order: receipts files, bundles, portal
/// answers and the files of the queue itself, however forged, cut short or huge.
final class NothingTrustedTests: SyncTestCase {
    var usb: URL { data.root.appendingPathComponent("usb") }
    var portalArgs: [String] { ["--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path] }

    func carekiosk(_ args: [String], input: String = "", environment: [String: String] = [:]) throws -> CarekioskRun {
        try runCarekiosk(args + ["--data-dir", data.root.path, "--kiosk-id", "cn-511922-test-01"], input: input, environment: environment)
    }

    func export() throws -> (file: URL, sha256: String) {
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: usb.path))
        let run = try carekiosk(["export", "--to", usb.path])
        XCTAssertEqual(run.status, 0, run.stderr)
        let name = try XCTUnwrap(Set(try FileManager.default.contentsOfDirectory(atPath: usb.path)).subtracting(before).first)
        let file = usb.appendingPathComponent(name)
        return (file, try BundleFile.read(Data(contentsOf: file)).sha256)
    }

    func receiptsFile(_ name: String, bundle: String, _ results: [(id: String, status: Int, receipt: String?)]) throws -> URL {
        let entries = results.map { r -> String in
            let receipt = r.receipt.map { #","receipt":"\#($0)""# } ?? ""
            return #"{"id":"\#(r.id)","status":\#(r.status)\#(receipt)}"#
        }
        let file = usb.appendingPathComponent(name)
        try Data(#"{"bundle_sha256":"\#(bundle)","results":[\#(entries.joined(separator: ","))]}"#.utf8).write(to: file)
        return file
    }

    /// Finding 1: a receipts file listing items it has no evidence for marks nothing sent.
    func testForgedReceiptsChangeNothingAndEachLineIsNamed() throws {
        try queue([submission(1), submission(2)])
        let first = try export()
        try queue([submission(3)])
        let second = try export()
        try queue([submission(4)])        // never exported
        let forged = try receiptsFile("forged.receipts.json", bundle: first.sha256, [
            (submission(4).id, 201, "SC-FAKE-4"),                 // still in ready/
            (submission(3).id, 201, "SC-FAKE-3"),                 // went out in the other bundle
            (submission(1).id, 200, nil),                         // "stored" without a receipt
            ("99999999-9999-4999-8999-999999999999", 201, "SC-X"), // not this kiosk's
            ("../../etc/PWNED", 201, "SC-Y"),
        ])
        let run = try carekiosk(["import-receipts", forged.path])
        XCTAssertEqual(run.status, 1, "lines that change nothing need a look")
        XCTAssertEqual(run.stdout, "已标为已发送 0 件，退回 0 件，之前已处理 0 件。\n")
        XCTAssertTrue(run.stderr.contains("\(submission(4).id)：还没有导出，这一件没有改动。"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(submission(3).id)：这一件不在这次导出的U盘文件里，这一件没有改动。"), run.stderr)
        XCTAssertTrue(run.stderr.contains("\(submission(1).id)：回执没有说门户已经收下"), run.stderr)
        XCTAssertTrue(run.stderr.contains("不是本机的件") && run.stderr.contains("编号不对"), run.stderr)

        let madeUp = try receiptsFile("made-up.receipts.json", bundle: String(repeating: "ab", count: 32), [(submission(1).id, 201, "SC-FAKE-1")])
        let mismatch = try carekiosk(["import-receipts", madeUp.path])
        XCTAssertTrue(mismatch.stderr.contains("\(submission(1).id)：回执和U盘文件对不上"), mismatch.stderr)

        XCTAssertEqual(ids(.sent), [], "nothing marked sent: the portal holds none of them")
        XCTAssertEqual(ids(.ready), [submission(4).id])
        XCTAssertEqual(Set(ids(.exported)), Set([1, 2, 3].map { submission($0).id }))
        for n in 1...4 { XCTAssertNotNil(item(submission(n).id, ids(.ready).contains(submission(n).id) ? .ready : .exported)?.payload, "answers kept") }

        // The real receipts of the first bundle are still taken.
        let real = try receiptsFile("real.receipts.json", bundle: first.sha256, [(submission(1).id, 201, "SC-1"), (submission(2).id, 200, "SC-2")])
        let good = try carekiosk(["import-receipts", real.path])
        XCTAssertEqual(good.status, 0, good.stderr)
        XCTAssertEqual(Set(ids(.sent)), [submission(1).id, submission(2).id])
        withExtendedLifetime(second) {}
    }

    /// Finding 4: an id that is a path is refused before anything is written.
    func testABundleWithATraversalIDIsRefusedWholeNamingTheLine() throws {
        let target = data.root.appendingPathComponent("PWNED.json")
        let evil = #"{"id":"../../../../\#(data.root.path.dropFirst())/PWNED","service_id":"pension-certification"}"#
        let (bytes, _) = BundleFile.encode(kioskID: "k", createdAt: Moment.parse("2026-11-22T09:30:00+08:00")!,
                                           payloads: [submission(1).bytes, Data(evil.utf8)])
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        let bundle = usb.appendingPathComponent("evil.ckb")
        try bytes.write(to: bundle)
        let run = try carekiosk(["upload", bundle.path] + portalArgs)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("第 3 行的编号不是自助机生成的编号"), run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
        XCTAssertEqual(try portal.storedSubmissions().count, 0, "refused whole: not even the good line is sent")
        XCTAssertFalse(FileManager.default.fileExists(atPath: BundleUploader.receiptsFile(for: bundle).path))
    }

    /// Finding 5: the receipts file `upload` writes beside the bundle never writes through a planted link.
    func testUploadNeverWritesThroughALinkPlantedAtItsReceiptsFile() throws {
        try queue([submission(1)])
        let bundle = try export().file
        let victim = data.root.appendingPathComponent("victim.txt")
        try Data("keep me".utf8).write(to: victim)
        let receipts = BundleUploader.receiptsFile(for: bundle)
        try FileManager.default.createSymbolicLink(atPath: receipts.path, withDestinationPath: victim.path)
        // The names an upload used to write first: its own pid, which comes next.
        let last = Int((try String(contentsOfFile: "/proc/sys/kernel/ns_last_pid", encoding: .utf8)).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        for pid in (last + 1)...(last + 400) {
            try? FileManager.default.createSymbolicLink(atPath: usb.appendingPathComponent(".\(receipts.lastPathComponent).\(pid).tmp").path,
                                                        withDestinationPath: victim.path)
        }
        XCTAssertEqual(try carekiosk(["upload", bundle.path] + portalArgs).status, 0)
        XCTAssertEqual(try String(contentsOf: victim, encoding: .utf8), "keep me")
        XCTAssertEqual(try FileManager.default.attributesOfItem(atPath: receipts.path)[.type] as? FileAttributeType, .typeRegular)
        XCTAssertEqual(try carekiosk(["import-receipts", receipts.path]).status, 0)
        XCTAssertEqual(ids(.sent), [submission(1).id])
    }

    /// Finding 7: a huge receipts file is refused as it is read, in little memory and time.
    func testA400MegabyteReceiptsFileIsRefusedQuicklyInLittleMemory() throws {
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        let huge = usb.appendingPathComponent("huge.receipts.json")
        try Data(#"{"bundle_sha256":""#.utf8).write(to: huge)
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 400 << 20)
        try handle.close()
        let run = try runCarekioskMeasured(["import-receipts", huge.path, "--data-dir", data.root.path],
                                           environment: ["XDG_CONFIG_HOME": data.root.appendingPathComponent("no-config").path])
        print("400 MB receipts file: refused in \(String(format: "%.2f", run.seconds)) s, peak \(String(format: "%.1f", run.peakMegabytes)) MB")
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "文件 \(huge.path) 太大（超过 16 MB），没有读取。\n")
        XCTAssertLessThan(run.seconds, 2)
        XCTAssertLessThan(run.peakMegabytes, 100)
    }

    /// Finding 7: a catalog file of 500 MB is refused, naming the file and the limit.
    func testAHugeCatalogIsRefusedNamingTheFileAndTheLimit() throws {
        let huge = data.root.appendingPathComponent("huge-catalog.json")
        _ = FileManager.default.createFile(atPath: huge.path, contents: Data("{".utf8))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 500 << 20)
        try handle.close()
        let run = try runCarekioskMeasured(["catalog", "check", huge.path])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, "文件 \(huge.path) 太大（超过 4 MB），没有读取。\n")
        XCTAssertLessThan(run.peakMegabytes, 100)
    }

    /// Finding 7: a portal (or whatever answers) sending half a gigabyte is cut off as it arrives.
    func testAHugePortalAnswerIsCutOffAsItArrives() throws {
        let server = try ScriptedServer(script: """
        import http.server
        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def answer(self):
                n = int(self.headers.get("Content-Length") or 0)
                if n: self.rfile.read(n)
                self.send_response(201); self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(500 << 20)); self.end_headers()
                chunk = b" " * (1 << 20)
                try:
                    for _ in range(500): self.wfile.write(chunk)
                except Exception: pass
            do_GET = do_POST = answer
            def log_message(self, *a): pass
        s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        print("http://127.0.0.1:%d" % s.server_port, flush=True)
        s.serve_forever()
        """)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let before = usage.ru_maxrss
        let started = Date()
        let client = PortalClient(settings: PortalSettings(url: server.url, kioskID: "k", token: "t", timeout: 10))
        let outcome = client.post(.submission, id: ItemID(submission(1).id)!, payload: submission(1).bytes)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let grown = Double(usage.ru_maxrss - before) / 1024
        print("500 MB portal answer: cut off after \(String(format: "%.2f", Date().timeIntervalSince(started))) s, peak memory grew \(String(format: "%.1f", grown)) MB")
        XCTAssertEqual(outcome, .later(.transport(.answerTooLarge(limit: PortalClient.Limit.submission)), retryAfter: nil))
        XCTAssertLessThan(grown, 100)
    }

    /// Finding 8: damaged queue files are named on this kiosk and never reach the portal.
    func testDamagedFilesNeverReachThePortalAndAreNamed() throws {
        try queue([submission(1), submission(2), submission(3), submission(4)])
        let ready = data.submissions.folder(.ready)
        let file = { (n: Int) in ready.appendingPathComponent("\(self.submission(n).id).json") }
        try Data().write(to: file(1))
        let whole = try Data(contentsOf: file(2))
        try whole.prefix(whole.count / 2).write(to: file(2))
        try Data(contentsOf: file(4)).write(to: file(3))   // submission 4's bytes under 3's name
        let run = try carekiosk(["sync"] + portalArgs)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(try storedCounts(), [submission(4).id: 1], "only the sound file is posted")
        for n in 1...3 { XCTAssertTrue(run.stderr.contains("本机文件损坏：\(submission(n).id).json"), run.stderr) }
        XCTAssertTrue(run.stderr.contains("文件是空的") && run.stderr.contains("文件里的编号和文件名对不上"), run.stderr)
        XCTAssertFalse(run.stderr.contains("被门户退回"), "the portal is not blamed for a local fault")
        XCTAssertEqual(Set(ids(.damaged)), Set([1, 2, 3].map { submission($0).id }))
        let status = try carekiosk(["status"])
        XCTAssertEqual(status.status, 1)
        XCTAssertTrue(status.stdout.contains("文件损坏：3 件"), status.stdout)
        XCTAssertTrue(status.stderr.contains("本机文件损坏：\(submission(2).id).json（申请内容读不出来"), status.stderr)
        let audit = try String(contentsOf: data.audit.file, encoding: .utf8)
        XCTAssertEqual(audit.components(separatedBy: "\"event\":\"damaged\"").count - 1, 3)
    }

    /// Finding 12: a portal with a certificate nobody vouches for is said to be untrusted.
    func testASelfSignedPortalIsSaidToBeUntrusted() throws {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let server = try ScriptedServer(script: """
        import http.server, ssl, sys
        class H(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(204); self.send_header("X-Portal-Api", "1"); self.end_headers()
            def log_message(self, *a): pass
        s = http.server.HTTPServer(("127.0.0.1", 0), H)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[1], sys.argv[2])
        s.socket = context.wrap_socket(s.socket, server_side=True)
        print("https://127.0.0.1:%d" % s.server_port, flush=True)
        s.serve_forever()
        """, arguments: [fixtures.appendingPathComponent("self-signed-cert.pem").path, fixtures.appendingPathComponent("self-signed-key.pem").path])
        try queue([submission(1)])
        let run = try carekiosk(["sync", "--portal", server.url.absoluteString, "--token-file", portal.tokenFile.path, "--timeout", "3"])
        XCTAssertEqual(run.status, 1)
        XCTAssertTrue(run.stderr.contains("连不上门户（门户的证书不受信任，可能连到了假冒的网站）：1 件留在本机"), run.stderr)
    }

    /// Finding 12: a token "file" that is a device gets no advice to chmod the device.
    func testATokenFileThatIsADeviceIsRefusedAsNotAFile() throws {
        let run = try carekiosk(["sync", "--portal", portal.url.absoluteString, "--token-file", "/dev/zero"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, "令牌文件 /dev/zero 不是普通文件（是设备或文件夹）：请把门户发给本机的令牌存到一个普通文件里。\n")
    }

    /// Finding 12: a data folder that cannot be written is not "another sync is running".
    func testAReadOnlyDataFolderIsSaidToBeReadOnly() throws {
        try queue([submission(1)])
        // As root a read-only mount, as anyone else mode 0500: the words differ, "busy" never comes.
        let said = getuid() == 0 ? "只能读，不能写（只读的磁盘或U盘）" : "数据目录写不进去"
        XCTAssertTrue(try whileReadOnly(data.root) {
            for args in [["sync"] + portalArgs, ["import-receipts", portal.tokenFile.path]] {
                let run = try carekiosk(args)
                XCTAssertFalse(run.stderr.contains("另一个同步"), run.stderr)
            }
            let sync = try carekiosk(["sync"] + portalArgs)
            XCTAssertTrue(sync.stderr.contains(said), sync.stderr)
        }, "the folder could be made read-only")
        XCTAssertEqual(ids(.ready), [submission(1).id], "nothing lost")
    }

}
