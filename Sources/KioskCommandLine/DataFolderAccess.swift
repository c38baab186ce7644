import Foundation
import KioskCore
import KioskOutbox

extension CareKiosk {
    /// The data folder every command works on: refused when other accounts can read it, or when
    /// a folder named with `--data-dir` (or `data_dir`) has no parent folder, made (readable by
    /// this user only) when `create` is set. Nil after saying why on standard error.
    public static func openDataFolder(_ options: Options, _ s: Strings, _ environment: [String: String], create: Bool = true) -> DataFolder? {
        let data = DataFolder(root: options.dataFolderURL(environment: environment))
        // Only the last folder of a named path is made: a typo higher up would otherwise give a
        // new, empty queue, and `status` would report nothing waiting. The default place under
        // the home folder is made whole, as the XDG rules say.
        if options.dataDir != nil, let parent = missingParent(of: data.root) {
            printError(s.tr(.cliDataDirNoParent(path: data.root.path, parent: parent.path)))
            return nil
        }
        do { try FolderAccess.checkPrivate(data.root) } catch {
            printError(s.tr(.cliDataDirOpen(path: error.path, mode: error.mode)))
            return nil
        }
        guard create else { return data }
        do { try data.prepare(kioskID: kioskID(options, environment), at: AppClock(environment: environment).now()) } catch {
            printError(s.tr(.cliDataDirUnusable(path: data.root.path, reason: error.message(s))))
            return nil
        }
        return data
    }

    /// The folder that holds `folder`, when it is not there (or is not a folder).
    static func missingParent(of folder: URL) -> URL? {
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: parent.path, isDirectory: &isFolder) && isFolder.boolValue ? nil : parent
    }
}
