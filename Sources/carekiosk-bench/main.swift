import Foundation
import KioskApp
import KioskCommandLine
import KioskCore
import KioskRender
import KioskTerminal

// CareKiosk benchmarks: prints one table of figures. Run through `scripts/bench`, which builds
// in release mode first. Every row says what was measured, the figure, and how.

struct Row {
    var measure: String
    var figure: String
    var how: String
}

var rows: [Row] = []

func printTable(_ rows: [Row]) {
    let width0 = rows.map(\.measure.count).max()!, width1 = rows.map(\.figure.count).max()!
    func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
    print("| \(pad("measure", width0)) | \(pad("figure", width1)) | how |")
    print("|\(String(repeating: "-", count: width0 + 2))|\(String(repeating: "-", count: width1 + 2))|-----|")
    for row in rows { print("| \(pad(row.measure, width0)) | \(pad(row.figure, width1)) | \(row.how) |") }
}

guard let resources = Resources.locate() else {
    FileHandle.standardError.write(Data("carekiosk-bench: cannot find locales/; set CAREKIOSK_HOME\n".utf8))
    exit(2)
}
let catalogData = FileManager.default.contents(atPath: resources.defaultCatalog.path)!
guard case let .success(catalog) = CatalogLoader.load(catalogData) else { fatalError("bundled catalog does not load") }
let binDir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func ms(_ seconds: Double, digits: Int = 1) -> String { String(format: "%.\(digits)f ms", seconds * 1000) }

// `carekiosk-bench queue [COUNT]`: only the queue and sync rows, for working on them.
// `carekiosk-bench reducer`: the reducer's row alone, for work on the model.
// `carekiosk-bench speech`: the speech rows alone (dictionaries, latency, synthesis speed).
// `carekiosk-bench render`: the render rows alone (below, once the catalog is made).
if CommandLine.arguments.dropFirst().first == "speech" {
    printTable(speechRows(catalog: catalog, resources: resources))
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "reducer" {
    print(reducerRow(catalog).figure, "events per second")
    exit(0)
}
if CommandLine.arguments.dropFirst().first == "queue" {
    let count = CommandLine.arguments.dropFirst(2).first.flatMap(Int.init) ?? 10_000
    printTable(QueueBench.enqueueRows() + QueueBench.syncRows(count: count))
    exit(0)
}

/// Starts `command` under `script` (so that it has a terminal, as on the kiosk) and returns the
/// seconds until `marker` appears in what it writes; then stops it.
func timeToFirstScreen(_ command: String, marker: String, environment: [String: String]) -> Double? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    process.arguments = ["-qfec", command, "/dev/null"]
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let out = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardInput = input
    process.standardError = FileHandle.nullDevice
    let start = DispatchTime.now()
    do { try process.run() } catch { return nil }
    var seen = Data()
    let wanted = Data(marker.utf8)
    var elapsed: Double?
    while true {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        seen.append(chunk)
        if seen.range(of: wanted) != nil {
            elapsed = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            break
        }
    }
    process.terminate()
    try? input.fileHandleForWriting.close()
    process.waitUntilExit()
    return elapsed
}

func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

// MARK: the first screen, against a Foundation program and dialog --menu with the same services;
// reducer events per second (neither for `carekiosk-bench render`)

let utf8 = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "CAREKIOSK_HOME": resources.root.path]
// scripts/bench builds the kiosk as installed (static Swift libraries) into .build-static.
let staticKiosk = resources.root.appendingPathComponent(".build-static/release/carekiosk")
let onlyRender = CommandLine.arguments.dropFirst().first == "render"
if !onlyRender {
    rows += StartupBench.rows(kiosk: binDir.appendingPathComponent("carekiosk"),
                              staticKiosk: FileManager.default.isExecutableFile(atPath: staticKiosk.path) ? staticKiosk : nil,
                              baseline: binDir.appendingPathComponent("foundation-baseline"), catalog: catalog,
                              catalogFile: resources.defaultCatalog, environment: utf8)
    rows.append(reducerRow(catalog))
}
let moment = Moment.now()
let context = Context(moment: moment, newID: .numbered(0))

// MARK: a county-sized catalog: 2 000 services in 20 categories

