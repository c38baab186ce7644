import CEspeakNG
import Foundation

/// eSpeak NG's C library, which keeps one state per process: every call under one lock.
/// Synchronous mode synthesises into memory and returns when it is done (tests, the benchmark,
/// `--dry-run`); retrieval mode does the same on eSpeak's own thread; playback mode plays on the
/// sound card.
///
/// eSpeak is started once per output and never again for another mode of the same output:
/// synchronous mode is retrieval mode's output, waited for. eSpeak NG 1.51 leaves its command
/// thread's "running" flag set when it is terminated, and a new start keeps it, so the first
/// espeak_Cancel after a restart waits forever for a thread that is gone (and so does a second
/// espeak_Terminate); a synchronous start, which never runs a command on that thread, could not
/// clear it. Only a change between playback and retrieval restarts eSpeak, and a restart runs one
/// command on the new thread at once, which clears the flag.
public final class ESpeakEngine: @unchecked Sendable {
    public enum Mode: Sendable {
        case playback, retrieval, synchronous

        var output: espeak_AUDIO_OUTPUT {
            switch self {
            case .playback: return AUDIO_OUTPUT_PLAYBACK
            case .retrieval, .synchronous: return AUDIO_OUTPUT_RETRIEVAL
            }
        }
    }

    public enum Failure: Error, Equatable {
        case initialise
        case noVoice(String)
        case synthesis(Int32)
    }

    public let mode: Mode
    /// Samples per second of what eSpeak produces (22 050 Hz for its voices).
    public let sampleRate: Int
    /// Every call into eSpeak, whichever engine makes it: they share one C state.
    private static let lock = NSLock()
    private static let startLock = NSLock()
    /// Under `startLock`: the output eSpeak was started with, and its sample rate.
    private nonisolated(unsafe) static var started: (output: espeak_AUDIO_OUTPUT, sampleRate: Int)?

    private init(mode: Mode, sampleRate: Int) {
        self.mode = mode
        self.sampleRate = sampleRate
    }

    /// An engine in `mode`. eSpeak NG is started the first time, and again only when `mode` needs
    /// the other output (playback after retrieval or synchronous, or the other way round): the
    /// engines handed out before then speak through the new output.
    /// `bufferMilliseconds` is how much audio each callback carries (at the first start).
    public static func start(_ mode: Mode, bufferMilliseconds: Int32 = 60) throws(Failure) -> ESpeakEngine {
        startLock.lock()
        defer { startLock.unlock() }
        if let started, started.output == mode.output { return ESpeakEngine(mode: mode, sampleRate: started.sampleRate) }
        let restart = started != nil
        if restart {
            lock.withLock { _ = kiosk_espeak_Terminate() }
            started = nil
        }
        // Loaded now, not at the program's start: the first screen does not wait for it.
        guard kiosk_espeak_load() == 0 else { throw .initialise }
        let rate = lock.withLock { kiosk_espeak_Initialize(mode.output, bufferMilliseconds, nil, Int32(espeakINITIALIZE_DONT_EXIT)) }
        guard rate > 0 else { throw .initialise }
        lock.withLock { kiosk_espeak_SetSynthCallback(collectSamples) }
        if restart {
            // One command through the new command thread (a parameter is queued in these modes):
            // it clears the flag the ended start left set (see above).
            lock.withLock { _ = kiosk_espeak_SetParameter(espeakRATE, Int32(espeakRATE_NORMAL), 0) }
            _ = kiosk_espeak_Synchronize()
        }
        started = (mode.output, Int(rate))
        return ESpeakEngine(mode: mode, sampleRate: Int(rate))
    }

    /// Chooses a voice by its eSpeak name (`cmn-latn-pinyin`, `yue`, `en`).
    public func setVoice(_ name: String) throws(Failure) {
        let status = locked { kiosk_espeak_SetVoiceByName(name) }
        guard status == EE_OK else { throw .noVoice(name) }
    }

    public func set(_ settings: SpeechSettings) {
        locked {
            _ = kiosk_espeak_SetParameter(espeakRATE, Int32(min(max(settings.rate, Int(espeakRATE_MINIMUM)), Int(espeakRATE_MAXIMUM))), 0)
            _ = kiosk_espeak_SetParameter(espeakVOLUME, Int32(min(max(settings.volume, 0), 200)), 0)
        }
    }

    /// Starts saying `text` (synchronous mode: says it all before returning). Samples go to `sink`,
    /// one text per sink; the caller keeps it until eSpeak has ended the text (its message-terminated
    /// event comes after the last samples, also after a stop; synchronous mode waits for it).
    public func synthesize(_ text: String, into sink: SampleSink?) throws(Failure) {
        let status: espeak_ERROR = Self.lock.withLock {
            let context = sink.map { Unmanaged.passUnretained($0).toOpaque() }
            return text.withCString { pointer in
                kiosk_espeak_Synth(pointer, strlen(pointer) + 1, 0, POS_CHARACTER, 0,
                                   UInt32(espeakCHARS_UTF8), nil, context)
            }
        }
        guard status == EE_OK else { throw .synthesis(status.rawValue) }
        if mode == .synchronous { waitUntilEnded(sink) }
    }

