import KioskCommandLine
import KioskCore
import KioskRender

/// `carekiosk --help`: the commands, then one line per row of `Options.settings`, then notes.
/// The option lines are made from the table, so an option added there is listed here too.
enum HelpText {
    static let widest = 28

    static func text(_ s: Strings) -> String {
        let rows = Options.settings.map { setting -> (String, String) in
            let left = [setting.flag, placeholder(setting, s)].compactMap { $0 }.joined(separator: " ")
            let right = s.tr(setting.help) + (setting.key.map { s.tr(.cliHelpConfigKey(key: $0)) } ?? "")
            return (left, right)
        }
        // A long list of choices (`--voice`) would push every description far right: such a row
        // has its description on the next line instead.
        let column = (rows.map { DisplayWidth.of($0.0) }.filter { $0 <= widest }.max() ?? 0) + 2
        let lines = rows.map { left, right in
            let width = DisplayWidth.of(left)
            let gap = width < column ? String(repeating: " ", count: column - width) : "\n" + String(repeating: " ", count: column + 2)
            return "  " + left + gap + right
        }
        return [s.tr(.cliUsage), s.tr(.cliHelpOptions), lines.joined(separator: "\n"), "", s.tr(.cliUsageNotes)]
            .joined(separator: "\n")
    }

    /// What follows the flag: a range, the choices, or what kind of text (nil for a flag alone).
    static func placeholder(_ setting: Options.Setting, _ s: Strings) -> String? {
        switch setting.kind {
        case .text: return setting.value.map { s.tr($0) }
        case .onOff: return "on|off"
        case let .number(_, range): return "\(range.lowerBound)-\(range.upperBound)"
        case let .choice(_, choices):
            // `--voice` takes each voice by its short name and by eSpeak's; `en` is both.
            var seen = Set<String>()
            return choices.filter { seen.insert($0).inserted }.joined(separator: "|")
        case .flag: return nil
        }
    }
}
