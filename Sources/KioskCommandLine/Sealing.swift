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
        case let .notHex(found): return s.tr(.sealingKeyNotHex(count: "\(found)"))
        case .missingKeyID: return s.tr(.sealingKeyIdMissing)
        case .missingKey: return s.tr(.sealingKeyMissing)
        case .unusable: return s.tr(.sealingKeyUnusable)
        }
    }
}
