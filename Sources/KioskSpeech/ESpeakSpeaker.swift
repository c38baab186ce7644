import Foundation
import KioskCore

/// Says utterances on the sound card through eSpeak NG's playback mode, which speaks on its own
/// thread: `say` and `stop` return at once, so the screen never waits for speech.
/// With no audio device it never starts eSpeak and reports `.noAudioDevice`; a missing voice is
/// reported as `.noVoice`, and the other voices go on working.
public final class ESpeakSpeaker: Speaker {
    public private(set) var trouble: SpeechTrouble?
    private let engine: ESpeakEngine?
    private let texts: (SpeechVoice) -> SpeechText

    /// `texts` gives the normaliser (lexicon and strings) for each voice.
    public init(texts: @escaping (SpeechVoice) -> SpeechText, audioAvailable: Bool = AudioDevice.available()) {
        self.texts = texts
        guard audioAvailable else {
            engine = nil
            trouble = .noAudioDevice
            return
        }
        do { engine = try ESpeakEngine.start(.playback) } catch {
            engine = nil
            trouble = .engineFailed
        }
    }

    public func say(_ utterance: Utterance, settings: SpeechSettings) {
        guard let engine, let name = utterance.voice.espeakName else { return }
        engine.cancel()
        do {
            try engine.setVoice(name)
            if trouble == .noVoice(name) { trouble = nil }
        } catch {
            trouble = .noVoice(name)
            return
        }
        engine.set(settings)
        do { try engine.synthesize(texts(utterance.voice).engineText(utterance), into: nil) } catch { trouble = .engineFailed }
    }

    public func stop() {
        engine?.cancel()
    }
}
