import Foundation
import KioskCore
import KioskSpeech
import KioskTestSupport
import XCTest

let shippedLexicon: Lexicon = try! Lexicon(contentsOf: repoRoot.appendingPathComponent("locales/lexicon-cmn.txt"))
let shippedCantoneseLexicon: Lexicon = try! Lexicon(contentsOf: repoRoot.appendingPathComponent("locales/lexicon-yue.txt"), highestTone: "6")
/// The shipped dictionaries, read once for every test of the run.
let shippedDictionary = ReadingDictionarySource(url: repoRoot.appendingPathComponent("speech/mandarin-pinyin.txt"))
let shippedCantoneseDictionary = ReadingDictionarySource(url: repoRoot.appendingPathComponent("speech/cantonese-jyutping.txt"))

/// The normaliser as the kiosk builds it for `voice` (see SpeechSetup).
func speechText(_ voice: SpeechVoice, pronunciations: Lexicon = Lexicon()) -> SpeechText {
    switch voice {
    case .mandarin:
        return SpeechText(voice: voice, lexicon: shippedLexicon, strings: loadStrings(voice.stringsLocale),
                          dictionary: shippedDictionary, pronunciations: pronunciations)
    case .cantonese:
        return SpeechText(voice: voice, lexicon: shippedCantoneseLexicon, strings: loadStrings(voice.stringsLocale),
                          dictionary: shippedCantoneseDictionary, pronunciations: pronunciations)
    default: return SpeechText(voice: voice, lexicon: Lexicon(), strings: loadStrings(voice.stringsLocale))
    }
}

/// eSpeak NG in synchronous mode: synthesises into memory, no sound card needed.
func engine(_ voice: SpeechVoice) throws -> ESpeakEngine {
    let engine = try ESpeakEngine.start(.synchronous)
    try engine.setVoice(voice.espeakName!)
    engine.set(SpeechSettings(careMode: true))
    return engine
}

/// Every Arabic digit in Chinese engine text must be the tone of a syllable (pinyin 1-5, Jyutping
/// 1-6); any other digit would be read as a number word by the voice (or as an English word by `cmn`).
func strayDigits(_ engineText: String, voice: SpeechVoice = .mandarin) -> [String] {
    let syllable = try! Regex("[a-zü]+[1-\(voice == .cantonese ? 6 : 5)]")
    return engineText.replacing(syllable, with: "").matches(of: /\S*[0-9]\S*/).map { String($0.0) }
}

/// Chinese characters left in engine text: each one is read by eSpeak NG's own word list instead of
/// the kiosk's dictionary. In Cantonese, the characters that spell syllabic nasals are given on purpose.
func hanLeft(_ engineText: String, voice: SpeechVoice = .mandarin) -> [Character] {
    let spelled = voice == .cantonese ? Set(CantoneseSpelling.nasals.values.map(Character.init)) : []
    return engineText.filter { c in
        !spelled.contains(c) && c.unicodeScalars.contains { (0x3400...0x4DBF).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
    }
}
