import Foundation

extension CareKiosk {
    /// `--kiosk-id` or `kiosk_id`, else the default.
    public static func kioskID(_ options: Options, _ environment: [String: String]) -> String {
        options.kioskID ?? defaultKioskID(environment)
    }

    static func defaultKioskID(_ environment: [String: String]) -> String {
        if let id = environment["CAREKIOSK_KIOSK_ID"], !id.isEmpty { return id }
        return "kiosk-" + ProcessInfo.processInfo.hostName.lowercased()
    }
}
