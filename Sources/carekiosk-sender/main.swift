import Foundation
import KioskCommandLine
import KioskSender

// The same hardening as the kiosk: no core dump holds the device token.
ProcessHardening.apply()
exit(SenderMain.main(Array(CommandLine.arguments.dropFirst())))
