import Foundation
import KioskCore
import KioskOutbox

extension CareKiosk {
    /// The data folder every command works on: refused when other accounts can read it, made
    /// (readable by this user only) when `create` is set. Nil after saying why on standard error.
    public static func openDataFolder(_ options: Options, _ s: Strings, _ environment: [String: String], create: Bool = true) -> DataFolder? {
        let data = DataFolder(root: options.dataFolderURL(environment: environment))
        do { try FolderAccess.checkPrivate(data.root) } catch {
            printError(s.tr(.cliDataDirOpen, ["path": error.path, "mode": error.mode]))
            return nil
        }
        guard create else { return data }
        do { try data.prepare(kioskID: kioskID(options, environment), at: AppClock(environment: environment).now()) } catch {
            printError(s.tr(.cliDataDirUnusable, ["path": data.root.path, "reason": error.message(s)]))
            return nil
        }
        return data
    }
}
