import Foundation
import KioskCommandLine
import KioskCore
import KioskSpeech

/// `carekiosk speak [--voice V] [--catalog FILE] [--dry-run] [--field-type T] TEXT`: says a text or a value the way
/// the kiosk would. With `--dry-run` it prints the eSpeak NG voice, the exact text that goes to it,
/// and the phonemes eSpeak NG makes of it (last line), and plays nothing.
/// `carekiosk speak [--voice V] --check FILE`: prints each line of FILE (`text<TAB>reading`, pinyin or
/// Jyutping) that is not said as its reading, then how many are right; exits 1 when any is not.
enum SpeakCommand {
    static func run(_ words: String, _ options: Options, _ setup: SpeechSetup, _ s: Strings) -> Int32 {
        let voice = options.voice.flatMap(SpeechVoice.init(option:)) ?? .default(forDisplay: options.locale ?? Catalog.fallbackLocale)
        guard let name = voice.espeakName else {
            CareKiosk.printError(s.tr(.speakSilentVoice))
            return 2
        }
        var normaliser = setup.text(voice)
        // `--catalog FILE`: that catalog's pronunciations, as the kiosk running it would say them.
        if let path = options.catalogPath {
            let catalog: Catalog
            switch CatalogCheck.load(path, s) {
            case let .success(c): catalog = c
            case let .failure(problems):
                problems.lines.forEach(CareKiosk.printError)
                return 2
            }
            normaliser = normaliser.with(pronunciations: Lexicon(checked: catalog.readings.words(for: voice)))
        }
        let text = options.fieldType.map { normaliser.engineReading(normaliser.value(words, as: $0)) }
            ?? normaliser.engineText(Utterance(voice: voice, parts: [.text(words)]))
        let quiet = options.dryRun || options.check
        let engine: ESpeakEngine
        do {
            if !quiet, !AudioDevice.available() {
                CareKiosk.printError(s.tr(.statusSpeechNoAudioDevice))
                return 1
            }
            engine = try ESpeakEngine.start(quiet ? .synchronous : .playback)
            try engine.setVoice(name)
        } catch {
            CareKiosk.printError(error == .noVoice(name) ? s.tr(.statusSpeechNoVoice(voice: name)) : s.tr(.statusSpeechFailed))
            return 1
        }
        if options.check { return check(file: words, PronunciationCheck(text: normaliser, engine: engine), s) }
        if options.dryRun {
            // The text and its phonemes come from the command line: cleaned like every other output.
            [name, text, engine.phonemes(text)].forEach(CareKiosk.printOut)
            return 0
        }
        engine.set(SpeechSettings(careMode: options.careMode ?? true, volume: options.volume ?? SpeechSettings.defaultVolume))
        do { try engine.synthesize(text, into: nil) } catch {
            CareKiosk.printError(s.tr(.statusSpeechFailed))
            return 1
        }
        engine.synchronize()
        return 0
    }

    private static func check(file: String, _ checker: PronunciationCheck, _ s: Strings) -> Int32 {
        let read: (entries: [PronunciationCheck.Entry], unreadable: [Int])
        let url = URL(fileURLWithPath: file)
        do { read = try PronunciationCheck.read(url) } catch {
            CareKiosk.printError((error as? SpeechFile.TooLarge).map { SpeechSetup.tooLarge(url, $0, s) } ?? s.tr(.speakCheckUnreadable(file: file)))
            return 2
        }
        for line in read.unreadable { CareKiosk.printError(s.tr(.speakCheckNoReading(file: file, line: "\(line)"))) }
        let misses = checker.misses(read.entries)
        for miss in misses {
            CareKiosk.printOut(s.tr(.speakCheckMiss(line: "\(miss.entry.line)", text: miss.entry.text,
                                            expected: miss.entry.reading, said: miss.engineText)))
        }
        let total = read.entries.count
        let right = total - misses.count
        let percent = total == 0 ? "0" : String(format: "%.1f", Double(right) * 100 / Double(total))
        CareKiosk.printOut(s.tr(.speakCheckSummary(total: "\(total)", right: "\(right)", percent: percent, wrong: "\(misses.count)")))
        return misses.isEmpty && read.unreadable.isEmpty ? 0 : 1
    }
}