/// Catalog JSON in the contract's format (docs/portal-api-v1.md §3), loaded by `CatalogLoader.load` like any
/// county's file, so the frames below pay for exactly what a real large catalog costs. Each service asks a
/// choice question, then a phone number, then a number: no materials or privacy notice, so Enter on the
/// intro leads straight to the first question.
func syntheticCatalog(categories: Int, servicesPerCategory: Int) -> Catalog {
    let names = ["社保养老", "医疗保障", "社会救助", "养老服务", "证明办理", "户籍管理", "残疾人服务", "农业补贴",
                 "住房保障", "就业创业", "教育资助", "婚姻登记", "退役军人", "水电燃气", "交通出行", "法律援助",
                 "计划生育", "殡葬服务", "村务公开", "其他便民"]
    func text(_ zh: String, _ en: String) -> [String: String] { ["zh-Hans": zh, "en": en] }
    let fields: [[String: Any]] = [
        ["id": "method", "type": "choice", "label": text("您想怎样办理？", "How would you like to do it?"),
         "options": [["value": "self", "label": text("自己到窗口办理", "At the window myself")],
                     ["value": "family", "label": text("家人代办", "A family member does it")],
                     ["value": "visit", "label": text("工作人员上门", "Staff visit my home")],
                     ["value": "post", "label": text("邮寄办理", "By post")]]],
        ["id": "phone", "type": "phone", "label": text("您的手机号码是多少？", "What is your mobile number?"),
         "hint": text("11位数字，比如13800000000", "11 digits, for example 13800000000")],
        ["id": "household", "type": "number", "label": text("家里一共几口人？", "How many people live in your household?"),
         "min": 1, "max": 20, "unit": text("人", "people")],
    ]
    var services: [[String: Any]] = []
    for c in 0..<categories {
        for n in 1...servicesPerCategory {
            services.append([
                "id": "svc-\(c)-\(n)", "version": 1, "status": "open", "category": "cat-\(c)",
                "title": text("\(names[c % names.count])服务事项\(n)", "\(names[c % names.count]) service \(n)"),
                "summary": text("这是第\(n)项\(names[c % names.count])业务，按提示回答几个问题就能办好。",
                                "Service \(n): answer a few questions to get it done."),
                "steps": [["id": "main", "title": text("基本情况", "About you"), "fields": fields]],
            ])
        }
    }
    let root: [String: Any] = [
        "catalog_version": "2026-11-01",
        "categories": (0..<categories).map { ["id": "cat-\($0)", "title": text(names[$0 % names.count], "Category \($0)")] },
        "services": services,
    ]
    let data = try! JSONSerialization.data(withJSONObject: root)
    switch CatalogLoader.load(data) {
    case let .success(c): return c
    case let .failure(e): fatalError("synthetic catalog: \(e.problems)")
    }
}

let bigCatalog = syntheticCatalog(categories: 20, servicesPerCategory: 100)
let zh = try! resources.strings("zh-Hans")
let glyphs = UnifontHex() // nil without the unifont package: care titles are then drawn as plain text
let kioskScreen = KioskScreen(strings: zh, glyphs: glyphs)

/// The state after pressing `keys` from the home screen, through the reducer as the runtime does.
/// Care mode is the default; F2 first gives standard mode.
func reached(_ keys: [Key], care: Bool) -> WizardState {
    var s = WizardState(catalog: bigCatalog, kioskID: "bench", today: moment.civilDate)
    for key in (care ? [] : [.f2]) + keys { _ = s.reduce(.key(key), context) }
    return s
}

// Home → category 1 (100 services, 9 a page) → its first service's intro → Enter: the first question.
let toCategory: [Key] = [.digit(1)]
let toQuestion: [Key] = [.digit(1), .digit(1), .enter]
let toNextQuestion = toQuestion + [.digit(1)]   // answers the choice question: the phone number question
let toTypedDigit = toNextQuestion + [.digit(1)] // one digit typed into the phone number field
precondition(reached(toQuestion, care: true).page == .question("method"))
precondition(reached(toTypedDigit, care: true).input == "1")

// MARK: render time per frame

