import KioskCommandLine
import KioskCore
import KioskRender

/// Why a theme cannot be used, in the language of the kiosk's other messages (the errors' own
/// descriptions are English, for logs and tests).
enum ThemeMessages {
    static func describe(_ error: any Error, _ s: Strings, available: [String]) -> String {
        switch error {
        case let ResourceError.missingTheme(file):
            return s.tr(.themeMissing(file: file, available: available.joined(separator: s.tr(.themeNameSeparator))))
        case let Theme.LoadError.syntax(file, line, column):
            return s.tr(.themeSyntax(file: file, line: "\(line)", column: "\(column)"))
        case let Theme.LoadError.missingRole(file, role): return s.tr(.themeMissingRole(file: file, role: role.rawValue))
        case let Theme.LoadError.badColour(file, role, value):
            return s.tr(.themeBadColour(file: file, role: role.rawValue, value: TerminalText.clean(value)))
        default: return s.tr(.themeMissing(file: "\(error)", available: available.joined(separator: s.tr(.themeNameSeparator))))
        }
    }
}
