import Foundation
import KioskCore
import KioskOutbox
import KioskSync

/// `carekiosk sync`: sends what waits, once, and exits 0 only when nothing is left to send and
/// nothing waits for a helper in quarantine. Otherwise one line per remaining problem.
enum SyncCommand {
    static func run(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        let settings: PortalSettings
        do { settings = try options.portalSettings(kioskID: options.kioskID ?? CareKiosk.defaultKioskID(environment)) } catch {
            CareKiosk.printError(error.message(s))
            return 2
        }
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        let client = PortalClient(settings: settings)
        let report = Syncer(data: data, client: client, batchSize: options.batchSize).drain()
        print(s.tr("sync.summary", ["sent": "\(report.sent)", "waiting": "\(report.waiting)"]))
        var problems: [String] = []
        if report.stop == nil {
            switch CatalogUpdater(data: data, client: client).update() {
            case let .updated(catalog):
                print(s.tr("catalog.updated", ["version": catalog.version, "count": "\(catalog.services.count)"]))
            case let .refused(catalogProblems):
                problems.append(s.tr("catalog.download_refused"))
                problems += catalogProblems.map { "\(settings.url.absoluteString)/v1/catalog: \($0.path): \($0.message(s))" }
            case .unchanged, .unavailable:
                break
            }
        }
        if let stop = report.stop { problems.append(describe(stop, waiting: report.waiting, tokenFile: options.tokenFile ?? "", s)) }
        for id in data.submissions.ids(in: .quarantine) {
            problems.append(describeQuarantined(id, data.submissions.read(id: id, in: .quarantine), s))
        }
        problems.forEach(CareKiosk.printError)
        let left = data.spools.reduce(0) { $0 + $1.waitingCount }
        return left == 0 && problems.isEmpty ? 0 : 1
    }

    static func describe(_ stop: SyncReport.Stop, waiting: Int, tokenFile: String, _ s: Strings) -> String {
        switch stop {
        case .busy: return s.tr("sync.busy")
        case let .unauthorised(status): return s.tr("sync.unauthorised", ["status": "\(status)", "file": tokenFile, "count": "\(waiting)"])
        case let .unreachable(why): return s.tr("sync.unreachable", ["why": why, "count": "\(waiting)"])
        case let .portalTrouble(why, _): return s.tr("sync.portal_trouble", ["why": why, "count": "\(waiting)"])
        case let .disk(why): return s.tr("sync.disk", ["why": why])
        }
    }

    /// One line for the helper: which item, which service, and the portal's reasons. No answers.
    static func describeQuarantined(_ id: String, _ item: QueueItem?, _ s: Strings) -> String {
        let refusal = item?.facts["refusal"]
        let fields = (refusal?["fields"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "；")
        return s.tr("sync.quarantined", [
            "id": id, "service": item?.fact("service_id") ?? "?",
            "status": refusal?["status"]?.intValue.map(String.init) ?? "?",
            "error": refusal?["error"]?.stringValue ?? "?",
            "fields": fields.isEmpty ? "—" : TerminalText.clean(fields),
        ])
    }
}

/// `carekiosk status`: counts per state and how long the oldest waiting item has waited.
enum StatusCommand {
    static func run(_ options: Options, _ s: Strings, _ environment: [String: String], now: Date = Date()) -> Int32 {
        guard let data = CareKiosk.openDataFolder(options, s, environment, create: false) else { return 2 }
        if let downloaded = CatalogUpdater.stored(in: data) {
            print(s.tr("catalog.using_downloaded", ["version": downloaded.version]))
        }
        let spool = data.submissions
        for state in Spool.State.allCases {
            print(s.tr("queue.count", ["state": label(state, s), "count": "\(spool.count(in: state))"]))
        }
        print(s.tr("queue.records", ["ratings": "\(data.ratings.waitingCount)", "calls": "\(data.helpRequests.waitingCount)"]))
        if let oldest = spool.oldestWaiting {
            let minutes = max(0, Int(now.timeIntervalSince(oldest) / 60))
            print(s.tr("queue.oldest", ["hours": "\(minutes / 60)", "minutes": "\(minutes % 60)"]))
        } else {
            print(s.tr("queue.nothing_waiting"))
        }
        return 0
    }

    static func label(_ state: Spool.State, _ s: Strings) -> String { WizardState.queueStateName(state.rawValue, s) }
}
