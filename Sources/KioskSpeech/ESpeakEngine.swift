import CEspeakNG
import Foundation

/// eSpeak NG's C library, which keeps one state per process: one engine at a time, every call
/// under one lock. Synchronous mode synthesises into memory (tests, the benchmark, `--dry-run`);
/// retrieval mode does the same on eSpeak's own thread; playback mode plays on the sound card.
public final class ESpeakEngine: @unchecked Sendable {
    public enum Mode: Sendable {
        case playback, retrieval, synchronous

        var output: espeak_AUDIO_OUTPUT {
            switch self {
            case .playback: return AUDIO_OUTPUT_PLAYBACK
            case .retrieval: return AUDIO_OUTPUT_RETRIEVAL
            case .synchronous: return AUDIO_OUTPUT_SYNCHRONOUS
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
    private let lock = NSLock()
    private nonisolated(unsafe) static var current: ESpeakEngine?
    private static let startLock = NSLock()

    private init(mode: Mode, sampleRate: Int) {
        self.mode = mode
        self.sampleRate = sampleRate
    }

    /// Starts eSpeak NG in `mode`, ending the engine of another mode if there was one.
    /// `bufferMilliseconds` is how much audio each callback carries in the modes that call back.
    public static func start(_ mode: Mode, bufferMilliseconds: Int32 = 60) throws(Failure) -> ESpeakEngine {
        startLock.lock()
        defer { startLock.unlock() }
        if let engine = current, engine.mode == mode { return engine }
        if current != nil { _ = kiosk_espeak_Terminate(); current = nil }
        // Loaded now, not at the program's start: the first screen does not wait for it.
        guard kiosk_espeak_load() == 0 else { throw .initialise }
        let rate = kiosk_espeak_Initialize(mode.output, bufferMilliseconds, nil, Int32(espeakINITIALIZE_DONT_EXIT))
        guard rate > 0 else { throw .initialise }
        kiosk_espeak_SetSynthCallback(collectSamples)
        let engine = ESpeakEngine(mode: mode, sampleRate: Int(rate))
        current = engine
        return engine
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

    /// Starts saying `text` (synchronous mode: says it all before returning). Samples go to `sink`.
    public func synthesize(_ text: String, into sink: SampleSink?) throws(Failure) {
        let status: espeak_ERROR = locked {
            let context = sink.map { Unmanaged.passUnretained($0).toOpaque() }
            return text.withCString { pointer in
                kiosk_espeak_Synth(pointer, strlen(pointer) + 1, 0, POS_CHARACTER, 0,
                             UInt32(espeakCHARS_UTF8), nil, context)
            }
        }
        guard status == EE_OK else { throw .synthesis(status.rawValue) }
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
    /// `espeak-ng -x` prints them; a switch to another language shows as `(en)`.
    public func phonemes(_ text: String) -> String {
        locked {
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
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}

/// Collects what eSpeak synthesises; can ask it to stop at the next buffer.
public final class SampleSink: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [Int16] = []
    private var firstAt: UInt64?
    private var lastAt: UInt64?
    private var stopRequested = false

    public init() {}

    public var samples: [Int16] { lock.withLock { collected } }
    /// Monotonic nanoseconds when the first samples arrived, and the last.
    public var firstSampleAt: UInt64? { lock.withLock { firstAt } }
    public var lastSampleAt: UInt64? { lock.withLock { lastAt } }

    public func requestStop() { lock.withLock { stopRequested = true } }

    /// Returns true when synthesis should stop.
    fileprivate func receive(_ buffer: UnsafeBufferPointer<Int16>) -> Bool {
        lock.withLock {
            if !buffer.isEmpty {
                let now = DispatchTime.now().uptimeNanoseconds
                if firstAt == nil { firstAt = now }
                lastAt = now
                collected.append(contentsOf: buffer)
            }
            return stopRequested
        }
    }
}

/// eSpeak's synth callback: a C function that captures nothing; the sink comes through user_data.
private let collectSamples: @convention(c) (UnsafeMutablePointer<Int16>?, Int32, UnsafeMutablePointer<espeak_EVENT>?) -> Int32 = { wav, count, events in
    guard let events, let context = events.pointee.user_data else { return 0 }
    let sink = Unmanaged<SampleSink>.fromOpaque(context).takeUnretainedValue()
    let buffer = UnsafeBufferPointer(start: wav, count: wav == nil ? 0 : Int(max(count, 0)))
    return sink.receive(buffer) ? 1 : 0
}
