import Foundation
import KioskCommandLine
import KioskCore
import KioskNetwork
import KioskOutbox
import KioskSync

/// `carekiosk sync`: sends what waits (and what waits on a USB stick), once, and exits 0 only
/// when nothing is left to send and nothing waits for a helper in quarantine or `damaged/`.
/// Otherwise one line per remaining problem.
enum SyncCommand {
    static func run(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let settings = SenderSetup.portalSettings(options, s, environment) else { return 2 }
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        let client = PortalClient(settings: settings)
        let clock = AppClock(environment: environment)
        let report = Syncer(data: data, client: client, batchSize: options.batchSize ?? 50, now: clock.now).drain()
        print(s.tr(.syncSummary(sent: "\(report.sent)", waiting: "\(report.waiting)")))
        var problems: [String] = []
        if report.stop == nil {
            switch CatalogUpdater(data: data, client: client).update() {
            case let .updated(catalog):
                print(s.tr(.catalogUpdated(version: catalog.version, count: "\(catalog.services.count)")))
            case let .refused(catalogProblems):
                problems.append(s.tr(.catalogDownloadRefused))
                problems += catalogProblems.map { "\(settings.url.absoluteString)/v1/catalog: \($0.path): \($0.message(s))" }
            case let .disk(why):
                problems.append(s.tr(.syncDisk(why: why.message(s))))
            case .unchanged, .unavailable:
                break
            }
        }
        if let stop = report.stop { problems.append(describe(stop, waiting: report.waiting, tokenFile: options.tokenFile ?? "", s)) }
        problems += QueueReport(data: data, now: clock.now()).problems(s)
        problems.forEach(CareKiosk.printError)
        let left = data.spools.reduce(0) { $0 + $1.waitingCount }
        return left == 0 && problems.isEmpty ? 0 : 1
    }

    public static func describe(_ stop: SyncReport.Stop, waiting: Int, tokenFile: String, _ s: Strings) -> String {
        switch stop {
        case .busy: return s.tr(.syncBusy)
        case let .unauthorised(status): return s.tr(.syncUnauthorised(status: "\(status)", count: "\(waiting)", file: tokenFile))
        case let .unreachable(why): return s.tr(.syncUnreachable(why: why.message(s), count: "\(waiting)"))
        case let .portalTrouble(why, _): return s.tr(.syncPortalTrouble(why: why.message(s), count: "\(waiting)"))
        case let .disk(why): return s.tr(.syncDisk(why: why.message(s)))
        }
    }
}

