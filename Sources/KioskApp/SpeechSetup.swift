import Foundation
import KioskCore
import KioskSpeech

/// Builds what speech needs from the data files: the Mandarin lexicon (`locales/lexicon-cmn.txt`)
/// and the strings of each language. Problems in the lexicon are told to the helper and the bad
/// lines skipped; the kiosk still starts.
struct SpeechSetup: Sendable {
    let lexicon: Lexicon
    let strings: @Sendable (String) -> Strings

    init(_ resources: Resources, strings: @escaping @Sendable (String) -> Strings) {
        let url = resources.localesFolder.appendingPathComponent("lexicon-cmn.txt")
        lexicon = (try? Lexicon(contentsOf: url)) ?? Lexicon()
        self.strings = strings
        let s = strings(Catalog.fallbackLocale)
        for problem in lexicon.problems {
            CareKiosk.printError(s.tr("lexicon.problem", ["file": url.path, "line": "\(problem.line)", "problem": describe(problem.kind, s)]))
        }
    }

    func text(_ voice: SpeechVoice) -> SpeechText {
        SpeechText(voice: voice, lexicon: voice == .mandarin ? lexicon : Lexicon(), strings: strings(voice.stringsLocale))
    }

    private func describe(_ kind: Lexicon.Problem.Kind, _ s: Strings) -> String {
        switch kind {
        case .noPinyin: return s.tr("lexicon.no_pinyin")
        case let .badSyllable(syllable): return s.tr("lexicon.bad_syllable", ["syllable": syllable])
        case let .syllableCount(c, n): return s.tr("lexicon.syllable_count", ["characters": "\(c)", "syllables": "\(n)"])
        }
    }
}
