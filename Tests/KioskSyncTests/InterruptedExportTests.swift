import Foundation
import XCTest
import KioskCore
import KioskOutbox
import KioskTestSupport
@testable import KioskSync

/// `carekiosk export --again` killed while the 150 items of its bundle learn, one by one, that
/// they went out in it: the bundle on the stick is complete, so its receipts must be accepted for
/// every item in it, not refused as "not in this bundle" for those the kill came before.
final class InterruptedExportTests: SyncTestCase {
    var usb: URL { data.root.appendingPathComponent("usb") }

    func carekiosk(_ args: [String], killAfter: TimeInterval? = nil) throws -> CarekioskRun {
        try runCarekiosk(args + ["--data-dir", data.root.path, "--kiosk-id", "cn-511922-test-01"], killAfter: killAfter)
    }

    func bundles() -> Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: usb.path)) ?? []).filter { $0.hasSuffix(".ckb") })
    }

    /// How many exported items name the bundle with this SHA-256.
    func knowing(_ sha256: String) -> Int {
        data.submissions.ids(in: .exported).filter { id in
            data.submissions.read(id, in: .exported)?.facts.bundles.contains { $0.sha256 == sha256 } ?? false
        }.count
    }

    func testAnExportAgainKilledWhileItsItemsLearnTheirBundleHasEveryReceiptAccepted() throws {
        try queue((1...150).map { submission($0) })
        try FileManager.default.createDirectory(at: usb, withIntermediateDirectories: true)
        let first = try carekiosk(["export", "--to", usb.path])
        XCTAssertEqual(first.status, 0, first.stderr)
        // How long a whole `export --again` takes here, then kills at moments spread over it (the
        // items' writes, one fsync each, are most of it) until one lands after the bundle is
        // written and before every item knows it.
        let started = Date()
        XCTAssertEqual(try carekiosk(["export", "--again", "--to", usb.path]).status, 0)
        let whole = Date().timeIntervalSince(started)
        var generator = SeededGenerator(seed: 150)
        var interrupted: (bundle: URL, sha256: String, knowing: Int)?
        for _ in 0..<60 where interrupted == nil {
            let before = bundles()
            let run = try carekiosk(["export", "--again", "--to", usb.path], killAfter: whole * Double.random(in: 0.2...1.0, using: &generator))
            guard run.killed, let name = bundles().subtracting(before).first else { continue }
            let bundle = usb.appendingPathComponent(name)
            let sha256 = try BundleFile.read(Data(contentsOf: bundle)).sha256
            let known = knowing(sha256)
            if known < 150 { interrupted = (bundle, sha256, known) }
        }
        let cut = try XCTUnwrap(interrupted, "no kill landed while the items learned their bundle (\(whole) s a run)")
        XCTAssertEqual(try BundleFile.read(Data(contentsOf: cut.bundle)).items.count, 150, "the bundle on the stick is whole")

        // At the township, then back on the kiosk.
        let upload = try carekiosk(["upload", cut.bundle.path, "--portal", portal.url.absoluteString, "--token-file", portal.tokenFile.path])
        XCTAssertEqual(upload.status, 0, upload.stderr)
        let imported = try carekiosk(["import-receipts", BundleUploader.receiptsFile(for: cut.bundle).path])
        XCTAssertFalse(imported.stdout.contains("不在这次导出的U盘文件里") || imported.stderr.contains("不在这次导出的U盘文件里"),
                       "killed with \(cut.knowing) of 150 items knowing the bundle: \(imported.stdout)\(imported.stderr)")
        XCTAssertEqual(imported.stdout, "已标为已发送 150 件，退回 0 件，之前已处理 0 件。\n", imported.stderr)
        XCTAssertEqual(data.submissions.count(in: .sent), 150)
        XCTAssertFalse(((try? FileManager.default.contentsOfDirectory(atPath: data.root.appendingPathComponent("exports-in-progress").path)) ?? []).contains { $0.hasSuffix(".json") })
    }
}
