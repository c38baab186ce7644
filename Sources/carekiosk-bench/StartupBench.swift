import Foundation
import KioskCore
import KioskTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// The first screen of `carekiosk --plain` against a Swift program that imports Foundation and
/// reads a file, and against `dialog --menu` with the same services: time to the first prompt
/// under script(1) (a terminal, as on the kiosk), runs interleaved so that the machine's load
/// falls on all alike, and the peak memory of each (GNU time's %M).
enum StartupBench {
    struct Contender {
        var name: String
        var command: String
        var marker: String
        var path: String
        var arguments: [String]
    }

    static func rows(kiosk: URL, staticKiosk: URL?, baseline: URL, catalog: Catalog, catalogFile: URL, environment: [String: String]) -> [Row] {
        let dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("carekiosk-bench-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dataDir) }
        func kioskContender(_ name: String, _ url: URL) -> Contender {
            Contender(name: name, command: "\(shellQuote(url.path)) --plain --data-dir \(shellQuote(dataDir.path))", marker: "> ",
                      path: url.path, arguments: ["--plain", "--data-dir", dataDir.path])
        }
        var contenders = [Contender(name: "Foundation program (imports Foundation, reads the catalog, prompts)",
                                    command: "\(shellQuote(baseline.path)) \(shellQuote(catalogFile.path))", marker: "> ",
                                    path: baseline.path, arguments: [catalogFile.path]),
                          kioskContender("carekiosk --plain, dynamically linked (swift build -c release)", kiosk)]
        if let staticKiosk { contenders.append(kioskContender("carekiosk --plain, as installed (--static-swift-stdlib)", staticKiosk)) }
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/dialog") {
            let items = catalog.services.enumerated().map { "\($0.offset + 1) \(shellQuote($0.element.title.resolve("zh-Hans")))" }
            let args = ["--menu", "请选择要办理的事项", "20", "60", "\(catalog.services.count)"]
                + catalog.services.enumerated().flatMap { ["\($0.offset + 1)", $0.element.title.resolve("zh-Hans")] }
            contenders.append(Contender(name: "dialog --menu (same \(catalog.services.count) services)",
                                        command: "dialog --menu \(shellQuote("请选择要办理的事项")) 20 60 \(catalog.services.count) \(items.joined(separator: " "))",
                                        marker: catalog.services.last!.title.resolve("zh-Hans"), path: "/usr/bin/dialog", arguments: args))
        }
        // One run each first, unmeasured: the data folder is made, the files are in the page cache.
        for c in contenders { _ = timeToFirstScreen(c.command, marker: c.marker, environment: environment) }
        let runs = 21
        var times = Array(repeating: [Double](), count: contenders.count)
        for _ in 0..<runs {
            for (i, c) in contenders.enumerated() {
                if let t = timeToFirstScreen(c.command, marker: c.marker, environment: environment) { times[i].append(t) }
            }
        }
        let baselineMedian = percentile(times[0], 0.5)
        var rows: [Row] = []
        for (i, c) in contenders.enumerated() where times[i].count == runs {
            let median = percentile(times[i], 0.5)
            let memory = (try? runMeasured(c.path, c.arguments, environment: environment)).map { String(format: "%.1f MB", $0.peakMegabytes) } ?? "?"
            let ratio = i == 0 ? "" : String(format: ", %.2f× the Foundation program", median / baselineMedian)
            rows.append(Row(measure: "first screen: \(c.name)",
                            figure: "\(ms(median)) median, \(ms(percentile(times[i], 0.9))) p90\(ratio); peak memory \(memory)",
                            how: "\(runs) runs each, interleaved, under script(1): spawn until \"\(c.marker)\" is written; memory: GNU time %M (peak resident), input closed"))
        }
        return rows
    }
}
