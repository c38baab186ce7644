import Foundation
import KioskCore

/// The wizard as lines of text: for screen readers, serial consoles, remote helpers on a slow
/// link, and scripted tests. One screen is printed, then one line is read per action.
public struct PlainMode {
    let runtime: KioskRuntime
    let strings: (String) -> Strings

    public init(runtime: KioskRuntime, strings: @escaping (String) -> Strings) {
        self.runtime = runtime
        self.strings = strings
    }

    /// Runs until standard input ends; what was confirmed is already on disk by then.
    public func run(readLine read: () -> String? = InputLines().next,
                    write: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }) {
        var lastPrinted: ScreenContent?
        while true {
            runtime.settle()
            runtime.refreshStatus()
            let content = runtime.state.content(strings(runtime.state.locale))
            if content != lastPrinted || runtime.repeatRequested {
                write(PlainMode.text(of: content))
                lastPrinted = content
                runtime.repeatRequested = false
            }
            write("> ")
            guard let line = read() else {
                write("\n")
                return
            }
            runtime.send(PlainMode.action(for: line, acceptsText: runtime.state.acceptsText))
        }
    }

    /// A line of input as an action: key words, an empty line for Enter, a number for an option,
    /// anything else typed into the field.
    public static func action(for line: String, acceptsText: Bool) -> Action {
        let word = line.trimmingCharacters(in: .whitespaces).lowercased()
        switch word {
        case "": return .key(.enter)
        case "esc": return .key(.escape)
        case "f1": return .key(.f1)
        case "f2": return .key(.f2)
        case "f3": return .key(.f3)
        case "f4": return .key(.f4)
        default: break
        }
        if acceptsText { return .typeLine(line) }
        if let n = Int(word), n >= 0 { return .key(.digit(n)) }
        return .typeLine(line)
    }

    /// One screen as plain lines. Text from the catalog is cleaned of control characters.
    public static func text(of c: ScreenContent) -> String {
        var lines: [String] = []
        if let notice = c.notice { lines.append(notice) }
        lines.append("== \(c.title) ==")
        if let progress = c.progress { lines.append(progress) }
        lines += c.paragraphs
        if let error = c.error { lines.append(error) }
        if let question = c.question { lines.append(question) }
        if let hint = c.hint { lines.append(hint) }
        if let current = c.currentAnswer { lines.append(current) }
        lines += c.options.map { "  \($0.number). \($0.label)\($0.selected ? " ✓" : "")" }
        if let more = c.morePages { lines.append(more) }
        if !c.keys.isEmpty { lines.append("[" + c.keys.joined(separator: " · ") + "]") }
        lines.append(c.status)
        return lines.map(TerminalText.clean).joined(separator: "\n") + "\n"
    }
}
