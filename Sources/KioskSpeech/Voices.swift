import Foundation
import KioskCore

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

/// Whether this machine has somewhere to play sound: an ALSA playback device or a sound server.
/// Without one, eSpeak's playback mode writes ALSA errors over the screen, so it is not started.
public enum AudioDevice {
    public static func available(environment: [String: String] = ProcessInfo.processInfo.environment,
                                 fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) },
                                 list: (String) -> [String] = { (try? FileManager.default.contentsOfDirectory(atPath: $0)) ?? [] }) -> Bool {
        if environment["CAREKIOSK_AUDIO"] == "none" { return false }
        if let server = environment["PULSE_SERVER"], !server.isEmpty { return true }
        if let runtime = environment["XDG_RUNTIME_DIR"], !runtime.isEmpty,
           fileExists(runtime + "/pulse/native") || fileExists(runtime + "/pipewire-0") { return true }
        return list("/dev/snd").contains { $0.hasPrefix("pcmC") && $0.hasSuffix("p") }
    }
}
