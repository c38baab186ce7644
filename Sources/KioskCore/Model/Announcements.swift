import Foundation

// What the kiosk says, built from the same `ScreenContent` the screen shows, so that screen and
// speech cannot drift apart. A new screen is said in full (heading, question, numbered options,
// how to answer); after that only what changed: an error, the key just typed, a warning.
// The reducer only says which of these an action asks for (`Announcement`); the words are found
// here, outside it, like a view: from the model as the action left it.

/// Something the resident should hear because of what an action changed.
public enum Announcement: Equatable, Sendable {
    /// A key was pressed: what was being said stops.
    case silence
    /// Somewhere new (a screen, an overlay, a page, the language, the voice, a notice, typing
    /// 其他), the screen asked for again (F3), or the kiosk can speak from now on: the whole screen.
    case wholeScreen
    case inactivityWarning(seconds: Int)
    /// The arrow keys moved to an option.
    case focusedOption
    case careMode(on: Bool)
    /// An error was given (again, after another try that failed the same way).
    case error(ValidationError)
    /// A key typed into the field, or deleted; `before` is what the field held.
    case typed(before: String)
}

extension WizardState {
    /// The effects with every `.announce` worded in the voice's strings, or dropped when the kiosk
    /// speaks no words (`strings` nil: no speaker yet, or none). The runtime does this with each
    /// action's effects; what is said is built from the model as it is now.
    public func voiced(_ effects: [Effect], strings: ((String) -> Strings)?) -> [Effect] {
        effects.flatMap { effect -> [Effect] in
            guard case let .announce(said) = effect else { return [effect] }
            guard let strings else { return [] }
            return spoken(said, strings(speechVoice.stringsLocale))
        }
    }

    /// What `said` comes to: silence first after a key, then the whole screen, or only what changed.
    func spoken(_ said: [Announcement], _ s: Strings) -> [Effect] {
        let effects: [Effect] = said.contains(.silence) ? [.stopSpeech] : []
        guard speechVoice != .silent else { return effects }
        if said.contains(.wholeScreen) { return effects + [.speak(utterance(s))] }
        var parts: [Utterance.Part] = []
        var saysError = false
        var typedBefore: String?
        for announcement in said {
            switch announcement {
            case let .inactivityWarning(seconds):
                parts.append(.text(inactivityWarningText(seconds, s)))
            case .focusedOption:
                if let option = content(s, spoken: true).options.first(where: \.focused) {
                    parts.append(.text(s.tr(.speechOption(number: "\(option.number)", label: option.label))))
                }
            case let .careMode(on):
                parts.append(.text(on ? s.tr(.statusCareOn) : s.tr(.statusCareOff)))
            case .error: saysError = true
            case let .typed(before): typedBefore = typedBefore ?? before
            case .silence, .wholeScreen: break
            }
        }
        // The error given last is the one on screen; a key that was typed is said only without one.
        if saysError, let error {
            parts.append(.text(error.message(s)))
        } else if let typedBefore, typedBefore != input {
            parts += typedParts(typedBefore, s)
        }
        return parts.isEmpty ? effects : effects + [.speak(Utterance(voice: speechVoice, parts: parts, slower: careMode))]
    }

    /// The whole current screen, for speech.
    public func utterance(_ s: Strings) -> Utterance {
        let c = content(s, spoken: true)
        var parts: [Utterance.Part] = []
        let paragraphs = c.paragraphs + c.notes
        // The 办件编号 is read digit by digit in groups of four, as it is to be written down.
        let reference: [Utterance.Part] = c.reference.map { [.text($0.lead), .value($0.number, .receipt)] } ?? []
        // "正在再说一遍" is for the eyes: what F3 says is the screen, word for word.
        let notice = self.notice == .repeating ? nil : c.notice
        parts += [c.warning, notice, c.title, c.progress].compactMap { $0 }.filter { !$0.isEmpty }.map(Utterance.Part.text) + reference
        let prose = paragraphs + [c.functionKeys.map { s.tr($0.screenWords) }, c.error, c.question, c.hint, c.currentAnswer].compactMap { $0 }
        parts += prose.filter { !$0.isEmpty }.map(Utterance.Part.text)
        if let input = c.input, !input.isEmpty { parts += typedSoFar(s) }
        parts += c.options.map { option in
            .text(s.tr(.speechOption(number: "\(option.number)", label: option.label))
                + (option.selected ? s.tr(.speechSelected) : ""))
        }
        parts += ([c.morePages].compactMap { $0 } + c.keys).map(Utterance.Part.text)
        return Utterance(voice: speechVoice, parts: parts, slower: careMode)
    }


    private var typingIsSensitive: Bool {
        // The progress check asks for a whole identity number: never read it out.
        if screen == .progress(.asking) { return true }
        if case .helperLogin = screen { return true }
        guard let field = typingField else { return false }
        return field.sensitive || field.type == .idNumber
    }

    /// The character just typed, or that one was deleted. A sensitive field only says how many
    /// characters it holds, never which.
    private func typedParts(_ previous: String, _ s: Strings) -> [Utterance.Part] {
        guard input.count > previous.count else {
            return [.text(s.tr(.speechDeleted(count: "\(input.count)")))]
        }
        if typingIsSensitive { return [.text(s.tr(.speechTypedCount(count: "\(input.count)")))] }
        let typed = String(input.dropFirst(previous.count))
        guard typed.allSatisfy(\.isNumber) else { return [.text(typed)] }
        return [.value(typed, typingField?.type == .phone ? .phone : .digits)]
    }

    /// Everything typed so far, when the screen is said again (F3) while typing.
    private func typedSoFar(_ s: Strings) -> [Utterance.Part] {
        if typingIsSensitive { return [.text(s.tr(.speechTypedCount(count: "\(input.count)")))] }
        let kind: SpokenValue
        switch typingField?.type {
        case .phone: kind = .phone
        case .date: kind = .date
        case .number: kind = .amount
        default: kind = .digits
        }
        guard input.allSatisfy(\.isNumber) || kind == .amount else { return [.text(s.tr(.speechTyped(input: input)))] }
        return [.text(s.tr(.speechTyped(input: ""))), .value(input, kind)]
    }
}
