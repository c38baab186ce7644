import Foundation
import KioskSync

extension PortalClient {
    /// A client on the wire: URLSession, with the settings' timeout.
    public init(settings: PortalSettings) {
        self.init(settings: settings, transport: URLSessionTransport(timeout: settings.timeout))
    }
}
