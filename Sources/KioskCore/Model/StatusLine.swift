/// One part of the status line, with what it is about, so that a front end can leave a part out
/// (plain mode has no large-print layout, so it does not name care mode).
public struct StatusItem: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case network, waiting, careMode, language, voice, helper, syncPaused, clock, speech }
    public var kind: Kind
    public var words: String
}

/// The line at the top of every screen: network, what waits, care mode, language, the helper,
/// and anything the kiosk cannot do right now (paused sync, a wrong clock, no voice).
extension WizardState {
    func statusItems(_ s: Strings) -> [StatusItem] {
        var items = [StatusItem(kind: .network, words: online ? s.tr(.statusOnline) : s.tr(.statusOffline)),
                     StatusItem(kind: .waiting, words: s.tr(.statusWaiting(count: "\(waitingCount)"))),
                     StatusItem(kind: .careMode, words: careMode ? s.tr(.statusCareOn) : s.tr(.statusCareOff)),
                     StatusItem(kind: .language, words: localeName(locale, s))]
        // A voice other than the screen language's own (F4 to 粤语 keeps the screen Chinese) is
        // named, so that the line shows what the resident chose.
        if speechVoice != SpeechVoice.default(forDisplay: locale) {
            items.append(StatusItem(kind: .voice, words: speechVoice == .silent ? voiceName(.silent, s)
                                        : s.tr(.statusVoice(voice: voiceName(speechVoice, s)))))
        }
        if let helper { items.append(StatusItem(kind: .helper, words: s.tr(.statusHelper(name: helper.name)))) }
        if syncPaused { items.append(StatusItem(kind: .syncPaused, words: s.tr(.statusSyncPaused))) }
        if clockSuspect { items.append(StatusItem(kind: .clock, words: s.tr(.clockSuspect))) }
        if let trouble = speechTroubleText(s) { items.append(StatusItem(kind: .speech, words: trouble)) }
        return items
    }

    private func speechTroubleText(_ s: Strings) -> String? {
        guard speechVoice != .silent else { return nil }
        switch speechTrouble {
        case nil: return nil
        case .noAudioDevice: return s.tr(.statusSpeechNoAudioDevice)
        case let .noVoice(name): return s.tr(.statusSpeechNoVoice(voice: name))
        case .engineFailed: return s.tr(.statusSpeechFailed)
        }
    }

    func voiceName(_ voice: SpeechVoice, _ s: Strings) -> String {
        switch voice {
        case .mandarin: return s.tr(.voiceMandarin)
        case .cantonese: return s.tr(.voiceCantonese)
        case .english: return s.tr(.voiceEnglish)
        case .silent: return s.tr(.voiceSilent)
        }
    }

    func localeName(_ tag: String, _ s: Strings) -> String {
        switch tag {
        case "zh-Hans": return s.tr(.localeZhHans)
        case "en": return s.tr(.localeEn)
        default: return tag
        }
    }
}
