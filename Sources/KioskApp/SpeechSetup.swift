import Foundation
import KioskCommandLine
import KioskCore
import KioskOutbox
import KioskSpeech

/// Builds what speech needs from the data files: the dictionaries (`speech/mandarin-pinyin.txt` and
/// `speech/cantonese-jyutping.txt`, each read the first time its language is spoken), the lexicons (`locales/lexicon-cmn.txt` in pinyin,
/// `locales/lexicon-yue.txt` in Jyutping) and the strings of each language. Problems in a lexicon
/// are told to the helper and the bad lines skipped; the kiosk still starts.
struct SpeechSetup: Sendable {
    let lexicon: Lexicon
    let cantoneseLexicon: Lexicon
    let dictionary: ReadingDictionarySource
    let cantoneseDictionary: ReadingDictionarySource
    let strings: @Sendable (String) -> Strings

    init(_ resources: Resources, strings: @escaping @Sendable (String) -> Strings) {
        self.strings = strings
        dictionary = ReadingDictionarySource(url: resources.root.appendingPathComponent("speech/mandarin-pinyin.txt"))
        cantoneseDictionary = ReadingDictionarySource(url: resources.root.appendingPathComponent("speech/cantonese-jyutping.txt"))
        let s = strings(Catalog.fallbackLocale)
        func load(_ name: String, highestTone: Character) -> Lexicon {
            let url = resources.localesFolder.appendingPathComponent(name)
            let lexicon: Lexicon
            do { lexicon = try Lexicon(contentsOf: url, highestTone: highestTone) } catch {
                if let large = error as? SpeechFile.TooLarge { CareKiosk.printError(Self.tooLarge(url, large, s)) }
                return Lexicon(highestTone: highestTone)
            }
            for problem in lexicon.problems {
                CareKiosk.printError(s.tr(.lexiconProblem(file: url.path, line: "\(problem.line)", problem: Self.describe(problem.kind, s))))
            }
            return lexicon
        }
        lexicon = load("lexicon-cmn.txt", highestTone: "5")
        cantoneseLexicon = load("lexicon-yue.txt", highestTone: "6")
    }

    func text(_ voice: SpeechVoice) -> SpeechText {
        switch voice {
        case .mandarin: return SpeechText(voice: voice, lexicon: lexicon, strings: strings(voice.stringsLocale), dictionary: dictionary)
        case .cantonese:
            return SpeechText(voice: voice, lexicon: cantoneseLexicon, strings: strings(voice.stringsLocale), dictionary: cantoneseDictionary)
        default: return SpeechText(voice: voice, lexicon: Lexicon(), strings: strings(voice.stringsLocale))
        }
    }

    /// A speech file over its limit, with the limit.
    static func tooLarge(_ url: URL, _ large: SpeechFile.TooLarge, _ s: Strings) -> String {
        s.tr(.fileTooLarge(file: url.path, limit: BoundedFile.describe(bytes: large.limit)))
    }

    private static func describe(_ kind: Lexicon.Problem.Kind, _ s: Strings) -> String {
        switch kind {
        case .noPinyin: return s.tr(.lexiconNoPinyin)
        case let .badSyllable(syllable): return s.tr(.lexiconBadSyllable(syllable: syllable))
        case let .syllableCount(c, n): return s.tr(.lexiconSyllableCount(characters: "\(c)", syllables: "\(n)"))
        }
    }
}
