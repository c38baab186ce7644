import Foundation
import Synchronization
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

    /// Speakers (retrieval mode) and engines of synchronous mode one after the other in one process, as
    /// a whole test run has them: each step must end. eSpeak NG 1.51 hung at the second change of mode
    /// when each change restarted it (its command thread's flag, see ESpeakEngine); a step that hangs
    /// fails here after 20 s instead of holding up the run.
    func testEveryModeInOneProcessStillStopsAndSpeaks() throws {
        func step(_ name: String, _ body: @escaping @Sendable () throws -> Int) -> Int? {
            let done = DispatchSemaphore(value: 0)
            let result = Mutex<Result<Int, any Error>?>(nil)
            Thread.detachNewThread {
                let outcome = Result { try body() }
                result.withLock { $0 = outcome }
                done.signal()
            }
            guard done.wait(timeout: .now() + 20) == .success else {
                XCTFail("\(name)：20秒还没结束")
                return nil
            }
            return result.withLock { value in (try? value?.get()).flatMap { $0 } }
        }
        let speak: @Sendable () throws -> Int = {
            let speaker = ESpeakSpeaker(texts: { speechText($0) }, mode: .retrieval, audioAvailable: true)
            speaker.say(Utterance(voice: .mandarin, parts: [.text("请选择要办理的事项")]), settings: SpeechSettings(careMode: true))
            speaker.stop()
            speaker.say(Utterance(voice: .cantonese, parts: [.text("请选择要办理的事项")]), settings: SpeechSettings(careMode: true))
            speaker.finish()
            return speaker.trouble == nil ? 1 : 0
        }
        let synthesise: @Sendable () throws -> Int = { try engine(.mandarin).samples("ni3 hao3").count }
        for round in 1...3 {
            guard let synchronous = step("第\(round)次同步合成", synthesise), let spoken = step("第\(round)次取回模式", speak) else { return }
            XCTAssertGreaterThan(synchronous, 2_000, "第\(round)次同步合成没有声音")
            XCTAssertEqual(spoken, 1, "第\(round)次取回模式出了问题")
        }
    }
}
