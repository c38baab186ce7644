import Foundation
import KioskCommandLine
import KioskCore
import KioskNetwork
import KioskOutbox
import KioskSync

/// `carekiosk upload BUNDLE`, at the township: checks the bundle whole, sends it with the same
/// sender the kiosk uses, writes the receipts file beside it.
enum UploadCommand {
    static func run(_ file: String, _ options: Options, _ s: Strings, _ environment: [String: String]) -> Int32 {
        guard let settings = SenderSetup.portalSettings(options, s, environment) else { return 2 }
        do {
            let done = try BundleUploader(client: PortalClient(settings: settings), batchSize: options.batchSize ?? 100)
                .upload(URL(fileURLWithPath: file))
            print(s.tr(.uploadDone(stored: "\(done.stored)", refused: "\(done.refused)", file: done.receiptsFile.path)))
            guard done.unanswered == 0 else {
                let why = done.stop.map { SyncCommand.describe($0, waiting: done.unanswered, tokenFile: options.tokenFile ?? "", s) } ?? ""
                CareKiosk.printError(s.tr(.uploadUnanswered(count: "\(done.unanswered)")) + why)
                return 1
            }
            return 0
        } catch {
            switch error {
            case let .file(failure): CareKiosk.printError(failure.message(s))
            case let .refused(problem): CareKiosk.printError(s.tr(.uploadRefused(file: file)) + problem.message(s))
            case let .disk(why): CareKiosk.printError(s.tr(.exportFailed(why: why.message(s))))
            }
            return 2
        }
    }

}
