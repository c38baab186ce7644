// The names a voice goes by: on the command line and in the configuration file (`voice`), and
// in eSpeak NG, which KioskSpeech hands them to. Plain names, here so that the command line can
// check `--voice` without linking the speaker.

extension SpeechVoice {
    /// The eSpeak NG voice for this language. Mandarin uses the pinyin voice: in eSpeak NG 1.51
    /// the plain `cmn` voice reads the tone digits of its own pinyin as English words. Cantonese uses
    /// the Jyutping voice: it reads Chinese characters exactly as `yue` does, and Jyutping as well,
    /// which is how the Cantonese lexicon works (`yue` reads romanised words as English).
    public var espeakName: String? {
        switch self {
        case .mandarin: return "cmn-latn-pinyin"
        case .cantonese: return "yue-Latn-jyutping"
        case .english: return "en"
        case .silent: return nil
        }
    }

    /// What `--voice` (and `voice` in the configuration file) may be.
    public static var options: [String] { allCases.map(\.rawValue) + allCases.compactMap(\.espeakName) }

    /// The voice for `--voice`: `cmn`, `yue`, `en`, `off`, or an eSpeak name of one of them.
    public init?(option: String) {
        let lowered = option.lowercased()
        guard let voice = SpeechVoice(rawValue: lowered) ?? SpeechVoice.allCases.first(where: { $0.espeakName?.lowercased() == lowered })
        else { return nil }
        self = voice
    }
}
