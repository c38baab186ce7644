/// The line at the top of every screen: network, what waits, care mode, language, the helper,
/// and anything the kiosk cannot do right now (paused sync, a wrong clock, no voice).
extension WizardState {
    /// `showingCareMode`: false in plain mode, which has no large-print layout to speak of.
    public func statusLine(_ s: Strings, showingCareMode: Bool = true) -> String {
        ([online ? s.tr(.statusOnline) : s.tr(.statusOffline),
          s.tr(.statusWaiting, ["count": "\(waitingCount)"])]
            + (showingCareMode ? [careMode ? s.tr(.statusCareOn) : s.tr(.statusCareOff)] : [])
            + [localeName(locale, s)] + (helper.map { [s.tr(.statusHelper, ["name": $0.name])] } ?? [])
            + (syncPaused ? [s.tr(.statusSyncPaused)] : [])
            + (clockSuspect ? [s.tr(.clockSuspect)] : [])
            + (speechTroubleText(s).map { [$0] } ?? []))
            .joined(separator: s.tr(.statusSeparator))
    }

    private func speechTroubleText(_ s: Strings) -> String? {
        guard speechVoice != .silent else { return nil }
        switch speechTrouble {
        case nil: return nil
        case .noAudioDevice: return s.tr(.statusSpeechNoAudioDevice)
        case let .noVoice(name): return s.tr(.statusSpeechNoVoice, ["voice": name])
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
