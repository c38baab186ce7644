import Foundation
import KioskCommandLine
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
            CareKiosk.printError(s.tr(.exportNoFolder(folder: folder.path)))
            return 2
        }
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        do {
            let done = try Exporter(data: data).export(to: folder, kioskID: CareKiosk.kioskID(options, environment),
                                                       at: AppClock(environment: environment).now(),
                                                       again: options.exportAgain)
            for file in done.damaged { CareKiosk.printError(s.tr(.queueDamaged(file: file.name, why: file.damage.message(s)))) }
            guard let file = done.file else {
                print(options.exportAgain ? s.tr(.exportNothingAgain) : s.tr(.exportNothing))
                return done.damaged.isEmpty ? 0 : 1
            }
            print(s.tr(.exportDone(count: "\(done.count)", file: file.path)))
            return done.damaged.isEmpty ? 0 : 1
        } catch {
            CareKiosk.printError(describe(error, s))
            return 1
        }
    }

    static func describe(_ error: Exporter.Failure, _ s: Strings) -> String {
        switch error {
        case let .lock(failure): return failure.message(s)
        case let .disk(why): return s.tr(.exportFailed(why: why.message(s)))
        }
    }

    static func importReceipts(_ file: String, _ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        do {
            let done = try ReceiptsImporter(data: data, now: AppClock(environment: environment).now).importReceipts(URL(fileURLWithPath: file))
            print(s.tr(.importDone(sent: "\(done.sent)", quarantined: "\(done.quarantined)", already: "\(done.alreadyDone)")))
            let shown = 20
            for (id, reason) in done.rejected.prefix(shown) {
                CareKiosk.printError(s.tr(.importRejected(id: TerminalText.clean(id), reason: reason.message(s))))
            }
            if done.rejected.count > shown { CareKiosk.printError(s.tr(.importRejectedMore(count: "\(done.rejected.count - shown)"))) }
            return done.rejected.isEmpty ? 0 : 1
        } catch {
            switch error {
            case let .file(failure): CareKiosk.printError(failure.message(s))
            case let .notReceipts(path): CareKiosk.printError(s.tr(.importNotReceipts(file: path)))
            case let .lock(failure): CareKiosk.printError(failure.message(s))
            case let .disk(why): CareKiosk.printError(s.tr(.syncDisk(why: why.message(s))))
            }
            return 2
        }
    }

    static func verifyAudit(_ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let log = CareKiosk.openDataFolder(options, s, environment, create: false)?.audit else { return 2 }
        let result = log.verify()
        let file = log.file.path
        for line in result.tornLines { print(s.tr(.auditTornRecorded(line: "\(line)", file: file))) }
        if result.pendingLines > 0 { print(s.tr(.auditPendingLines(count: "\(result.pendingLines)"))) }
        switch result.firstBreak {
        case nil:
            print(s.tr(.auditOk(lines: "\(result.lines)", file: file)))
            return 0
        case .missing?: CareKiosk.printError(s.tr(.auditMissing(file: file)))
        case .empty?: CareKiosk.printError(s.tr(.auditEmpty(file: file)))
        case .noGenesis?: CareKiosk.printError(s.tr(.auditNoGenesis(file: file)))
        case let .notJSON(line)?: CareKiosk.printError(s.tr(.auditNotJson(line: "\(line)", file: file)))
        case let .chainBroken(line)?:
            CareKiosk.printError(s.tr(.auditBroken(line: "\(line)", previous: "\(line - 1)", file: file)))
        case let .tornEnd(line)?: CareKiosk.printError(s.tr(.auditTornEnd(file: file, line: "\(line)")))
        case let .missingHistory(count)?: CareKiosk.printError(s.tr(.auditMissingHistory(file: file, count: "\(count)")))
        case let .itemsRemoved(count)?: CareKiosk.printError(s.tr(.auditItemsRemoved(file: file, count: "\(count)")))
        }
        return 1
    }
}
