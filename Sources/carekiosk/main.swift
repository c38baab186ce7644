import Foundation
import KioskApp

exit(CareKiosk.main(Array(CommandLine.arguments.dropFirst())))