/// Render time per frame of the home screen, a category and a question, in care and standard mode
/// at 80×24 and 120×40, and in care mode with double rows (xterm) at the kiosk session's sizes on
/// 1024×768 and 1920×1080 screens.
@MainActor func renderRows() -> [Row] {
    var rows: [Row] = []
    let frames = 2000, warmUp = 200
    let doubleScreen = KioskScreen(strings: zh, glyphs: glyphs, doubleSize: true)
    for (name, keys) in [("home screen", [Key]()), ("category list", toCategory), ("question", toQuestion)] {
        let cases: [(care: Bool, screen: KioskScreen, double: Bool, sizes: [(Int, Int)])] = [
            (true, kioskScreen, false, [(80, 24), (120, 40)]), (false, kioskScreen, false, [(80, 24), (120, 40)]),
            (true, doubleScreen, true, [(102, 26), (128, 23)])]
        for (care, screen, double, sizes) in cases {
            let state = reached(keys, care: care)
            for (width, height) in sizes {
                // Warm-up fills the glyph cache and the allocator; then each frame is timed on its own.
                for _ in 0..<warmUp { _ = screen.render(state, width: width, height: height) }
                var times: [Double] = []
                times.reserveCapacity(frames)
                for _ in 0..<frames {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    let frame = screen.render(state, width: width, height: height)
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
                    precondition(frame.width == width) // keeps the frame alive until it is timed
                }
                let mode = double ? "care with double rows" : care ? "care" : "standard"
                rows.append(Row(measure: "render time per frame, 2 000-service catalog: \(name), \(mode), \(width)×\(height)",
                                figure: "\(ms(percentile(times, 0.5), digits: 3)) median, \(ms(percentile(times, 0.99), digits: 3)) p99",
                                how: "KioskScreen.render, \(frames) frames after \(warmUp) warm-up, one core"
                                    + (care && !double && glyphs == nil ? "; no unifont.hex, so no big glyphs" : "")))
            }
        }
    }
    return rows
}

// `carekiosk-bench render`: the render rows alone, for work on the layout.
if onlyRender {
    printTable(renderRows())
    exit(0)
}
rows += renderRows()

// MARK: bytes written to the terminal per screen change

// The real backend (KioskTerminal.Terminal: ncursesw, only changed cells) draws into a temporary file.
// Terminal starts ncurses with initscr(), which writes to stdout and takes the terminal type from TERM,
// so for this part stdout is pointed at the file and TERM, LINES and COLUMNS are fixed: 80×24 xterm-256color
// whatever terminal (or none, as in CI) the bench runs under. ncurses sets terminal modes on stderr when stdout
// is not a terminal, so stderr goes to the file too: the controlling terminal is never touched.
// (A FILE* from open_memstream would not do: ncurses writes with write(2) on the stream's file descriptor.)
setenv("TERM", "xterm-256color", 1)
setenv("LINES", "24", 1)
setenv("COLUMNS", "80", 1)
setenv("LC_ALL", "C.UTF-8", 1) // Terminal calls setlocale(LC_ALL, ""): wide characters need a UTF-8 locale
let sink = tmpfile()!
let (savedOut, savedErr) = (dup(1), dup(2))
fflush(nil) // nothing printed so far should end up in the file
dup2(fileno(sink), 1)
dup2(fileno(sink), 2)
let terminal = Terminal(kiosk: false)!
@MainActor func bytesWritten() -> Int {
    var info = stat()
    fstat(fileno(sink), &info)
    return Int(info.st_size)
}
var byteRows: [Row] = []
let terminalSize = terminal.size
if terminalSize == (80, 24) {
    let changes: [(String, [Key], [Key])] = [
        ("home → category list", [], toCategory),
        ("question → next question", toQuestion, toNextQuestion),
        ("one digit typed into a field", toNextQuestion, toTypedDigit),
    ]
    for care in [true, false] {
        terminal.use(try! resources.theme(care ? "care" : "standard"))
        for (name, from, to) in changes {
            let a = kioskScreen.render(reached(from, care: care), width: 80, height: 24)
            let b = kioskScreen.render(reached(to, care: care), width: 80, height: 24)
            terminal.draw(a) // what is on screen before the change
            var start = bytesWritten()
            terminal.draw(b)
            let changed = bytesWritten() - start
            terminal.invalidate() // as after a resize or F3: the whole of B again, on a cleared screen
            start = bytesWritten()
            terminal.draw(b)
            let full = bytesWritten() - start
            byteRows.append(Row(measure: "bytes written to the terminal per screen change: \(name), \(care ? "care" : "standard")",
                                figure: "\(changed) B; full repaint \(full) B (\(Int((Double(changed) / Double(full) * 100).rounded())) %)",
                                how: "Terminal.draw over ncursesw into a file, xterm-256color, 80×24; full repaint: Terminal.invalidate, then draw"))
        }
    }
}
terminal.end()
dup2(savedOut, 1)
dup2(savedErr, 2)
fclose(sink)
if byteRows.isEmpty {
    rows.append(Row(measure: "bytes written to the terminal per screen change", figure: "not measured",
                    how: "ncurses reported \(terminalSize.width)×\(terminalSize.height), not 80×24"))
}
rows += byteRows

rows += QueueBench.enqueueRows()
rows += QueueBench.syncRows()
rows += speechRows(catalog: catalog, resources: resources)

// MARK: the table

printTable(rows)
