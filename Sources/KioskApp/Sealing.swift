import Foundation
import KioskCore
import KioskOutbox

extension Options {
    /// The sealer for the portal's key, when one is configured; either half alone is refused.
    func sealer() throws(PortalKey.Problem) -> SubmissionSealer? {
        guard portalKey != nil || portalKeyID != nil else { return nil }
        return SubmissionSealer(key: try PortalKey(hex: portalKey, id: portalKeyID))
    }
}

extension PortalKey.Problem {
    func message(_ s: Strings) -> String {
        switch self {
        case let .notHex(found): return s.tr("sealing.key_not_hex", ["count": "\(found)"])
        case .missingKeyID: return s.tr("sealing.key_id_missing")
        case .missingKey: return s.tr("sealing.key_missing")
        case .unusable: return s.tr("sealing.key_unusable")
        }
    }
}
