import Foundation
import KioskCore

/// What both programs, `carekiosk` and `carekiosk-sender`, say and where they say it: every line
/// for people goes through here, cleaned of control characters. The commands themselves live in
/// the program that runs them: `CareKiosk.main` (an extension, in KioskApp) and `SenderMain`
/// (KioskSender).
public enum CareKiosk {
    public static func printError(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.clean(line) + "\n").utf8))
    }

    /// A line of a command's output, cleaned of control characters like every message.
    public static func printOut(_ line: String) {
        print(TerminalText.clean(line))
    }
}
