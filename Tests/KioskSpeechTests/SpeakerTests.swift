import Foundation
import KioskCore
import KioskSpeech
import KioskTestSupport
import XCTest

/// The speaker as the kiosk runs it (retrieval mode: the same threads as playback, no sound card).
final class SpeakerTests: XCTestCase {
    /// A voice's dictionary is read the first time that voice speaks, on the speaker's queue: not when
    /// the kiosk starts, not for another voice, and never on the screen's thread, which `say` returns
    /// to while the file is still being read. The dictionary here is a named pipe, so reading it waits
    /// until the test writes it.
    func testADictionaryIsReadWhenItsVoiceFirstSpeaksAndNeverOnTheCallersThread() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("speaker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = folder.appendingPathComponent("cantonese-jyutping.txt")
        XCTAssertEqual(mkfifo(pipe.path, 0o600), 0)
        let cantonese = ReadingDictionarySource(url: pipe)
        let speaker = ESpeakSpeaker(texts: { voice in
            voice == .cantonese ? SpeechText(voice: voice, lexicon: Lexicon(highestTone: "6"), strings: loadStrings("zh-Hans"), dictionary: cantonese)
                : speechText(voice)
        }, mode: .retrieval, audioAvailable: true)
        defer { speaker.stop(); speaker.finish() }
        XCTAssertNil(speaker.trouble)

        speaker.say(Utterance(voice: .mandarin, parts: [.text("您好")]), settings: SpeechSettings(careMode: true))
        speaker.finish()
        XCTAssertFalse(cantonese.wasRead, "粤语词典在没人说粤语时就读了")

        let returned = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            speaker.say(Utterance(voice: .cantonese, parts: [.text("银行")]), settings: SpeechSettings(careMode: true))
            returned.signal()
        }
        XCTAssertEqual(returned.wait(timeout: .now() + 10), .success, "说话要等词典读完才返回")
        // Opening the pipe to write waits until the speaker's queue opens it to read.
        let writer = try FileHandle(forWritingTo: pipe)
        try writer.write(contentsOf: Data("@chars\nngan4 银\nhong4 行\n".utf8))
        try writer.close()
        speaker.finish()
        XCTAssertTrue(cantonese.wasRead)
        XCTAssertNil(cantonese.failure)
        XCTAssertEqual(cantonese.dictionary?.characterCount, 2)
    }
}