    /// Returns once eSpeak has ended the sink's text (synchronous mode waits so). A text eSpeak
    /// dropped (a cancel meanwhile) never ends: it gives up once eSpeak's command thread has had
    /// nothing to do at five checks in a row, 20 ms apart, when no call for it can come any more.
    func waitUntilEnded(_ sink: SampleSink?) {
        guard let sink else { return synchronize() }
        var idle = 0
        while !sink.waitUntilEnded(milliseconds: 20) {
            idle = kiosk_espeak_IsPlaying() == 0 ? idle + 1 : 0
            if idle == 5 { return }
        }
    }

    /// Says `text` into memory and returns every sample (synchronous mode only).
    public func samples(_ text: String) throws(Failure) -> [Int16] {
        let sink = SampleSink()
        try synthesize(text, into: sink)
        return sink.samples
    }

    /// Stops what is being said at once and drops what was queued.
    public func cancel() {
        locked { _ = kiosk_espeak_Cancel() }
    }

    /// Waits until everything queued has been said (asynchronous modes).
    public func synchronize() {
        _ = kiosk_espeak_Synchronize()
    }

    /// eSpeak's phoneme mnemonics for `text` in the current voice, clause by clause, as
    /// `espeak-ng -x` prints them; a switch to another language shows as `(en)`. Waits until what is
    /// queued has been said: eSpeak makes phonemes on the caller's thread, from the state its own
    /// thread synthesises with.
    public func phonemes(_ text: String) -> String {
        synchronize()
        return locked {
            var clauses: [String] = []
            text.withCString { start in
                var pointer: UnsafeRawPointer? = UnsafeRawPointer(start)
                // eSpeak moves the pointer on by one clause per call and sets it to NULL at the end.
                for _ in 0..<10_000 where pointer != nil {
                    guard let out = kiosk_espeak_TextToPhonemes(&pointer, espeakCHARS_UTF8, 1) else { break }
                    let clause = String(cString: out).trimmingCharacters(in: .whitespaces)
                    if !clause.isEmpty { clauses.append(clause) }
                }
            }
            return clauses.joined(separator: " ")
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        Self.lock.withLock(body)
    }
}

/// Collects what eSpeak synthesises; can ask it to stop at the next buffer.
public final class SampleSink: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Int16] = []
    private var firstAt: UInt64?
    private var lastAt: UInt64?
    private var stopRequested = false
    private var hasEnded = false
    private let ended = DispatchSemaphore(value: 0)

    public init() {}

    public var samples: [Int16] { lock.withLock { collected } }
    /// Monotonic nanoseconds when the first samples arrived, and the last.
    public var firstSampleAt: UInt64? { lock.withLock { firstAt } }
    public var lastSampleAt: UInt64? { lock.withLock { lastAt } }

    public func requestStop() { lock.withLock { stopRequested = true } }

    /// Whether eSpeak has ended the text, waiting up to `milliseconds`.
    fileprivate func waitUntilEnded(milliseconds: Int) -> Bool {
        if lock.withLock({ hasEnded }) { return true }
        guard ended.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return false }
        ended.signal()
        return true
    }

    /// Returns true when synthesis should stop. `last` is eSpeak's message-terminated event, its last
    /// call for the text.
    fileprivate func receive(_ buffer: UnsafeBufferPointer<Int16>, last: Bool) -> Bool {
        let (stop, endsNow): (Bool, Bool) = lock.withLock {
            if !buffer.isEmpty {
                let now = DispatchTime.now().uptimeNanoseconds
                if firstAt == nil { firstAt = now }
                lastAt = now
                collected.append(contentsOf: buffer)
            }
            let endsNow = !hasEnded && last
            if endsNow { hasEnded = true }
            return (stopRequested, endsNow)
        }
        if endsNow { ended.signal() }
        return stop
    }
}

/// eSpeak's synth callback: a C function that captures nothing; the sink comes through user_data.
private let collectSamples: @convention(c) (UnsafeMutablePointer<Int16>?, Int32, UnsafeMutablePointer<espeak_EVENT>?) -> Int32 = { wav, count, events in
    guard let events, let context = events.pointee.user_data else { return 0 }
    let sink = Unmanaged<SampleSink>.fromOpaque(context).takeUnretainedValue()
    let buffer = UnsafeBufferPointer(start: wav, count: wav == nil ? 0 : Int(max(count, 0)))
    var event = events, terminated = false
    // The list ends with espeakEVENT_LIST_TERMINATED; eSpeak's lists are far shorter than the bound.
    for _ in 0..<1_000 where event.pointee.type != espeakEVENT_LIST_TERMINATED {
        if event.pointee.type == espeakEVENT_MSG_TERMINATED { terminated = true }
        event += 1
    }
    return sink.receive(buffer, last: terminated) ? 1 : 0
}
