import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// The wizard as lines of text: for screen readers, serial consoles, remote helpers on a slow
/// link, and scripted tests. A screen is printed, then one line is read per action. The same
/// session rules hold as on the full screen: the inactivity warning comes as a line, and the
/// session clears.
public final class PlainMode {
    let runtime: KioskRuntime
    let strings: (String) -> Strings
    /// Real time, only to pace the ticks.
    let pace: () -> Date
    private var lastPrinted: ScreenContent?
    private var reprint = false

    public init(runtime: KioskRuntime, strings: @escaping (String) -> Strings, pace: @escaping () -> Date = Date.init) {
        self.runtime = runtime
        self.strings = strings
        self.pace = pace
    }

    /// F3 prints the screen again; the bell means nothing here.
    public func handle(_ effect: Effect) {
        if effect == .repeatPrompt { reprint = true }
    }

    /// Runs until the input ends; what was confirmed is on disk by then.
    public func run(input: InputLines = InputLines(), write: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }) -> Int32 {
        var lastTick = pace()
        runtime.process(frontEnd: handle)
        show(write)
        while true {
            if let line = input.takeLine() {
                runtime.send(PlainMode.action(for: line, acceptsText: runtime.state.acceptsText))
                settle()
                show(write, answered: true)
                continue
            }
            if input.ended {
                write("\n")
                return 0
            }
            var fds = [pollfd(fd: input.fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: runtime.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            _ = poll(&fds, 2, 250)
            if fds[0].revents != 0 { input.fill() }
            if pace().timeIntervalSince(lastTick) >= 1 {
                lastTick = pace()
                runtime.tick()
            }
            if runtime.process(frontEnd: handle) { show(write, prompt: true, onlyChanges: true) }
        }
    }

    /// Waits (at most 30 s) while the kiosk works on something the next line must not overtake:
    /// a save, a search, the dashboard's list, a PIN check. Plain mode prints settled screens.
    private func settle() {
        runtime.process(frontEnd: handle)
        let deadline = pace().addingTimeInterval(30)
        while runtime.state.isWaitingForWork, pace() < deadline {
            var fd = pollfd(fd: runtime.wakeDescriptor, events: Int16(POLLIN), revents: 0)
            _ = poll(&fd, 1, 100)
            runtime.process(frontEnd: handle)
        }
    }

    /// Prints the screen when it changed, then the prompt. A change of the inactivity warning
    /// alone is one line. After an answer (`answered`) that left the screen as it was, its error
    /// is printed again: a second wrong answer must not meet silence.
    private func show(_ write: (String) -> Void, prompt: Bool = true, onlyChanges: Bool = false, answered: Bool = false) {
        let s = strings(runtime.state.locale)
        let content = PlainWords.apply(to: runtime.state.content(s), runtime.state, s)
        if content != lastPrinted || reprint {
            if let last = lastPrinted, !reprint, content.withoutNotice == last.withoutNotice,
               let line = content.warning ?? content.notice {
                write("\n" + TerminalText.clean(line) + "\n")
            } else {
                write(PlainMode.text(of: content))
            }
            lastPrinted = content
            reprint = false
        } else if answered, let error = content.error {
            write(TerminalText.clean(error) + "\n")
        } else if onlyChanges {
            return
        }
        if prompt { write("> ") }
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
        // An option's number has one or two digits; a longer run of digits (an identity number
        // typed at the wrong question) is a line, refused without being repeated.
        if word.count <= 2, let n = Int(word), n >= 0 { return .key(.digit(n)) }
        // One sign alone is that key (the keypad's `/`, `*`, `-`: the helper's login sequence).
        if word.count == 1, let sign = word.first, !sign.isLetter { return .key(.character(sign)) }
        return .typeLine(line)
    }

    /// One screen as plain lines. Text from the catalog is cleaned of control characters.
    public static func text(of c: ScreenContent) -> String {
        var lines: [String] = []
        lines += [c.warning, c.notice].compactMap { $0 }
        lines.append("== \(c.title) ==")
        if let progress = c.progress { lines.append(progress) }
        if let reference = c.reference { lines.append(reference.line) }
        lines += c.paragraphs + c.notes
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

extension ScreenContent {
    /// The screen without the lines that come and go on their own (a notice, the warning).
    var withoutNotice: ScreenContent {
        var c = self
        c.notice = nil
        c.warning = nil
        return c
    }
}
