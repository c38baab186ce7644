import Foundation
import KioskCommandLine
import KioskCore
import KioskOutbox
import KioskSync

/// `carekiosk status`: counts per state, how long the oldest waiting item has waited, and what
/// needs a helper; exits 1 when something does, or when there is no data folder to report on.
enum StatusCommand {
    static func run(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let data = CareKiosk.openDataFolder(options, s, environment, create: false) else { return 2 }
        // Zero of everything would look like an empty queue, when the path may have a typo.
        guard FileManager.default.fileExists(atPath: data.root.path) else {
            CareKiosk.printError(s.tr(.queueNoDataDir(path: data.root.path)))
            return 1
        }
        let now = AppClock(environment: environment).now()
        let stored = CatalogUpdater.loadStored(in: data)
        let downloaded = try? stored?.get()
        if let downloaded {
            print(s.tr(.catalogUsingDownloaded(version: downloaded.version)))
        }
        let spool = data.submissions
        for state in Spool.State.allCases {
            print(s.tr(.queueCount(state: state.name(s), count: "\(spool.count(in: state))")))
        }
        print(s.tr(.queueRecords(ratings: "\(data.ratings.waitingCount)", calls: "\(data.helpRequests.waitingCount)")))
        if let oldest = spool.oldestWaiting {
            let minutes = max(0, Int(now.date.timeIntervalSince(oldest) / 60))
            print(s.tr(.queueOldest(hours: "\(minutes / 60)", minutes: "\(minutes % 60)")))
        } else {
            print(s.tr(.queueNothingWaiting))
        }
        var problems = QueueReport(data: data, now: now).problems(s)
        if case let .failure(why)? = stored { problems.append(s.tr(.catalogStoredUnusable(problem: why.message(s)))) }
        let plausible = ClockCheck.earliestPlausible(catalog: downloaded)
        if now.civilDate < plausible.day { problems.append(plausible.message(now: now, s)) }
        problems += HelperDirectory(data: data).problems().map { $0.message(s) }
        problems.forEach(CareKiosk.printError)
        return problems.isEmpty ? 0 : 1
    }
}
