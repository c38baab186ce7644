import Foundation
import KioskCore
import KioskSpeech
import KioskTestSupport
import XCTest

/// A pronunciation corpus of the tests' folder (`text<TAB>reading`, `held-out` on the lines that
/// contain no lexicon word), checked for `voice` as `carekiosk speak --check` checks it. Its held-out
/// lines may come from a file of their own (`heldOutFile`, every line marked).
struct Corpus {
    let voice: SpeechVoice
    let lexicon: Lexicon
    let entries: [PronunciationCheck.Entry]

    init(_ name: String, heldOutFile: String? = nil, voice: SpeechVoice, lexicon: Lexicon) throws {
        var entries: [PronunciationCheck.Entry] = []
        for name in [name] + (heldOutFile.map { [$0] } ?? []) {
            let read = try PronunciationCheck.read(repoRoot.appendingPathComponent("Tests/KioskSpeechTests/\(name)"))
            XCTAssertEqual(read.unreadable, [], "\(name)：这些行没有读音")
            entries += read.entries
        }
        self.voice = voice
        self.lexicon = lexicon
        self.entries = entries
    }

    var heldOut: [PronunciationCheck.Entry] { entries.filter { $0.marks.contains("held-out") } }

    /// At least 400 lines, about half held out (two in five at least); at least `overall` of all lines
    /// said right, or `tuned` of those that are not held out, and `heldOut` of the held-out ones.
    func assertSaidRight(overall: Double = 0, tuned: Double = 0, heldOut floor: Double,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertGreaterThanOrEqual(entries.count, 400, "语料至少400条", file: file, line: line)
        XCTAssertGreaterThanOrEqual(heldOut.count * 5, entries.count * 2, "留出的部分约占一半", file: file, line: line)
        let misses = PronunciationCheck(text: speechText(voice), engine: try engine(voice)).misses(entries)
        let heldOutMisses = misses.filter { $0.entry.marks.contains("held-out") }
        let report = misses.map { "\($0.entry.text)：应读 \($0.entry.reading)，现在读 \($0.engineText)" }.joined(separator: "\n")
        XCTAssertGreaterThanOrEqual(1 - Double(misses.count) / Double(entries.count), overall,
                                    "读对不到\(Int(overall * 100))%：\n" + report, file: file, line: line)
        let tunedCount = entries.count - heldOut.count
        XCTAssertGreaterThanOrEqual(1 - Double(misses.count - heldOutMisses.count) / Double(tunedCount), tuned,
                                    "没有留出的部分读对不到\(Int(tuned * 100))%：\n" + report, file: file, line: line)
        XCTAssertGreaterThanOrEqual(1 - Double(heldOutMisses.count) / Double(heldOut.count), floor,
                                    "留出部分读对不到\(Int(floor * 100))%：\n" + report, file: file, line: line)
    }

    func assertNoLexiconWordIsHeldOut(file: StaticString = #filePath, line: UInt = #line) {
        for entry in heldOut {
            let listed = lexicon.entries.keys.filter { entry.text.contains($0) }
            XCTAssertEqual(listed, [], "留出的一行含有读音表里的词：\(entry.text)", file: file, line: line)
        }
    }

    func assertOneSyllablePerCharacter(highestTone: Character, file: StaticString = #filePath, line: UInt = #line) {
        for entry in entries {
            let syllables = entry.reading.split(separator: " ").map(String.init)
            XCTAssertTrue(syllables.allSatisfy { Lexicon.isSyllable($0, highestTone: highestTone) }, "读音格式不对：\(entry.text)",
                          file: file, line: line)
            XCTAssertEqual(syllables.count, entry.text.count, "音节数和字数不一样：\(entry.text)", file: file, line: line)
        }
    }
}
