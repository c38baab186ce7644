import Foundation

/// 查询办理进度: a resident types their identity number and sees what they did at this kiosk and
/// how far each item has come. Offered on the home screen while the portal answers. The number
/// is only compared with the masked numbers kept in the queue; it is never stored or sent.

/// How far a submission has come at the portal (contract §2, `GET /v1/submissions/{id}`).
public enum PortalStatus: String, CaseIterable, Sendable {
    case received, inReview = "in_review", needsMaterials = "needs_materials", approved, rejected, completed
    /// A status this kiosk does not know (a newer portal): said as 已提交.
    case other

    public init(portal text: String) { self = PortalStatus(rawValue: text).flatMap { $0 == .other ? nil : $0 } ?? .other }

    public func words(_ s: Strings) -> String {
        switch self {
        case .received: return s.tr(.progressStatusReceived)
        case .inReview: return s.tr(.progressStatusInReview)
        case .needsMaterials: return s.tr(.progressStatusNeedsMaterials)
        case .approved: return s.tr(.progressStatusApproved)
        case .rejected: return s.tr(.progressStatusRejected)
        case .completed: return s.tr(.progressStatusCompleted)
        case .other: return s.tr(.progressStatusOther)
        }
    }
}

/// One earlier submission of the resident, newest first.
public struct ProgressItem: Equatable, Sendable {
    public enum State: Equatable, Sendable {
        /// Still on this kiosk, waiting for the network.
        case waiting
        /// A helper carried it away in a bundle; the township will submit it.
        case exported
        /// The portal refused it; staff must look at it.
        case refused
        /// What the portal says.
        case portal(status: PortalStatus, message: String?)
        /// The portal did not answer just now.
        case unavailable
    }

    public var serviceID: String
    /// RFC 3339, when the resident confirmed.
    public var createdAt: Moment?
    public var receipt: String?
    public var state: State

    public init(serviceID: String, createdAt: Moment?, receipt: String?, state: State) {
        self.serviceID = serviceID
        self.createdAt = createdAt
        self.receipt = receipt
        self.state = state
    }
}

extension WizardState {
    mutating func openProgressQuery() {
        session = nil
        screen = .progressQuery
        input = ""
        error = nil
    }

    /// Enter on the identity number: check it, then ask the runtime to look.
    mutating func confirmProgressQuery() -> [Effect] {
        let typed = input.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { error = .required; return [] }
        switch IdentityNumber.parse(typed, today: today) {
        case let .failure(e):
            error = e
            return []
        case let .success(id):
            input = ""
            error = nil
            screen = .progressSearching
            return [.findProgress(identityNumber: id.value)]
        }
    }

    mutating func showProgress(_ items: [ProgressItem]) {
        guard screen == .progressSearching else { return }
        screen = .progressResult(items)
    }

    func progressContent(_ s: Strings) -> ScreenContent? {
        switch screen {
        case .progressQuery:
            return ScreenContent(title: s.tr(.progressTitle), paragraphs: [s.tr(.progressWhy)],
                                 question: s.tr(.progressQuestion), input: input,
                                 keyHints: [.typeThenEnter, .back])
        case .progressSearching:
            return ScreenContent(title: s.tr(.progressSearching))
        case let .progressResult(items):
            let lines = items.isEmpty ? [s.tr(.progressNone)] : items.map { progressLine($0, s) }
            return ScreenContent(title: s.tr(.progressTitle), paragraphs: lines, keyHints: [.enterHome])
        default:
            return nil
        }
    }

    private func progressLine(_ item: ProgressItem, _ s: Strings) -> String {
        let title = catalog.service(id: item.serviceID)?.title.resolve(locale) ?? item.serviceID
        let date = item.createdAt.map { s.tr(.progressDate, ["month": "\($0.civilDate.month)", "day": "\($0.civilDate.day)"]) } ?? ""
        let state: String
        switch item.state {
        case .waiting: state = s.tr(.progressStateWaiting)
        case .exported: state = s.tr(.progressStateExported)
        case .refused: state = s.tr(.progressStateRefused)
        case .unavailable: state = s.tr(.progressStateUnavailable)
        case let .portal(status, message):
            let word = status.words(s)
            state = message.map { word + s.tr(.progressMessage, ["message": $0]) } ?? word
        }
        let receipt = item.receipt.map { s.tr(.progressReceipt, ["receipt": $0]) } ?? ""
        return s.tr(.progressLine, ["service": title, "date": date, "receipt": receipt, "state": state])
    }
}
