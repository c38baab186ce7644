import Foundation
import KioskCore
import KioskSpeech

/// `carekiosk speak [--voice V] [--dry-run] [--field-type T] TEXT`: says a text or a value the way
/// the kiosk would. With `--dry-run` it prints the eSpeak NG voice, the exact text that goes to it,
/// and the phonemes eSpeak NG makes of it (last line), and plays nothing.
enum SpeakCommand {
    static func run(_ words: String, _ options: Options, _ setup: SpeechSetup, _ s: Strings) -> Int32 {
        let voice = options.voice.flatMap(SpeechVoice.init(option:)) ?? .default(forDisplay: options.locale ?? Catalog.fallbackLocale)
        guard let name = voice.espeakName else {
            CareKiosk.printError(s.tr("speak.silent_voice"))
            return 2
        }
        let normaliser = setup.text(voice)
        let text = options.fieldType.map { normaliser.value(words, as: $0) }
            ?? normaliser.engineText(Utterance(voice: voice, parts: [.text(words)]))
        let engine: ESpeakEngine
        do {
            if !options.dryRun, !AudioDevice.available() {
                CareKiosk.printError(s.tr("status.speech_no_audio_device"))
                return 1
            }
            engine = try ESpeakEngine.start(options.dryRun ? .synchronous : .playback)
            try engine.setVoice(name)
        } catch {
            CareKiosk.printError(error == .noVoice(name) ? s.tr("status.speech_no_voice", ["voice": name]) : s.tr("status.speech_failed"))
            return 1
        }
        if options.dryRun {
            print(name)
            print(text)
            print(engine.phonemes(text))
            return 0
        }
        engine.set(SpeechSettings(careMode: options.careMode ?? true, volume: options.volume ?? SpeechSettings.defaultVolume))
        do { try engine.synthesize(text, into: nil) } catch {
            CareKiosk.printError(s.tr("status.speech_failed"))
            return 1
        }
        engine.synchronize()
        return 0
    }
}
