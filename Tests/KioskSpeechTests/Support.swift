import Foundation
import KioskCore
import KioskSpeech
import KioskTestSupport
import XCTest

let shippedLexicon: Lexicon = try! Lexicon(contentsOf: repoRoot.appendingPathComponent("locales/lexicon-cmn.txt"))

func speechText(_ voice: SpeechVoice) -> SpeechText {
    SpeechText(voice: voice, lexicon: voice == .mandarin ? shippedLexicon : Lexicon(), strings: loadStrings(voice.stringsLocale))
}

/// eSpeak NG in synchronous mode: synthesises into memory, no sound card needed.
func engine(_ voice: SpeechVoice) throws -> ESpeakEngine {
    let engine = try ESpeakEngine.start(.synchronous)
    try engine.setVoice(voice.espeakName!)
    engine.set(SpeechSettings(careMode: true))
    return engine
}

/// Every Arabic digit in Mandarin engine text must be the tone of a pinyin syllable; any other
/// digit would be read as a number word by the pinyin voice (or as an English word by `cmn`).
func strayDigits(_ engineText: String) -> [String] {
    engineText.replacing(/[a-zü]+[1-5]/, with: "").matches(of: /\S*[0-9]\S*/).map { String($0.0) }
}
