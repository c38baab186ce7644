import Foundation
import KioskCommandLine
import KioskCore
import KioskOutbox

/// `carekiosk` and its subcommands. Returns the exit status; prints nothing but words meant for
/// people. The commands that talk to the portal (`sync`, `upload`) run in `carekiosk-sender`,
/// the one program that links the networking library; this one hands them over.
extension CareKiosk {
    public static func main(_ args: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        guard let invocation = Invocation.prepare(args, environment: environment) else { return 2 }
        let (options, strings) = (invocation.options, invocation.strings)
        switch options.command {
        case .help:
            print(HelpText.text(strings))
            return 0
        case let .catalogCheck(files):
            return CatalogCheck.run(files, strings)
        case .kiosk:
            return KioskLaunch.run(invocation)
        case .sync, .upload:
            SenderProgram.exec(args, strings)
        case .status:
            return StatusCommand.run(options, strings, environment)
        case .export:
            return BundleCommands.export(options, strings, environment)
        case let .importReceipts(file):
            return BundleCommands.importReceipts(file, options, strings, environment)
        case .auditVerify:
            return BundleCommands.verifyAudit(options, strings, environment)
        case let .helperAdd(id, name):
            return HelperCommand.add(id, name, options, strings, environment)
        case let .speak(text):
            return SpeakCommand.run(text, options, SpeechSetup(invocation.resources, strings: invocation.lookup), strings)
        }
    }
}

/// `carekiosk-sender`, beside this program.
enum SenderProgram {
    static var path: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("carekiosk-sender").path
    }

    /// Hands a portal command to the sender: the same arguments, the same standard streams.
    static func exec(_ args: [String], _ s: Strings) -> Never {
        let argv = ([path] + args).map { strdup($0) } + [nil]
        execv(path, argv)
        CareKiosk.printError(s.tr(.senderMissing(path: path)))
        exit(2)
    }
}
