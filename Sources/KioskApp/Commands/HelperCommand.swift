import Foundation
import KioskCommandLine
import KioskCore
import KioskCrypto
import KioskOutbox

/// `carekiosk helper add ID NAME`: asks for a PIN twice (not shown on a terminal) and stores only
/// its salted PBKDF2 hash. ID and PIN are digits, so they can be typed on the kiosk's keypad. A
/// number that is already a helper's is refused unless `--replace` is given: one typo must not
/// silently hand a colleague's login to someone else.
enum HelperCommand {
    static func add(_ id: String, _ name: String, _ options: Options, _ s: Strings, _ environment: [String: String],
                    readLine read: () -> String? = readHidden) -> Int32 {
        guard (1...8).contains(id.count), id.allSatisfy(\.isASCIIDigit) else {
            CareKiosk.printError(s.tr(.helperBadId))
            return 2
        }
        let cleanName = TerminalText.clean(name).trimmingCharacters(in: .whitespaces)
        guard !cleanName.isEmpty, cleanName.count <= 20 else {
            CareKiosk.printError(s.tr(.helperBadName))
            return 2
        }
        guard let data = CareKiosk.openDataFolder(options, s, environment) else { return 2 }
        let directory = HelperDirectory(data: data)
        // Said before the PIN is asked: a file that cannot be read is not changed.
        if let problem = directory.problems().first(where: \.blocksChanges) {
            CareKiosk.printError(problem.message(s))
            return 1
        }
        if !options.replace, let existing = directory.helper(id) {
            CareKiosk.printError(s.tr(.helperExists(id: id, name: existing.name)))
            return 2
        }
        FileHandle.standardError.write(Data(s.tr(.helperEnterPin).utf8))
        let pin = read() ?? ""
        FileHandle.standardError.write(Data(("\n" + s.tr(.helperRepeatPin)).utf8))
        let again = read() ?? ""
        FileHandle.standardError.write(Data("\n".utf8))
        guard (4...8).contains(pin.count), pin.allSatisfy(\.isASCIIDigit) else {
            CareKiosk.printError(s.tr(.helperBadPin))
            return 2
        }
        guard pin == again else {
            CareKiosk.printError(s.tr(.helperPinsDiffer))
            return 2
        }
        guard let hash = PINHash.make(pin: pin) else {
            CareKiosk.printError(s.tr(.helperNoRandom))
            return 1
        }
        do {
            try directory.add(.init(id: id, name: cleanName, pin: hash), replacing: options.replace)
        } catch {
            CareKiosk.printError(error.message(s))
            if case .inUse = error { return 2 }
            return 1
        }
        print(s.tr(.helperAdded(id: id, name: cleanName)))
        return 0
    }

    /// Reads one line from standard input without echo when it is a terminal.
    static func readHidden() -> String? {
        var saved = termios()
        let isTerminal = isatty(0) == 1 && tcgetattr(0, &saved) == 0
        if isTerminal {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &quiet)
        }
        defer { if isTerminal { tcsetattr(0, TCSANOW, &saved) } }
        return Swift.readLine(strippingNewline: true)
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
