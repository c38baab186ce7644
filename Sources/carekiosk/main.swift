import Foundation
import KioskApp
import KioskCommandLine

// Before anything else: no core dump can carry a resident's answers or the device token, and a
// crash ends the process at once (see ProcessHardening).
ProcessHardening.apply()
exit(CareKiosk.main(Array(CommandLine.arguments.dropFirst())))
