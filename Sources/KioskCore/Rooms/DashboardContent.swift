import Foundation

/// What the dashboard shows and says.
extension DashboardRoom {
    func content(_ s: Strings, _ around: Surroundings, spoken: Bool) -> ScreenContent {
        switch page {
        case .loading:
            return ScreenContent(title: s.tr(.dashboardTitle))
        case let .list(view):
            let counts = view.counts.map { s.tr(.dashboardCount(state: $0.state.name(s), count: "\($0.count)")) }
            var paragraphs = [counts.joined(separator: "  ")]
            if around.clockSuspect { paragraphs.append(s.tr(.clockSuspect)) }
            if view.count(.damaged) > 0 { paragraphs.append(s.tr(.dashboardDamagedWarning(count: "\(view.count(.damaged))"))) }
            if view.staleExports > 0 {
                paragraphs.append(s.tr(.dashboardStaleExports(count: "\(view.staleExports)", days: "\(DashboardView.staleExportDays)")))
            }
            if view.waitingAuditLines > 0 { paragraphs.append(s.tr(.auditPendingLines(count: "\(view.waitingAuditLines)"))) }
            if let message { paragraphs += words(of: message, s, around) }
            if let search = view.search {
                let digits = search.count == Reference.digits ? Reference.grouped(search) : search, count = "\(view.items.count)"
                paragraphs.append(s.tr(search.count == 4 ? .dashboardSearchResult(digits: digits, count: count)
                                       : .dashboardSearchResultNumber(digits: digits, count: count)))
            }
            if view.items.isEmpty, view.search == nil { paragraphs.append(s.tr(.dashboardNothing)) }
            return ScreenContent(title: s.tr(.dashboardTitle), paragraphs: paragraphs, keyHints: [.chooseNumber, .back])
        case .search:
            return ScreenContent(title: s.tr(.dashboardTitle), question: s.tr(.dashboardSearchQuestion), input: around.input,
                                 keyHints: [.typeThenEnter, .back])
        case let .item(item, confirming):
            var paragraphs = [line(item, s, around, spoken: spoken)]
            if case let .refused(reason) = item.state { paragraphs.append(s.tr(.dashboardReason(reason: reason))) }
            if confirming { paragraphs.append(s.tr(.dashboardWithdrawConfirm)) }
            return ScreenContent(title: s.tr(.dashboardItemTitle), paragraphs: paragraphs, keyHints: [.chooseNumber, .back])
        }
    }

    func label(of option: Option, _ s: Strings, _ around: Surroundings, spoken: Bool) -> String {
        switch option {
        case .search: return s.tr(.dashboardSearch)
        case .export: return s.tr(.dashboardExport)
        case .importReceipts: return s.tr(.dashboardImport)
        case let .item(id):
            guard case let .list(view) = page, let item = view.items.first(where: { $0.id == id }) else { return id.text }
            return line(item, s, around, spoken: spoken)
        case .retry: return s.tr(.dashboardRetry)
        case .progress: return s.tr(.homeProgress)
        case .withdraw:
            if case .item(_, true) = page { return s.tr(.dashboardWithdrawYes) }
            return s.tr(.dashboardWithdraw)
        }
    }

    private func words(of message: DashboardMessage, _ s: Strings, _ around: Surroundings) -> [String] {
        switch message {
        case .busy: return [s.tr(.dashboardBusy)]
        case .gone: return [s.tr(.dashboardGone)]
        case .retried: return [s.tr(.dashboardRetried)]
        case .withdrawn: return [s.tr(.dashboardWithdrawn)]
        case let .disk(why): return [s.tr(.dashboardDisk(why: why))]
        case .noUSBFolder: return [s.tr(.dashboardNoUsb)]
        case let .exported(count, file): return [s.tr(.exportDone(count: "\(count)", file: file))]
        case .nothingToExport: return [s.tr(.exportNothing)]
        case let .imported(sent, quarantined, files, rejected):
            return [s.tr(.dashboardImported(files: "\(files)", sent: "\(sent)", quarantined: "\(quarantined)"))]
                + ReceiptRejection.allCases.compactMap { reason in
                    rejected[reason].map { s.tr(.receiptsRejectedCount(count: "\($0)", reason: reason.message(s))) }
                }
        case let .damagedFound(count): return [s.tr(.dashboardDamagedWarning(count: "\(count)"))]
        case .noReceipts: return [s.tr(.dashboardNoReceipts)]
        case let .progress(service, status, message):
            let title = around.catalog.service(id: service)?.title.resolve(around.locale) ?? service
            let words = status.words(s) + (message.map { s.tr(.progressMessage(message: $0)) } ?? "")
            return [s.tr(.dashboardProgress(service: title, state: words))]
        case .progressUnavailable: return [s.tr(.progressStateUnavailable)]
        case .progressPending: return [s.tr(.dashboardProgressPending)]
        }
    }

    /// One item in a line. `spoken`: for speech, only the last four characters of the identity number.
    private func line(_ item: DashboardItem, _ s: Strings, _ around: Surroundings, spoken: Bool) -> String {
        let title = around.catalog.service(id: item.serviceID)?.title.resolve(around.locale) ?? item.serviceID
        let state: String
        switch item.state {
        case .waiting: state = s.tr(.dashboardStateWaiting)
        case .exported(stale: false): state = s.tr(.dashboardStateExported)
        case .exported(stale: true): state = s.tr(.dashboardStateExportedStale(days: "\(DashboardView.staleExportDays)"))
        case .refused: state = s.tr(.dashboardStateRefused)
        case let .sent(receipt): state = s.tr(.dashboardStateSent(receipt: receipt))
        case .damaged: state = s.tr(.dashboardStateDamaged(id: item.id.text))
        }
        // The state before the rest, so that a narrow screen cuts the time, not the state.
        let time = item.createdAt.map { s.tr(.dashboardTime(month: "\($0.civilDate.month)", day: "\($0.civilDate.day)", clock: $0.clockTime)) } ?? ""
        return s.tr(.dashboardItem(
            service: title,
            state: state,
            reference: Reference.shown(item.id),
            who: item.maskedID.map { spoken ? Mask.spoken($0, type: .idNumber) : s.tr(.dashboardWho(last4: String($0.suffix(4)))) } ?? "—",
            time: time))
    }
}
