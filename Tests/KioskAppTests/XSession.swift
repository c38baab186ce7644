import Foundation
import XCTest
import KioskTestSupport

/// The kiosk session on a virtual screen: Xvfb on a free display, `scripts/kiosk --session`
/// with the debug build, keys and taps by xdotool, screenshots by ImageMagick and reading by
/// tesseract (chi_sim), the way a resident's fingers and eyes would.
final class XSession {
    let folder: URL
    let width: Int, height: Int
    private(set) var display = ""
    private var xvfb: pid_t = 0
    private var session: pid_t = 0

    /// Starts Xvfb and the session; skips the test where Xvfb is not installed (scripts/test
    /// installs it and everything else the session needs).
    init(dataDir: URL, extraArguments: [String] = [], width: Int = 1024, height: Int = 768) throws {
        self.width = width
        self.height = height
        for tool in ["/usr/bin/Xvfb", "/usr/bin/xterm", "/usr/bin/xdotool", "/usr/bin/import", "/usr/bin/tesseract"] {
            guard FileManager.default.isExecutableFile(atPath: tool) else { throw XCTSkip("\(tool) is not installed (scripts/test installs it)") }
        }
        folder = temporaryFolder("x-session")
        // Xvfb picks a free display itself and writes its number to the descriptor named.
        let displayFile = folder.appendingPathComponent("display")
        xvfb = try XSession.spawn(["/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", "\(width)x\(height)x24", "-nolisten", "tcp"],
                                  output: displayFile)
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            // Only a whole line is the number: "1" read before the "0" of display 10 is another
            // display (CI once started the session on one that did not exist). The file also takes
            // Xvfb's messages, so the number is the first line that is one.
            let written = (try? String(contentsOf: displayFile, encoding: .utf8)) ?? ""
            let lines = written.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            if let number = lines.first(where: { Int($0) != nil }) { display = ":" + number; break }
            usleep(100_000)
        }
        guard !display.isEmpty else { stop(); throw XCTSkip("Xvfb did not start") }
        // And the server answers before the session is started on it.
        while Date() < deadline, !((try? run(["/usr/bin/xdpyinfo"])) ?? "").contains("dimensions:") { usleep(100_000) }
        var env = ProcessInfo.processInfo.environment
        env["DISPLAY"] = display
        env["CAREKIOSK_BINARIES"] = carekioskBinary.deletingLastPathComponent().path
        env["CAREKIOSK_HOME"] = repoRoot.path
        env["CAREKIOSK_AUDIO"] = "none"
        env["TZ"] = "Asia/Shanghai"
        env["LANG"] = "C.UTF-8"
        env.removeValue(forKey: "TMUX")
        env.removeValue(forKey: "STY")
        session = try XSession.spawn([repoRoot.appendingPathComponent("scripts/kiosk").path, "--session", "--data-dir", dataDir.path] + extraArguments,
                                     environment: env, output: folder.appendingPathComponent("session.log"))
    }

    deinit { stop() }

    func stop() {
        if session > 0 { kill(session, SIGTERM); XSession.reap(session); session = 0 }
        if xvfb > 0 { kill(xvfb, SIGTERM); XSession.reap(xvfb); xvfb = 0 }
        try? FileManager.default.removeItem(at: folder)
    }

    var log: String { (try? String(contentsOf: folder.appendingPathComponent("session.log"), encoding: .utf8)) ?? "" }

    // MARK: - fingers

    /// xdotool key names: "1", "Return", "Escape", "F2", "KP_5".
    func key(_ names: String...) throws {
        for name in names {
            try run(["/usr/bin/xdotool", "key", name])
            usleep(350_000)
        }
    }

    /// A tap: the pointer goes there and button 1 goes down and up.
    func tap(x: Int, y: Int) throws {
        try run(["/usr/bin/xdotool", "mousemove", "\(x)", "\(y)", "click", "1"])
        usleep(500_000)
    }

    // MARK: - eyes

    /// The whole screen as a PNG file.
    func screenshot(_ name: String) throws -> URL {
        let file = folder.appendingPathComponent(name + ".png")
        try run(["/usr/bin/import", "-window", "root", file.path])
        return file
    }

    /// The words tesseract reads in a screenshot (Simplified Chinese), with their boxes.
    func read(_ image: URL) throws -> [OCRWord] {
        let base = image.deletingPathExtension().path
        try run(["/usr/bin/tesseract", image.path, base, "-l", "chi_sim", "tsv"])
        let tsv = try String(contentsOfFile: base + ".tsv", encoding: .utf8)
        return tsv.split(separator: "\n").dropFirst().compactMap(OCRWord.init)
    }

    /// Screenshots until one shows `text`, pressing `key` between them (a page of a long text
    /// turned with Enter); nil after `presses`.
    func press(_ key: String, until text: String, presses: Int = 4) throws -> (URL, [OCRWord])? {
        for pressed in 0...presses {
            let shot = try screenshot("probe-\(UUID().uuidString.prefix(8))")
            let words = try read(shot)
            if OCRWord.lines(words).contains(where: { $0.text.contains(text) }) { return (shot, words) }
            guard pressed < presses else { break }
            try self.key(key)
            usleep(700_000)
        }
        return nil
    }

    /// Takes screenshots until one shows `text` (spaces between the words read are ignored).
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 30, file: StaticString = #filePath, line: UInt = #line) throws -> (URL, [OCRWord]) {
        let deadline = Date().addingTimeInterval(timeout)
        var seen = ""
        repeat {
            let shot = try screenshot("wait-\(UUID().uuidString.prefix(8))")
            let words = try read(shot)
            if OCRWord.lines(words).contains(where: { $0.text.contains(text) }) { return (shot, words) }
            seen = OCRWord.lines(words).map(\.text).joined(separator: "\n")
            usleep(300_000)
        } while Date() < deadline
        XCTFail("\"\(text)\" never appeared; last read:\n\(seen)\nsession log:\n\(log)", file: file, line: line)
        throw XCTSkip("screen did not appear")
    }

    /// The ink of one line of text around `box` (tesseract's box for the line, which may be taller
    /// or shorter than the glyphs): from the row with the most ink near the box's middle, up and
    /// down while rows have ink, then the first and last column with ink in those rows. Ink is
    /// what differs from the background (the crop's corner) by more than a quarter of the range.
    func ink(_ image: URL, in box: OCRWord.Box) throws -> OCRWord.Box {
        let margin = 10
        let left = max(0, box.left - margin), top = max(0, box.top - margin)
        let crop = "\(box.width + 2 * margin)x\(box.height + 2 * margin)+\(left)+\(top)"
        let pgm = try run(["/usr/bin/convert", image.path, "-crop", crop, "+repage", "-colorspace", "gray", "-depth", "8", "-compress", "none", "pgm:-"])
        let numbers = pgm.split(whereSeparator: { $0 == " " || $0 == "\n" }).dropFirst().compactMap { Int($0) }
        guard numbers.count > 3 else { throw XCTSkip("ImageMagick gave no image: \(pgm.prefix(200))") }
        let (w, h) = (numbers[0], numbers[1])
        let pixels = Array(numbers.dropFirst(3))
        guard pixels.count == w * h else { throw XCTSkip("ImageMagick gave \(pixels.count) pixels for \(w)×\(h)") }
        let background = pixels[0]
        func isInk(_ r: Int, _ c: Int) -> Bool { abs(pixels[r * w + c] - background) > 64 }
        let perRow = (0..<h).map { r in (0..<w).filter { isInk(r, $0) }.count }
        let middle = box.top + box.height / 2 - top
        let near = max(0, middle - box.height / 4)...min(h - 1, middle + box.height / 4)
        guard let seed = near.max(by: { perRow[$0] < perRow[$1] }), perRow[seed] > 0 else { throw XCTSkip("no ink where the line is") }
        var first = seed, last = seed
        while first > 0, perRow[first - 1] > 0 { first -= 1 }
        while last < h - 1, perRow[last + 1] > 0 { last += 1 }
        let columns = (0..<w).filter { c in (first...last).contains { isInk($0, c) } }
        return OCRWord.Box(left: left + columns.first!, top: top + first, width: columns.last! - columns.first! + 1, height: last - first + 1)
    }

    // MARK: - processes

    /// Runs a program to its end with its output in a file (no pipes: the X programs it starts
    /// may outlive it and would hold a pipe open); returns what it printed.
    @discardableResult
    func run(_ argv: [String]) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["DISPLAY"] = display
        let out = folder.appendingPathComponent("out-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let pid = try XSession.spawn(argv, environment: env, output: out)
        XSession.reap(pid)
        return (try? String(contentsOf: out, encoding: .utf8)) ?? ""
    }

    static func spawn(_ argv: [String], environment: [String: String] = ProcessInfo.processInfo.environment, output: URL) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output.path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { cArgs.forEach { free($0) }; cEnv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, &cEnv)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        return pid
    }

    static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
}

