import Foundation
import KioskCore
import KioskOutbox
import KioskSync

/// What in the queue needs a helper, for `status` and `sync`: damaged files (those already moved
/// aside, and those still waiting that a check finds damaged), refused items, items on a USB
/// stick for a week without receipts, and a clock that cannot be right.
public struct QueueReport {
    let data: DataFolder
    let now: Moment

    public init(data: DataFolder, now: Moment) {
        self.data = data
        self.now = now
    }

    public func problems(_ s: Strings) -> [String] {
        let spool = data.submissions
        var lines: [String] = []
        for (name, damage) in damagedFiles() {
            lines.append(s.tr(.queueDamaged(file: name, why: damage.message(s))))
        }
        for id in spool.ids(in: .quarantine) {
            lines.append(describeQuarantined(id, spool.read(id, in: .quarantine), s))
        }
        let view = QueueDesk(data: data).view(search: nil, now: now)
        if view.staleExports > 0 {
            lines.append(s.tr(.queueStaleExports(count: "\(view.staleExports)", days: "\(DashboardView.staleExportDays)")))
        }
        if view.waitingAuditLines > 0 { lines.append(s.tr(.auditPendingLines(count: "\(view.waitingAuditLines)"))) }
        let unreadable = data.audit.unreadablePendingFiles
        if unreadable > 0 {
            lines.append(s.tr(.auditPendingUnreadable(folder: data.audit.pendingFolder.path, count: "\(unreadable)")))
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
        let fields = (refusal?.fields ?? []).map { RefusalWords.field($0, s) }.joined(separator: s.tr(.refusalFieldSeparator))
        return s.tr(.syncQuarantined(
            id: id.text, service: item?.facts.serviceID ?? "?",
            status: refusal.map { "\($0.status)" } ?? "?",
            error: refusal.map { RefusalWords.reason($0.error, s) } ?? "?",
            fields: fields.isEmpty ? "—" : TerminalText.clean(fields)
        ))
    }
}
