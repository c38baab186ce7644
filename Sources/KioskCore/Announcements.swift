import Foundation

/// What the kiosk says, built from the same `ScreenContent` the screen shows, so that screen and
/// speech cannot drift apart. A new screen is said in full (heading, question, numbered options,
/// how to answer); after that only what changed: an error, the key just typed, a warning.
extension WizardState {
    /// The effects that speak after `action` took the state from `before` to `self`.
    /// Any key first silences what was being said.
    func announcements(after action: Action, from before: WizardState, _ s: Strings) -> [Effect] {
        var effects: [Effect] = []
        if case .key = action { effects.append(.stopSpeech) }
        guard speechVoice != .silent else { return effects }
        let moved = screen != before.screen || overlay != before.overlay || optionPage != before.optionPage
            || locale != before.locale || speechVoice != before.speechVoice || (notice != nil && notice != before.notice)
        if moved || action == .key(.f3) || action == .speechStarted {
            return effects + [.speak(utterance(s))]
        }
        var parts: [Utterance.Part] = []
        if let seconds = inactivityWarning, seconds != before.inactivityWarning {
            parts.append(.text(s.tr(.noticeInactivityWarning, ["seconds": "\(seconds)"])))
        }
        if focus != nil, focus != before.focus, let option = content(s, spoken: true).options.first(where: \.focused) {
            parts.append(.text(s.tr(.speechOption, ["number": "\(option.number)", "label": option.label])))
        }
        if careMode != before.careMode {
            parts.append(.text(careMode ? s.tr(.statusCareOn) : s.tr(.statusCareOff)))
        }
        if let error, error != before.error || input == before.input {
            // A new error, or the same one again after another try.
            parts.append(.text(s.tr(.screenErrorPrefix) + error.message(s)))
        } else if input != before.input {
            parts += typedParts(before.input, s)
        }
        return parts.isEmpty ? effects : effects + [.speak(Utterance(voice: speechVoice, parts: parts, slower: careMode))]
    }

    /// The whole current screen, for speech.
    public func utterance(_ s: Strings) -> Utterance {
        let c = content(s, spoken: true)
        var parts: [Utterance.Part] = []
        var paragraphs = c.paragraphs
        var reference: [Utterance.Part] = []
        if overlay == nil, case let .confirmed(id) = screen, !paragraphs.isEmpty {
            // The 办件编号 is read digit by digit in groups of four, as it is to be written down.
            paragraphs.removeFirst()
            reference = [.text(s.tr(.confirmedReference, ["reference": ""])), .value(Reference.of(id), .receipt)]
        }
        parts += [c.warning, c.notice, c.title, c.progress].compactMap { $0 }.filter { !$0.isEmpty }.map(Utterance.Part.text) + reference
        let prose = paragraphs + [c.error, c.question, c.hint, c.currentAnswer].compactMap { $0 }
        parts += prose.filter { !$0.isEmpty }.map(Utterance.Part.text)
        if let input = c.input, !input.isEmpty { parts += typedSoFar(s) }
        parts += c.options.map { option in
            .text(s.tr(.speechOption, ["number": "\(option.number)", "label": option.label])
                + (option.selected ? s.tr(.speechSelected) : ""))
        }
        parts += ([c.morePages].compactMap { $0 } + c.keys).map(Utterance.Part.text)
        return Utterance(voice: speechVoice, parts: parts, slower: careMode)
    }


    private var typingIsSensitive: Bool {
        // The progress check asks for a whole identity number: never read it out.
        if screen == .progressQuery { return true }
        if case .helperLogin = screen { return true }
        guard let field = typingField else { return false }
        return field.sensitive || field.type == .idNumber
    }

    /// The character just typed, or that one was deleted. A sensitive field only says how many
    /// characters it holds, never which.
    private func typedParts(_ previous: String, _ s: Strings) -> [Utterance.Part] {
        guard input.count > previous.count else {
            return [.text(s.tr(.speechDeleted, ["count": "\(input.count)"]))]
        }
        if typingIsSensitive { return [.text(s.tr(.speechTypedCount, ["count": "\(input.count)"]))] }
        let typed = String(input.dropFirst(previous.count))
        guard typed.allSatisfy(\.isNumber) else { return [.text(typed)] }
        return [.value(typed, typingField?.type == .phone ? .phone : .digits)]
    }

    /// Everything typed so far, when the screen is said again (F3) while typing.
    private func typedSoFar(_ s: Strings) -> [Utterance.Part] {
        if typingIsSensitive { return [.text(s.tr(.speechTypedCount, ["count": "\(input.count)"]))] }
        let kind: SpokenValue
        switch typingField?.type {
        case .phone: kind = .phone
        case .date: kind = .date
        case .number: kind = .amount
        default: kind = .digits
        }
        guard input.allSatisfy(\.isNumber) || kind == .amount else { return [.text(s.tr(.speechTyped, ["input": input]))] }
        return [.text(s.tr(.speechTyped, ["input": ""])), .value(input, kind)]
    }
}
