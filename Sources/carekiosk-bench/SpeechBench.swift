import Foundation
import KioskApp
import KioskCommandLine
import KioskCore
import KioskSpeech

// Speech figures: eSpeak NG into memory (there may be no sound card), in the mode that matches each
// question. Retrieval mode synthesises on eSpeak's own thread as playback mode does, minus the device.

private func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

private func waitFor(_ condition: () -> Bool, seconds: Double = 5) {
    let end = now() + UInt64(seconds * 1e9)
    while !condition() && now() < end { usleep(100) }
}

private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
private func p90(_ values: [Double]) -> Double { values.sorted()[min(values.count - 1, Int(Double(values.count - 1) * 0.9))] }
private func msText(_ s: Double) -> String { String(format: "%.1f ms", s * 1000) }

/// Resident memory of this process in bytes, from /proc/self/statm (pages).
private func residentBytes() -> Int {
    guard let handle = FileHandle(forReadingAtPath: "/proc/self/statm") else { return 0 }
    defer { try? handle.close() }
    let fields = String(decoding: (try? handle.read(upToCount: 256)) ?? Data(), as: UTF8.self).split(separator: " ")
    return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
}

/// A dictionary (`language`: Mandarin, Cantonese): how long reading the file takes, and what keeping it costs.
private func dictionaryRows(_ language: String, _ url: URL) -> (rows: [Row], source: ReadingDictionarySource) {
    let before = residentBytes()
    let source = ReadingDictionarySource(url: url)
    var t0 = now()
    let first = source.dictionary
    let firstLoad = Double(now() - t0) / 1e9
    let kept = residentBytes() - before
    var loads: [Double] = []
    for _ in 0..<5 {
        t0 = now()
        _ = try? ReadingDictionary(contentsOf: url)
        loads.append(Double(now() - t0) / 1e9)
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    let words = first?.wordCount ?? 0
    return ([
        Row(measure: "speech: \(language) dictionary load (speech/\(url.lastPathComponent))",
            figure: "\(msText(median(loads))) median, \(msText(firstLoad)) first",
            how: String(format: "%.2f MB file (%d bytes), %d words, %d characters; read once, on the speaker's queue, when its voice first speaks; 5 more loads for the median", Double(size) / 1e6, size, words, first?.characterCount ?? 0)),
        Row(measure: "speech: \(language) dictionary memory",
            figure: String(format: "%.1f MB of tables", Double(first?.tableBytes ?? 0) / 1e6),
            how: String(format: "sorted 128-bit word keys, reading offsets, syllable pool, character table; resident memory grew by %.1f MB over the first load (/proc/self/statm; less when the allocator reuses what earlier rows freed)", Double(kept) / 1e6)),
    ], source)
}

/// The first utterance of each Chinese voice, its dictionary not read yet: how long `say` holds the
/// screen's thread, and how long until the speaker's queue has read the dictionary and the text is
/// with eSpeak (what a resident waits for, once, beyond the usual latency).
private func firstUtteranceRows(resources: Resources, strings: @escaping @Sendable (String) -> Strings) -> [Row] {
    var rows: [Row] = []
    for (voice, file, word) in [(SpeechVoice.mandarin, "mandarin-pinyin.txt", "银行"), (.cantonese, "cantonese-jyutping.txt", "银行")] {
        let source = ReadingDictionarySource(url: resources.root.appendingPathComponent("speech/\(file)"))
        let speaker = ESpeakSpeaker(texts: { SpeechText(voice: $0, lexicon: Lexicon(), strings: strings($0.stringsLocale), dictionary: source) },
                                    mode: .retrieval, audioAvailable: true)
        let t0 = now()
        speaker.say(Utterance(voice: voice, parts: [.text(word)]), settings: SpeechSettings(careMode: true))
        let returned = Double(now() - t0) / 1e9
        waitFor({ source.wasRead }, seconds: 30)
        let read = Double(now() - t0) / 1e9
        speaker.stop()
        speaker.finish()
        rows.append(Row(measure: "speech: first \(voice == .mandarin ? "Mandarin" : "Cantonese") utterance, dictionary not read yet",
                        figure: "say returns in \(msText(returned)); dictionary read after \(msText(read))",
                        how: "ESpeakSpeaker, retrieval mode: say on the calling (screen's) thread, the dictionary read on the speaker's queue; each later utterance finds it read"))
    }
    return rows
}

func speechRows(catalog: Catalog, resources: Resources) -> [Row] {
    let zh = try! resources.strings("zh-Hans"), en = try! resources.strings("en")
    let lexicon = (try? Lexicon(contentsOf: resources.localesFolder.appendingPathComponent("lexicon-cmn.txt"))) ?? Lexicon()
    let cantonese = (try? Lexicon(contentsOf: resources.localesFolder.appendingPathComponent("lexicon-yue.txt"), highestTone: "6")) ?? Lexicon()
    let strings: @Sendable (String) -> Strings = { $0 == "en" ? en : zh }
    let (mandarinRows, dictionary) = dictionaryRows("Mandarin", resources.root.appendingPathComponent("speech/mandarin-pinyin.txt"))
    let (cantoneseRows, cantoneseDictionary) = dictionaryRows("Cantonese", resources.root.appendingPathComponent("speech/cantonese-jyutping.txt"))
    func text(_ voice: SpeechVoice) -> SpeechText {
        switch voice {
        case .mandarin: return SpeechText(voice: voice, lexicon: lexicon, strings: strings(voice.stringsLocale), dictionary: dictionary)
        case .cantonese:
            return SpeechText(voice: voice, lexicon: cantonese, strings: strings(voice.stringsLocale), dictionary: cantoneseDictionary)
        default: return SpeechText(voice: voice, lexicon: Lexicon(), strings: strings(voice.stringsLocale))
        }
    }
    let context = Context(moment: Moment(date: Date(timeIntervalSince1970: 1_795_312_800), utcOffsetSeconds: 8 * 3600),
                          newID: .numbered(1))
    // Home → 社保养老 → 养老金资格认证 → intro → material → privacy → first question, then F3 there.
    let walk: [Key] = [.digit(1), .digit(1), .enter, .digit(1), .digit(1), .f3]
    var rows = mandarinRows + cantoneseRows + firstUtteranceRows(resources: resources, strings: strings)
    var spoken: [Utterance] = []  // what the walk said, for the interrupt test

    // Screen change → first samples: the reducer's .speak effect, normalised, handed to eSpeak.
    var latencies: [Double] = []
    do {
        let engine = try ESpeakEngine.start(.retrieval)
        try engine.setVoice(SpeechVoice.mandarin.espeakName!)
        engine.set(SpeechSettings(careMode: true))
        for _ in 0..<10 {
            var state = WizardState(catalog: catalog, kioskID: "bench", today: context.moment.civilDate)
            for key in walk {
                let sink = SampleSink()
                let t0 = now()
                let reduced = state.reduce(.key(key), context)
                let effects = state.voiced(reduced, strings: strings)
                guard let utterance = effects.compactMap({ if case let .speak(u) = $0 { return u } else { return nil } }).last else { continue }
                engine.cancel()
                try engine.synthesize(text(.mandarin).engineText(utterance), into: sink)
                waitFor { sink.firstSampleAt != nil }
                if let first = sink.firstSampleAt { latencies.append(Double(first - t0) / 1e9) }
                engine.cancel()
                spoken.append(utterance)
            }
        }
        rows.append(Row(measure: "speech: screen change to first audio samples, Mandarin, care mode",
                        figure: "\(msText(median(latencies))) median, \(msText(p90(latencies))) p90",
                        how: "\(latencies.count) screen changes of the pension service, dictionary loaded: reduce(key) → .speak → normalise (pinyin from the dictionary) → espeak_Synth, retrieval mode, 60 ms buffers, until the first buffer arrives"))

        // Key press → silence: cancel while a long screen is being said.
        var stops: [Double] = []
        var late = 0
        // eSpeak makes audio far faster than it is played, so the text is long enough (a screen said
        // 20 times) for synthesis to be still under way when the key comes.
        let long = Array(repeating: text(.mandarin).engineText(spoken.first { $0.parts.count > 5 } ?? spoken[0]), count: 20).joined()
        var audioAtCancel: [Double] = []
        for _ in 0..<20 {
            let sink = SampleSink()
            try engine.synthesize(long, into: sink)
            waitFor { sink.firstSampleAt != nil }
            usleep(20_000)
            let t0 = now()
            sink.requestStop() // the synth callback answers "abort" at the next buffer
            engine.cancel()
            let t1 = now()
            audioAtCancel.append(Double(sink.samples.count) / Double(engine.sampleRate))
            usleep(100_000)
            if let last = sink.lastSampleAt, last > t1 { late += 1 }
            stops.append(Double(max(t1, sink.lastSampleAt ?? t1) - t0) / 1e9)
        }
        rows.append(Row(measure: "speech: key press to silence (interrupt)",
                        figure: "\(msText(median(stops))) median, \(msText(p90(stops))) p90",
                        how: String(format: "20 times: stop flag for the synth callback + espeak_Cancel, 20 ms into synthesis of a long text (%.0f s of audio made by then, median) until it returns and no samples arrive after; %d runs had samples after it; excludes the sound card's own buffer", median(audioAtCancel), late)))
    } catch {
        rows.append(Row(measure: "speech latency", figure: "not measured", how: "eSpeak NG: \(error)"))
    }

    // Synthesis speed: audio seconds made per wall-clock second, synchronous mode.
    for voice in [SpeechVoice.mandarin, .cantonese, .english] {
        do {
            let engine = try ESpeakEngine.start(.synchronous)
            try engine.setVoice(voice.espeakName!)
            engine.set(SpeechSettings(careMode: true))
            var state = WizardState(catalog: catalog, kioskID: "bench", today: context.moment.civilDate, speechVoice: voice)
            // What each screen says comes from the reducer's announcements (voiced), as in the walk above.
            let texts = walk.flatMap { key in
                let reduced = state.reduce(.key(key), context)
                return state.voiced(reduced, strings: strings).compactMap { if case let .speak(u) = $0 { return text(voice).engineText(u) } else { return nil } }
            }
            var samples = 0
            let t0 = now()
            for _ in 0..<3 { for t in texts { samples += try engine.samples(t).count } }
            let wall = Double(now() - t0) / 1e9
            let audio = Double(samples) / Double(engine.sampleRate)
            rows.append(Row(measure: "speech: synthesis speed, \(voice.espeakName!), care-mode rate",
                            figure: String(format: "%.0f× real time", audio / wall),
                            how: String(format: "%.1f s of audio in %.2f s, synchronous mode into memory, one core", audio, wall)))
        } catch {
            rows.append(Row(measure: "speech: synthesis speed, \(voice.rawValue)", figure: "not measured", how: "eSpeak NG: \(error)"))
        }
    }
    return rows
}
