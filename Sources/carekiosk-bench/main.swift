import Foundation
import KioskApp
import KioskCore

// CareKiosk benchmarks: prints one table of figures. Run through `scripts/bench`, which builds
// in release mode first. Every row says what was measured, the figure, and how.

struct Row {
    var measure: String
    var figure: String
    var how: String
}

var rows: [Row] = []

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

func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

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

// MARK: cold start to first screen, against dialog --menu with the same services

let runs = 15
let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("carekiosk-bench-\(getpid())")
let utf8 = ["LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "TERM": "xterm-256color", "CAREKIOSK_HOME": resources.root.path]
let kioskCommand = "\(shellQuote(binDir.appendingPathComponent("carekiosk").path)) --plain --data-dir \(shellQuote(dataDir.path))"
let kioskTimes = (0..<runs).compactMap { _ in timeToFirstScreen(kioskCommand, marker: "> ", environment: utf8) }
if kioskTimes.count == runs {
    rows.append(Row(measure: "cold start to first screen, carekiosk --plain",
                    figure: "\(ms(percentile(kioskTimes, 0.5))) median, \(ms(percentile(kioskTimes, 0.9))) p90",
                    how: "\(runs) runs under script(1), spawn until the first prompt is written"))
}
let menuItems = catalog.services.enumerated().map { "\($0.offset + 1) \(shellQuote($0.element.title.resolve("zh-Hans")))" }.joined(separator: " ")
let lastTitle = catalog.services.last!.title.resolve("zh-Hans")
if FileManager.default.isExecutableFile(atPath: "/usr/bin/dialog") {
    let dialogCommand = "dialog --menu \(shellQuote("请选择要办理的事项")) 20 60 \(catalog.services.count) \(menuItems)"
    let dialogTimes = (0..<runs).compactMap { _ in timeToFirstScreen(dialogCommand, marker: lastTitle, environment: utf8) }
    if dialogTimes.count == runs {
        rows.append(Row(measure: "cold start to first screen, dialog --menu (same \(catalog.services.count) services)",
                        figure: "\(ms(percentile(dialogTimes, 0.5))) median, \(ms(percentile(dialogTimes, 0.9))) p90",
                        how: "\(runs) runs under script(1), spawn until the last menu item is drawn"))
    }
} else {
    rows.append(Row(measure: "cold start to first screen, dialog --menu", figure: "not measured", how: "dialog is not installed"))
}
try? FileManager.default.removeItem(at: dataDir)

// MARK: reducer events per second

// The same mix of keys a resident presses, from a fixed seed.
let lines = ["511922194503150016", "13800000000", "20261201", "3", "1200", "江口镇二村三组5号", "511922194503150017"]
var rng = SeededGenerator(seed: 42)
let events: [Action] = (0..<1_000_000).map { _ in
    switch Int.random(in: 0..<10, using: &rng) {
    case 0..<5: return .key(.digit(Int.random(in: 1...4, using: &rng)))
    case 5, 6: return .key(.enter)
    case 7: return .key(.escape)
    default: return .typeLine(lines.randomElement(using: &rng)!)
    }
}
let moment = Moment.now()
var state = WizardState(catalog: catalog, kioskID: "bench", today: moment.civilDate)
let context = Context(moment: moment, newID: "00000000-0000-4000-8000-000000000000")
let start = DispatchTime.now()
for event in events {
    let effects = state.reduce(event, context)
    if case let .enqueue(s)? = effects.first { _ = state.reduce(.saved(submissionID: s.id), context) }
}
let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
rows.append(Row(measure: "reducer events per second", figure: String(format: "%.0f", Double(events.count) / seconds),
                how: "\(events.count) random keys and typed lines over the bundled catalog, one core"))

// MARK: the table

let width0 = rows.map(\.measure.count).max()!, width1 = rows.map(\.figure.count).max()!
func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
print("| \(pad("measure", width0)) | \(pad("figure", width1)) | how |")
print("|\(String(repeating: "-", count: width0 + 2))|\(String(repeating: "-", count: width1 + 2))|-----|")
for row in rows { print("| \(pad(row.measure, width0)) | \(pad(row.figure, width1)) | \(row.how) |") }
