import Foundation
import KioskCore
import KioskOutbox
import KioskSync

/// The helper's commands for a kiosk with no network: `export --to DIR` (on the kiosk),
/// `upload BUNDLE` (at the township), `import-receipts FILE` (back on the kiosk), and
/// `audit verify`.
enum BundleCommands {
    static func export(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        let folder = URL(fileURLWithPath: options.exportFolder ?? ".")
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            CareKiosk.printError(s.tr("export.no_folder", ["folder": folder.path]))
            return 2
        }
        let kioskID = options.kioskID ?? CareKiosk.defaultKioskID(environment)
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        do {
            guard let done = try Exporter(data: data).export(to: folder, kioskID: kioskID, at: Moment.now()) else {
                print(s.tr("export.nothing"))
                return 0
            }
            print(s.tr("export.done", ["count": "\(done.count)", "file": done.file.path]))
            return 0
        } catch {
            switch error {
            case .busy: CareKiosk.printError(s.tr("sync.busy"))
            case let .disk(why): CareKiosk.printError(s.tr("export.failed", ["why": why.description]))
            }
            return 1
        }
    }

    static func upload(_ file: String, _ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        let settings: PortalSettings
        do { settings = try options.portalSettings(kioskID: options.kioskID ?? CareKiosk.defaultKioskID(environment)) } catch {
            CareKiosk.printError(error.message(s))
            return 2
        }
        do {
            let done = try BundleUploader(client: PortalClient(settings: settings), batchSize: options.batchSize == 50 ? 100 : options.batchSize)
                .upload(URL(fileURLWithPath: file))
            print(s.tr("upload.done", ["stored": "\(done.stored)", "refused": "\(done.refused)", "file": done.receiptsFile.path]))
            guard done.unanswered == 0 else {
                let why = done.stop.map { SyncCommand.describe($0, waiting: done.unanswered, tokenFile: options.tokenFile ?? "", s) } ?? ""
                CareKiosk.printError(s.tr("upload.unanswered", ["count": "\(done.unanswered)"]) + why)
                return 1
            }
            return 0
        } catch {
            switch error {
            case let .unreadable(path): CareKiosk.printError(s.tr("upload.unreadable", ["file": path]))
            case let .refused(problem): CareKiosk.printError(s.tr("upload.refused", ["file": file]) + describe(problem, s))
            case let .disk(why): CareKiosk.printError(s.tr("export.failed", ["why": why]))
            }
            return 2
        }
    }

    static func describe(_ problem: BundleFile.Problem, _ s: Strings) -> String {
        switch problem {
        case .empty: return s.tr("bundle.empty")
        case .badHeader: return s.tr("bundle.bad_header")
        case .missingTrailer: return s.tr("bundle.missing_trailer")
        case let .countMismatch(header, trailer, lines):
            return s.tr("bundle.count_mismatch", ["header": "\(header)", "trailer": "\(trailer)", "lines": "\(lines)"])
        case .digestMismatch: return s.tr("bundle.digest_mismatch")
        case let .badItem(line): return s.tr("bundle.bad_item", ["line": "\(line)"])
        }
    }

    static func importReceipts(_ file: String, _ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        do {
            let done = try ReceiptsImporter(data: data).importReceipts(URL(fileURLWithPath: file))
            print(s.tr("import.done", ["sent": "\(done.sent)", "quarantined": "\(done.quarantined)", "already": "\(done.alreadyDone)"]))
            if !done.unknown.isEmpty { CareKiosk.printError(s.tr("import.unknown", ["count": "\(done.unknown.count)"])) }
            return 0
        } catch {
            switch error {
            case let .unreadable(path): CareKiosk.printError(s.tr("upload.unreadable", ["file": path]))
            case let .notReceipts(path): CareKiosk.printError(s.tr("import.not_receipts", ["file": path]))
            case .busy: CareKiosk.printError(s.tr("sync.busy"))
            case let .disk(why): CareKiosk.printError(s.tr("sync.disk", ["why": why]))
            }
            return 2
        }
    }

    static func verifyAudit(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let log = CareKiosk.openDataFolder(options, s, environment, create: false)?.audit else { return 2 }
        let result = log.verify()
        switch result.firstBreak {
        case nil:
            print(s.tr("audit.ok", ["lines": "\(result.lines)", "file": log.file.path]))
            return 0
        case let .notJSON(line)?:
            CareKiosk.printError(s.tr("audit.not_json", ["line": "\(line)", "file": log.file.path]))
            return 1
        case let .chainBroken(line)?:
            CareKiosk.printError(s.tr("audit.broken", ["line": "\(line)", "previous": "\(line - 1)", "file": log.file.path]))
            return 1
        }
    }
}
