import Foundation
import KioskCore

/// Says utterances on the sound card through eSpeak NG's playback mode, which speaks on its own
/// thread: `say` and `stop` return at once, so the screen never waits for speech. What is said is
/// read into pinyin or Jyutping on a queue of its own, so a voice's dictionary is read there, the
/// first time that voice speaks (a kiosk that never speaks Cantonese never reads its dictionary).
/// With no audio device it never starts eSpeak and reports `.noAudioDevice`; a missing voice is
/// reported as `.noVoice`, and the other voices go on working.
public final class ESpeakSpeaker: Speaker, @unchecked Sendable {
    private let engine: ESpeakEngine?
    private let texts: (SpeechVoice) -> SpeechText
    /// Reads each utterance into the engine's text and hands it to eSpeak, one after the other.
    private let queue = DispatchQueue(label: "carekiosk.speech", qos: .userInitiated)
    private let lock = NSLock()
    /// Under `lock`: set on the screen's thread and on the queue.
    private var problem: SpeechTrouble?
    /// Under `lock`. The utterance being said: its synth callback answers "abort" once stopped, which
    /// silences eSpeak far sooner than espeak_Cancel alone (see docs/benchmarks.md). The one before
    /// is kept alive too, in case eSpeak calls back for it once more.
    private var current: SampleSink?
    private var previous: SampleSink?
    /// Under `lock`: counts says and stops, so that an utterance still being read when the next one
    /// comes (or a key stops it) is never started.
    private var turn = 0
    private var pronunciations = Lexicon()

    public var trouble: SpeechTrouble? { lock.withLock { problem } }

    /// `texts` gives the normaliser (lexicon, strings, dictionary) for each voice. `mode` is
    /// playback on a kiosk; retrieval synthesises the same way without a sound card.
    public init(texts: @escaping (SpeechVoice) -> SpeechText, mode: ESpeakEngine.Mode = .playback,
                audioAvailable: Bool = AudioDevice.available()) {
        self.texts = texts
        guard audioAvailable else {
            engine = nil
            problem = .noAudioDevice
            return
        }
        do { engine = try ESpeakEngine.start(mode) } catch {
            engine = nil
            problem = .engineFailed
            return
        }
    }

    public func say(_ utterance: Utterance, settings: SpeechSettings) {
        guard let engine, let name = utterance.voice.espeakName else { return }
        stop()
        do {
            try engine.setVoice(name)
            lock.withLock { if problem == .noVoice(name) { problem = nil } }
        } catch {
            lock.withLock { problem = .noVoice(name) }
            return
        }
        engine.set(settings)
        let sink = SampleSink()
        let text = texts(utterance.voice).with(pronunciations: pronunciations)
        let mine: Int = lock.withLock {
            previous = current
            current = sink
            return turn
        }
        queue.async { [self] in
            let said = text.engineText(utterance)
            guard lock.withLock({ turn == mine }) else { return }
            do { try engine.synthesize(said, into: sink) } catch { lock.withLock { problem = .engineFailed } }
        }
    }

    public func use(pronunciations words: [String: String]) {
        if words != pronunciations.entries { pronunciations = Lexicon(checked: words) }
    }

    public func stop() {
        let sink: SampleSink? = lock.withLock {
            turn += 1
            return current
        }
        sink?.requestStop()
        engine?.cancel()
    }

    /// Waits until every utterance handed over so far has been read and given to eSpeak NG, and
    /// eSpeak has said it and will call back for it no more (tests and the benchmark).
    public func finish() {
        queue.sync {}
        guard let engine else { return }
        for sink in lock.withLock({ [previous, current] }) { engine.waitUntilEnded(sink) }
        engine.synchronize()
    }
}
