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
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        do {
            let done = try Exporter(data: data).export(to: folder, kioskID: CareKiosk.kioskID(options, environment),
                                                       at: AppClock(environment: environment).now(),
                                                       again: options.exportAgain)
            for file in done.damaged { CareKiosk.printError(s.tr("queue.damaged", ["file": file.name, "why": file.damage.message(s)])) }
            guard let file = done.file else {
                print(options.exportAgain ? s.tr("export.nothing_again") : s.tr("export.nothing"))
                return done.damaged.isEmpty ? 0 : 1
            }
            print(s.tr("export.done", ["count": "\(done.count)", "file": file.path]))
            return done.damaged.isEmpty ? 0 : 1
        } catch {
            CareKiosk.printError(describe(error, s))
            return 1
        }
    }

    static func describe(_ error: Exporter.Failure, _ s: Strings) -> String {
        switch error {
        case let .lock(failure): return describe(failure, s)
        case let .disk(why): return s.tr("export.failed", ["why": why.message(s)])
        }
    }

    static func describe(_ failure: QueueLock.Failure, _ s: Strings) -> String {
        switch failure {
        case .busy: return s.tr("sync.busy")
        case let .folder(why): return s.tr("sync.disk", ["why": why.message(s)])
        }
    }

    static func upload(_ file: String, _ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        let settings: PortalSettings
        do { settings = try options.portalSettings(kioskID: CareKiosk.kioskID(options, environment)) } catch {
            CareKiosk.printError(error.message(s))
            return 2
        }
        do {
            let done = try BundleUploader(client: PortalClient(settings: settings), batchSize: options.batchSize ?? 100)
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
            case let .file(failure): CareKiosk.printError(failure.message(s))
            case let .refused(problem): CareKiosk.printError(s.tr("upload.refused", ["file": file]) + describe(problem, s))
            case let .disk(why): CareKiosk.printError(s.tr("export.failed", ["why": why.message(s)]))
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
        case let .badItemID(line): return s.tr("bundle.bad_item_id", ["line": "\(line)"])
        case let .duplicateItem(line): return s.tr("bundle.duplicate_item", ["line": "\(line)"])
        }
    }

    static func importReceipts(_ file: String, _ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        do {
            let done = try ReceiptsImporter(data: data, now: AppClock(environment: environment).now).importReceipts(URL(fileURLWithPath: file))
            print(s.tr("import.done", ["sent": "\(done.sent)", "quarantined": "\(done.quarantined)", "already": "\(done.alreadyDone)"]))
            let shown = 20
            for (id, reason) in done.rejected.prefix(shown) {
                CareKiosk.printError(s.tr("import.rejected", ["id": TerminalText.clean(id), "reason": reason.message(s)]))
            }
            if done.rejected.count > shown { CareKiosk.printError(s.tr("import.rejected_more", ["count": "\(done.rejected.count - shown)"])) }
            return done.rejected.isEmpty ? 0 : 1
        } catch {
            switch error {
            case let .file(failure): CareKiosk.printError(failure.message(s))
            case let .notReceipts(path): CareKiosk.printError(s.tr("import.not_receipts", ["file": path]))
            case let .lock(failure): CareKiosk.printError(describe(failure, s))
            case let .disk(why): CareKiosk.printError(s.tr("sync.disk", ["why": why.message(s)]))
            }
            return 2
        }
    }

    static func verifyAudit(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let log = CareKiosk.openDataFolder(options, s, environment, create: false)?.audit else { return 2 }
        let result = log.verify()
        let file = log.file.path
        for line in result.tornLines { print(s.tr("audit.torn_recorded", ["line": "\(line)", "file": file])) }
        switch result.firstBreak {
        case nil:
            print(s.tr("audit.ok", ["lines": "\(result.lines)", "file": file]))
            return 0
        case .missing?: CareKiosk.printError(s.tr("audit.missing", ["file": file]))
        case .empty?: CareKiosk.printError(s.tr("audit.empty", ["file": file]))
        case .noGenesis?: CareKiosk.printError(s.tr("audit.no_genesis", ["file": file]))
        case let .notJSON(line)?: CareKiosk.printError(s.tr("audit.not_json", ["line": "\(line)", "file": file]))
        case let .chainBroken(line)?:
            CareKiosk.printError(s.tr("audit.broken", ["line": "\(line)", "previous": "\(line - 1)", "file": file]))
        case let .tornEnd(line)?: CareKiosk.printError(s.tr("audit.torn_end", ["line": "\(line)", "file": file]))
        case let .missingHistory(count)?: CareKiosk.printError(s.tr("audit.missing_history", ["count": "\(count)", "file": file]))
        }
        return 1
    }
}
