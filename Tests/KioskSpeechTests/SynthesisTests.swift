import Foundation
import KioskCore
import KioskSpeech
import KioskTestSupport
import XCTest

/// Every prompt of both display languages, synthesised into memory (no sound card): plausible
/// audio for its length, and in Mandarin and Cantonese no switch to English, no digit read as a word,
/// and no Chinese character left for eSpeak NG's own word list (all of it went through the dictionary).
final class SynthesisTests: XCTestCase {
    /// Every text a resident may hear: the spoken UI strings (placeholders filled in) and every text of the catalog.
    func prompts(_ locale: String) throws -> [String] {
        let strings = loadStrings(locale)
        let helperOnly = ["catalog.", "cli.", "lexicon.", "speak."]
        var texts = strings.table.filter { key, _ in !helperOnly.contains { key.hasPrefix($0) } }.keys.sorted().map { key in
            strings.table[key]!.replacing(/\{([a-z_]+)\}/) { m in Self.sample[String(m.1)] ?? "12" }
        }
        let c = bundledCatalog
        var catalogTexts: [LocalizedText] = c.categories.map(\.title)
        for s in c.services {
            catalogTexts += [s.title] + [s.summary, s.privacy?.text, s.nextSteps].compactMap { $0 } + s.eligibility.map(\.message)
            catalogTexts += s.materials.flatMap { [$0.title] + [$0.hint].compactMap { $0 } }
            for f in s.orderedFields.map(\.field) {
                catalogTexts += [f.label] + [f.hint, f.purpose, f.unit, f.name].compactMap { $0 } + f.options.map(\.label)
                catalogTexts += f.options.compactMap(\.nextStep) + f.suggestions
            }
        }
        texts += catalogTexts.map { $0.resolve(locale) }
        // The numbers and dates of the bundled services, as a resident's answers and limits show them.
        for s in c.services {
            for f in s.orderedFields.map(\.field) {
                let unit = f.unit?.resolve(locale) ?? ""
                if let min = f.min, let max = f.max { texts.append("\(Int(min))-\(Int(max))\(unit)") }
                if let max = f.max { texts.append("\(max)\(unit)") }
            }
        }
        texts += ["09:30", "12.50元", "5%", "1/3", "2026-11-01", "2026 1122 0016"]
        // Separators alone ("｜", "：") are never said by themselves.
        return Array(Set(texts)).filter { $0.contains { $0.isLetter || $0.isNumber } }.sorted()
    }

    static let sample = ["date": "1945-02-30", "reference": "0B0C0F7E", "digits": "0016", "voice": "yue", "unit": "元",
                         "material": "居民身份证", "label": "手机号码", "answer": "****5678", "input": "123", "seconds": "30"]

    /// Syllables (Han characters, pinyin) or words: what the length of speech goes with.
    func units(_ text: String) -> Int {
        let han = text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
        let words = text.split { !$0.isLetter && !$0.isNumber }.filter { $0.unicodeScalars.allSatisfy(\.isASCII) }.count
        return max(1, han + words)
    }

    func check(_ locale: String, _ voice: SpeechVoice) throws {
        let engine = try engine(voice)
        let normaliser = speechText(voice)
        var problems: [String] = []
        let all = try prompts(locale)
        XCTAssertGreaterThan(all.count, 100)
        for prompt in all {
            let text = normaliser.engineText(Utterance(voice: voice, parts: [.text(prompt)]))
            let seconds = Double(try engine.samples(text).count) / Double(engine.sampleRate)
            let n = units(text)
            if seconds < 0.1 * Double(n) || seconds > 0.9 * Double(n) + 1.5 {
                problems.append(String(format: "%.2f s for %d syllables: %@", seconds, n, text))
            }
            if voice != .english {
                let phonemes = engine.phonemes(text)
                let left = hanLeft(text, voice: voice)
                if phonemes.contains("(en)") { problems.append("English: \(text) → \(phonemes)") }
                if !strayDigits(text, voice: voice).isEmpty { problems.append("digit read as a word: \(text)") }
                if !left.isEmpty { problems.append("not through the dictionary: \(left) in \(text)") }
            }
        }
        XCTAssertEqual(problems, [], problems.joined(separator: "\n"))
    }

    func testEveryChinesePromptInMandarin() throws { try check("zh-Hans", .mandarin) }

    /// Values as the kiosk reads them by type, in both Chinese voices.
    func testEveryKindOfValue() throws {
        for voice in [SpeechVoice.mandarin, .cantonese] {
            let engine = try engine(voice)
            let normaliser = speechText(voice)
            for (value, kind) in [("13812345671", SpokenValue.phone), ("511922194503150016", .idNumber), ("19450315", .date),
                                  ("1200.50", .amount), ("0B0C0F7E", .receipt), ("202611220016", .receipt)] {
                let text = normaliser.value(value, as: kind)
                XCTAssertGreaterThan(try engine.samples(text).count, engine.sampleRate / 2, text)
                XCTAssertFalse(engine.phonemes(text).contains("(en)"), "\(voice) \(text)")
                XCTAssertEqual(hanLeft(text, voice: voice), [], text)
            }
        }
    }
    func testEveryChinesePromptInCantonese() throws { try check("zh-Hans", .cantonese) }
    func testEveryEnglishPrompt() throws { try check("en", .english) }
}
