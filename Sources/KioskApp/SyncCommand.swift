import Foundation
import KioskCore
import KioskOutbox
import KioskSync

/// `carekiosk sync`: sends what waits (and what waits on a USB stick), once, and exits 0 only
/// when nothing is left to send and nothing waits for a helper in quarantine or `damaged/`.
/// Otherwise one line per remaining problem.
enum SyncCommand {
    static func run(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        let settings: PortalSettings
        do { settings = try options.portalSettings(kioskID: CareKiosk.kioskID(options, environment)) } catch {
            CareKiosk.printError(error.message(s))
            return 2
        }
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        let client = PortalClient(settings: settings)
        let clock = AppClock(environment: environment)
        let report = Syncer(data: data, client: client, batchSize: options.batchSize ?? 50, now: clock.now).drain()
        print(s.tr("sync.summary", ["sent": "\(report.sent)", "waiting": "\(report.waiting)"]))
        var problems: [String] = []
        if report.stop == nil {
            switch CatalogUpdater(data: data, client: client).update() {
            case let .updated(catalog):
                print(s.tr("catalog.updated", ["version": catalog.version, "count": "\(catalog.services.count)"]))
            case let .refused(catalogProblems):
                problems.append(s.tr("catalog.download_refused"))
                problems += catalogProblems.map { "\(settings.url.absoluteString)/v1/catalog: \($0.path): \($0.message(s))" }
            case let .disk(why):
                problems.append(s.tr("sync.disk", ["why": why.message(s)]))
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

    static func describe(_ stop: SyncReport.Stop, waiting: Int, tokenFile: String, _ s: Strings) -> String {
        switch stop {
        case .busy: return s.tr("sync.busy")
        case let .unauthorised(status): return s.tr("sync.unauthorised", ["status": "\(status)", "file": tokenFile, "count": "\(waiting)"])
        case let .unreachable(why): return s.tr("sync.unreachable", ["why": why.message(s), "count": "\(waiting)"])
        case let .portalTrouble(why, _): return s.tr("sync.portal_trouble", ["why": why.message(s), "count": "\(waiting)"])
        case let .disk(why): return s.tr("sync.disk", ["why": why.message(s)])
        }
    }
}

/// What in the queue needs a helper, for `status` and `sync`: damaged files (those already moved
/// aside, and those still waiting that a check finds damaged), refused items, items on a USB
/// stick for a week without receipts, and a clock that cannot be right.
struct QueueReport {
    let data: DataFolder
    let now: Moment

    func problems(_ s: Strings) -> [String] {
        let spool = data.submissions
        var lines: [String] = []
        for (name, damage) in damagedFiles() {
            lines.append(s.tr("queue.damaged", ["file": name, "why": damage.message(s)]))
        }
        for id in spool.ids(in: .quarantine) {
            lines.append(describeQuarantined(id, spool.read(id, in: .quarantine), s))
        }
        let view = QueueDesk(data: data).view(search: nil, now: now)
        if view.staleExports > 0 {
            lines.append(s.tr("queue.stale_exports", ["count": "\(view.staleExports)", "days": "\(DashboardView.staleExportDays)"]))
        }
        return lines
    }

    /// Damaged files of every spool, by name: in `damaged/`, and still waiting but failing the check.
    func damagedFiles() -> [(name: String, damage: QueueItem.Damage)] {
        var found: [(String, QueueItem.Damage)] = []
        for spool in data.spools {
            for id in spool.ids(in: .damaged) {
                if case let .failure(damage)? = spool.load(id, in: .damaged) { found.append(("\(id.text).json", damage)) }
                else { found.append(("\(id.text).json", .unreadable)) }
            }
            found += spool.strayNames(in: .damaged).map { ($0, .badName($0)) }
            for state in [Spool.State.ready, .sending, .exported] {
                for id in spool.ids(in: state) {
                    if case let .failure(damage)? = spool.load(id, in: state) { found.append(("\(id.text).json", damage)) }
                }
                found += spool.strayNames(in: state).map { ($0, .badName($0)) }
            }
        }
        return found
    }

    /// One line for the helper: which item, which service, and the portal's reasons. No answers.
    func describeQuarantined(_ id: ItemID, _ item: QueueItem?, _ s: Strings) -> String {
        let refusal = item?.facts.refusal?.refusal
        let fields = (refusal?.fields ?? []).joined(separator: "；")
        return s.tr("sync.quarantined", [
            "id": id.text, "service": item?.facts.serviceID ?? "?",
            "status": refusal.map { "\($0.status)" } ?? "?",
            "error": refusal?.error ?? "?",
            "fields": fields.isEmpty ? "—" : TerminalText.clean(fields),
        ])
    }
}

/// `carekiosk status`: counts per state, how long the oldest waiting item has waited, and what
/// needs a helper; exits 1 when something does.
enum StatusCommand {
    static func run(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let data = CareKiosk.openDataFolder(options, s, environment, create: false) else { return 2 }
        let now = AppClock(environment: environment).now()
        if let downloaded = CatalogUpdater.stored(in: data) {
            print(s.tr("catalog.using_downloaded", ["version": downloaded.version]))
        }
        let spool = data.submissions
        for state in Spool.State.allCases {
            print(s.tr("queue.count", ["state": state.name(s), "count": "\(spool.count(in: state))"]))
        }
        print(s.tr("queue.records", ["ratings": "\(data.ratings.waitingCount)", "calls": "\(data.helpRequests.waitingCount)"]))
        if let oldest = spool.oldestWaiting {
            let minutes = max(0, Int(now.date.timeIntervalSince(oldest) / 60))
            print(s.tr("queue.oldest", ["hours": "\(minutes / 60)", "minutes": "\(minutes % 60)"]))
        } else {
            print(s.tr("queue.nothing_waiting"))
        }
        var problems = QueueReport(data: data, now: now).problems(s)
        if now.civilDate < ClockCheck.earliestPlausibleDay(newestCatalog: CatalogUpdater.storedDay(in: data)) {
            problems.append(s.tr("clock.suspect_detail", ["now": now.rfc3339]))
        }
        problems.forEach(CareKiosk.printError)
        return problems.isEmpty ? 0 : 1
    }
}
