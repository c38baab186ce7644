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
    /// The utterance being said: its synth callback answers "abort" once stopped, which silences
    /// eSpeak far sooner than espeak_Cancel alone (see docs/benchmarks.md). The one before is kept
    /// alive too, in case eSpeak calls back for it once more.
    private var current: SampleSink?
    private var previous: SampleSink?
    private var pronunciations = Lexicon()

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
            return
        }
        // Read the dictionaries while the first screen is drawn rather than when they are needed:
        // each on a background thread, once (a voice is chosen with F4 at any time).
        texts(.mandarin).reader.dictionary?.preload()
        texts(.cantonese).reader.dictionary?.preload()
    }

    public func say(_ utterance: Utterance, settings: SpeechSettings) {
        guard let engine, let name = utterance.voice.espeakName else { return }
        stop()
        do {
            try engine.setVoice(name)
            if trouble == .noVoice(name) { trouble = nil }
        } catch {
            trouble = .noVoice(name)
            return
        }
        engine.set(settings)
        let sink = SampleSink()
        previous = current
        current = sink
        do { try engine.synthesize(texts(utterance.voice).with(pronunciations: pronunciations).engineText(utterance), into: sink) } catch { trouble = .engineFailed }
    }

    public func use(pronunciations words: [String: String]) {
        if words != pronunciations.entries { pronunciations = Lexicon(checked: words) }
    }

    public func stop() {
        current?.requestStop()
        engine?.cancel()
    }
}
