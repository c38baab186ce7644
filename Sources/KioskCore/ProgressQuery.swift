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