/// One word of tesseract's TSV output (level 5), with its box in screen pixels.
struct OCRWord {
    struct Box: Equatable {
        var left, top, width, height: Int
        var right: Int { left + width }
        var bottom: Int { top + height }
        var centre: (x: Int, y: Int) { (left + width / 2, top + height / 2) }

        func union(_ o: Box) -> Box {
            let l = min(left, o.left), t = min(top, o.top)
            return Box(left: l, top: t, width: max(right, o.right) - l, height: max(bottom, o.bottom) - t)
        }
    }

    var line: String
    var box: Box
    var text: String

    init?(_ row: Substring) {
        let f = row.split(separator: "\t", omittingEmptySubsequences: false)
        guard f.count >= 12, f[0] == "5" else { return nil }
        let text = f[11].trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, let l = Int(f[6]), let t = Int(f[7]), let w = Int(f[8]), let h = Int(f[9]) else { return nil }
        line = f[1...4].joined(separator: ".")
        box = Box(left: l, top: t, width: w, height: h)
        self.text = text
    }

    /// Lines as tesseract grouped them: the words' text run together and their boxes' union.
    static func lines(_ words: [OCRWord]) -> [(text: String, box: Box)] {
        var order: [String] = []
        var byLine: [String: [OCRWord]] = [:]
        for w in words {
            if byLine[w.line] == nil { order.append(w.line) }
            byLine[w.line, default: []].append(w)
        }
        return order.map { key in
            let ws = byLine[key]!
            return (ws.map(\.text).joined(), ws.dropFirst().reduce(ws[0].box) { $0.union($1.box) })
        }
    }
}
