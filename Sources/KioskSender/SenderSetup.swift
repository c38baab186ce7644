import KioskCommandLine
import KioskCore
import KioskSync

/// What every sender command needs first: the portal, the token and the kiosk id, or a message in
/// the user's language saying what is wrong with them.
enum SenderSetup {
    static func portalSettings(_ options: Options, _ s: Strings, _ environment: [String: String]) -> PortalSettings? {
        do { return try options.portalSettings(kioskID: CareKiosk.kioskID(options, environment)) } catch {
            CareKiosk.printError(error.message(s))
            return nil
        }
    }
}
