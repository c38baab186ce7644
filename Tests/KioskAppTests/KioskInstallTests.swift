import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
@testable import KioskCommandLine

/// `scripts/install-kiosk --root DIR`: the files of a kiosk PC, with the modes (and, as root, the
/// owners) the kiosk needs, service files that systemd accepts, settings that name every key, and
/// an uninstall that keeps the data.
final class KioskInstallTests: XCTestCase, EndToEnd {
    var root: URL!
    let user = "carekiosk"

    override func setUp() { root = temporaryFolder("kiosk-install") }
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    /// The program's output, failing the test (with it) when the program fails.
    @discardableResult
    func run(_ path: String, _ args: [String], environment: [String: String] = [:], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let result = try runToEnd(p)
        XCTAssertEqual(result.status, 0, "\(path) \(args): \(result.stderr)", file: file, line: line)
        return result.stdout + result.stderr
    }

    func install(_ extra: [String] = []) throws {
        try run(repoRoot.appendingPathComponent("scripts/install-kiosk").path,
                ["--root", root.path, "--binaries", carekioskBinary.deletingLastPathComponent().path] + extra)
    }

    func path(_ p: String) -> String { root.path + p }

    func mode(_ p: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path(p)))?[.posixPermissions] as? Int) ?? -1
    }

    func owner(_ p: String) -> String {
        let a = (try? FileManager.default.attributesOfItem(atPath: path(p))) ?? [:]
        return "\(a[.ownerAccountName] as? String ?? "?"):\(a[.groupOwnerAccountName] as? String ?? "?")"
    }

    /// As root (CI) the owners are checked too, so the kiosk's user must exist, as the full install makes it.
    func ensureUserWhenRoot() throws {
        guard getuid() == 0, getpwnam(user) == nil else { return }
        try run("/usr/sbin/useradd", ["--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", user])
    }

    func testTheFilesOfAKioskPCWithTheirModesAndOwners() throws {
        try ensureUserWhenRoot()
        try install()
        XCTAssertEqual(mode("/etc/carekiosk/config.json"), 0o640)
        XCTAssertEqual(mode("/etc/carekiosk"), 0o750)
        XCTAssertEqual(mode("/var/lib/carekiosk"), 0o700)
        XCTAssertEqual(mode("/media/carekiosk"), 0o555, "without a stick nobody may write the mount point")
        for program in ["/usr/local/bin/carekiosk", "/usr/local/bin/carekiosk-sender", "/usr/local/lib/carekiosk/kiosk-xinit",
                        "/usr/local/lib/carekiosk/carekiosk-session", "/usr/local/lib/carekiosk/usb-mount",
                        "/usr/local/lib/carekiosk/scripts/kiosk"] {
            XCTAssertEqual(mode(program), 0o755, program)
        }
        for file in ["/etc/systemd/system/carekiosk-session.service", "/etc/systemd/system/carekiosk-sender.service",
                     "/etc/udev/rules.d/90-carekiosk-usb.rules", "/etc/X11/xorg.conf.d/10-carekiosk-screen.conf",
                     "/usr/local/share/carekiosk/locales/zh-Hans.json", "/usr/local/share/doc/carekiosk/kiosk.md"] {
            XCTAssertEqual(mode(file), 0o644, file)
        }
        if getuid() == 0 {
            XCTAssertEqual(owner("/etc/carekiosk/config.json"), "root:\(user)")
            XCTAssertEqual(owner("/var/lib/carekiosk"), "\(user):\(user)")
            XCTAssertEqual(owner("/usr/local/bin/carekiosk"), "root:root")
            XCTAssertEqual(owner("/media/carekiosk"), "root:root")
        }
    }

    func testTheSettingsNameEveryKeyWithItsDefaultAndTheGuideDocumentsEach() throws {
        try install()
        let data = try Data(contentsOf: URL(fileURLWithPath: path("/etc/carekiosk/config.json")))
        let options = try Configuration.parse(data, file: "config.json")
        XCTAssertEqual(options.dataDir, "/var/lib/carekiosk")
        XCTAssertEqual(options.careMode, true)
        XCTAssertNil(options.portalURL, "a new kiosk works offline until a portal is set")
        let keys = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any]).keys
        XCTAssertEqual(Set(keys), Set(Options.settings.compactMap(\.key)))
        let guide = try String(contentsOf: repoRoot.appendingPathComponent("docs/kiosk.md"), encoding: .utf8)
        for key in keys { XCTAssertTrue(guide.contains("| `\(key)` |"), "docs/kiosk.md has no table row for \(key)") }
    }

    func testTheInstalledKioskFindsItsFilesAndAcceptsTheInstalledSettings() throws {
        try install()
        let data = temporaryFolder("kiosk-install-data")
        defer { try? FileManager.default.removeItem(at: data) }
        // No CAREKIOSK_HOME: the installed program finds share/carekiosk beside its bin folder.
        var env = ProcessInfo.processInfo.environment
        env["CAREKIOSK_HOME"] = nil
        env["CAREKIOSK_BINARIES"] = path("/usr/local/bin")
        env["CAREKIOSK_CONFIG"] = path("/etc/carekiosk/config.json")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path("/usr/local/lib/carekiosk/scripts/kiosk"))
        p.arguments = ["status", "--data-dir", data.path]
        p.environment = env
        let result = try runToEnd(p)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("待发送：0 件"), result.stdout)
    }

    func testEveryInstalledPathTheServicesAndScriptsNameExists() throws {
        try install()
        let named = ["/etc/systemd/system/carekiosk-session.service", "/etc/systemd/system/carekiosk-sender.service",
                     "/etc/udev/rules.d/90-carekiosk-usb.rules", "/usr/local/lib/carekiosk/kiosk-xinit",
                     "/usr/local/lib/carekiosk/carekiosk-session"]
        for file in named {
            let text = try String(contentsOfFile: path(file), encoding: .utf8)
            let pattern = try NSRegularExpression(pattern: "/(usr/local|etc/carekiosk)/[A-Za-z0-9._/-]*[A-Za-z0-9]")
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let p = String(text[Range(match.range, in: text)!])
                XCTAssertTrue(FileManager.default.fileExists(atPath: path(p)), "\(file) names \(p), which the install did not lay out")
            }
        }
    }

    /// systemd 252 resolves `--root` for the units it depends on too (sysinit.target), so the
    /// services are checked as copies whose programs point into the installed folder.
    func testSystemdAcceptsTheServicesWithoutAWord() throws {
        try install()
        let copies = temporaryFolder("kiosk-units")
        defer { try? FileManager.default.removeItem(at: copies) }
        var units: [String] = []
        for name in ["carekiosk-session.service", "carekiosk-sender.service"] {
            let text = try String(contentsOfFile: path("/etc/systemd/system/\(name)"), encoding: .utf8)
            let copy = copies.appendingPathComponent(name)
            try text.replacingOccurrences(of: "ExecStart=/usr/local/", with: "ExecStart=\(root.path)/usr/local/").write(to: copy, atomically: true, encoding: .utf8)
            units.append(copy.path)
        }
        let output = try run("/usr/bin/systemd-analyze", ["verify"] + units, environment: ["SYSTEMD_LOG_COLOR": "0"])
        XCTAssertEqual(output, "", "systemd-analyze verify said something")
        let session = try String(contentsOfFile: units[0], encoding: .utf8)
        for line in ["Type=notify", "NotifyAccess=all", "Restart=always", "RestartSec=2", "WatchdogSec=30"] {
            XCTAssertTrue(session.contains("\n\(line)\n"), line)
        }
    }

    func testAnUpdateKeepsTheSettingsAndUninstallKeepsTheData() throws {
        try install()
        let config = URL(fileURLWithPath: path("/etc/carekiosk/config.json"))
        let changed = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: #""portal_url": null"#, with: #""portal_url": "https://portal.example.cn""#)
        try changed.write(to: config, atomically: false, encoding: .utf8)
        try install()
        XCTAssertEqual(try String(contentsOf: config, encoding: .utf8), changed)
        let queued = path("/var/lib/carekiosk/queued.json")
        XCTAssertTrue(FileManager.default.createFile(atPath: queued, contents: Data("{}".utf8)))
        try install(["--uninstall"])
        for gone in ["/usr/local/bin/carekiosk", "/usr/local/lib/carekiosk", "/usr/local/share/carekiosk", "/etc/carekiosk",
                     "/etc/systemd/system/carekiosk-session.service", "/etc/udev/rules.d/90-carekiosk-usb.rules"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: path(gone)), gone)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: queued), "the data stays")
    }

    /// The udev rule's helper mounts a stick where usb_folder points, through systemd-mount (here a
    /// stand-in that writes down its arguments), as the kiosk's user for FAT sticks only.
    func testAUSBStickIsMountedWhereUsbFolderPoints() throws {
        try install()
        let tools = root.appendingPathComponent("tools")
        try FileManager.default.createDirectory(at: tools, withIntermediateDirectories: true)
        let record = root.appendingPathComponent("mount-args")
        try Data("#!/bin/sh\nprintf '%s\\n' \"$@\" > '\(record.path)'\n".utf8).write(to: tools.appendingPathComponent("systemd-mount"))
        chmod(tools.appendingPathComponent("systemd-mount").path, 0o755)
        func mount(_ fileSystem: String) throws -> [String] {
            try? FileManager.default.removeItem(at: record)
            try run(path("/usr/local/lib/carekiosk/usb-mount"), ["/dev/sdz1"],
                    environment: ["PATH": tools.path + ":/usr/bin:/bin", "CAREKIOSK_CONFIG": path("/etc/carekiosk/config.json"), "ID_FS_TYPE": fileSystem])
            return ((try? String(contentsOf: record, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }
        XCTAssertEqual(try mount("vfat"), ["--no-block", "--collect", "--owner=carekiosk", "--options=nosuid,nodev,noexec", "/dev/sdz1", "/media/carekiosk"])
        XCTAssertEqual(try mount("ext4"), ["--no-block", "--collect", "--options=nosuid,nodev,noexec", "/dev/sdz1", "/media/carekiosk"])
        let config = URL(fileURLWithPath: path("/etc/carekiosk/config.json"))
        let text = try String(contentsOf: config, encoding: .utf8)
        try text.replacingOccurrences(of: #""usb_folder": "/media/carekiosk""#, with: #""usb_folder": "/media/usb stick/bundles""#)
            .write(to: config, atomically: false, encoding: .utf8)
        XCTAssertEqual(try mount("exfat").last, "/media/usb stick/bundles")
        try text.replacingOccurrences(of: #""usb_folder": "/media/carekiosk""#, with: #""usb_folder": null"#).write(to: config, atomically: false, encoding: .utf8)
        XCTAssertEqual(try mount("vfat"), [], "no usb_folder, no mount")
    }
}
