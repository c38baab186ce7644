import Foundation
import KioskCommandLine
import KioskCore

/// `carekiosk-sender`: the commands that talk to the portal, in the one program that links the
/// networking library. `carekiosk sync` and `carekiosk upload` come here.
public enum SenderMain {
    public static func main(_ args: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        guard let invocation = Invocation.prepare(args, environment: environment) else { return 2 }
        let (options, strings) = (invocation.options, invocation.strings)
        switch options.command {
        case .sync(.once): return SyncCommand.run(options, strings, environment)
        case let .sync(.watch(withParent)): return WatchCommand.run(options, strings, environment, withParent: withParent)
        case let .sync(.progress(ids)): return ProgressCommand.run(ids, options, strings, environment)
        case let .upload(file): return UploadCommand.run(file, options, strings, environment)
        default:
            CareKiosk.printError(strings.tr(.senderNotASenderCommand))
            return 2
        }
    }
}
