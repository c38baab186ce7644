import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
@testable import KioskCommandLine
@testable import KioskCore
import KioskOutbox
import KioskSpeech

/// A speaker that only writes down what it was asked to do.
final class RecordingSpeaker: Speaker {
    enum Call: Equatable {
        case say(Utterance, SpeechSettings)
        case stop
    }
    var calls: [Call] = []
    var trouble: SpeechTrouble?
    /// The catalog pronunciations it was given, kept apart from the calls that make sound.
    var pronunciations: [[String: String]] = []

    init(trouble: SpeechTrouble? = nil) { self.trouble = trouble }
    func say(_ utterance: Utterance, settings: SpeechSettings) { calls.append(.say(utterance, settings)) }
    func stop() { calls.append(.stop) }
    func use(pronunciations words: [String: String]) { pronunciations.append(words) }
}

final class RuntimeSpeechTests: XCTestCase {
    let root = temporaryFolder("runtime-speech")
    override func tearDown() { try? FileManager.default.removeItem(at: root) }

    func runtime(_ speaker: Speaker, careMode: Bool = true, pronunciations: [String: String] = [:],
                 cantonese: [String: String] = [:]) throws -> RuntimeHarness {
        let catalog = Catalog(version: bundledCatalog.version, categories: bundledCatalog.categories, services: bundledCatalog.services,
                              readings: CatalogReadings(mandarin: pronunciations, cantonese: cantonese))
        let r = try RuntimeHarness(root: root, careMode: careMode, catalog: catalog)
        r.speak(through: speaker)
        return r
    }

    func testTheSpeakerSaysTheCurrentCatalogsPronunciations() throws {
        let speaker = RecordingSpeaker()
        _ = try runtime(speaker, pronunciations: ["给付": "ji3 fu4"])
        XCTAssertEqual(speaker.pronunciations, [["给付": "ji3 fu4"]])
    }

    /// F4, 4 (粤语): from then on the speaker is given the catalog's Jyutping, not its pinyin.
    func testACantoneseUtteranceIsGivenTheCatalogsJyutping() throws {
        let speaker = RecordingSpeaker()
        let r = try runtime(speaker, pronunciations: ["给付": "ji3 fu4"], cantonese: ["给付": "kap1 fu6"])
        r.send(.key(.f4))
        r.send(.key(.digit(4)))
        r.send(.key(.digit(1)))
        guard case let .say(last, _) = speaker.calls.last else { return XCTFail("nothing said after choosing Cantonese") }
        XCTAssertEqual(last.voice, .cantonese)
        XCTAssertEqual(speaker.pronunciations.last, ["给付": "kap1 fu6"])
    }

    func testTheFirstScreenIsSaidAndAKeyInterruptsBeforeTheNextOne() throws {
        let speaker = RecordingSpeaker()
        let r = try runtime(speaker)
        r.send(.key(.digit(1)))
        let slow = SpeechSettings(rate: SpeechSettings.careRate, volume: 80)
        XCTAssertEqual(speaker.calls.count, 3)
        guard case let .say(home, settings) = speaker.calls[0] else { return XCTFail("the home screen is not said") }
        XCTAssertEqual(settings, slow, "care mode speaks slowly")
        XCTAssertEqual(home.parts.first, .text("村便民服务点・自助办事"))
        XCTAssertEqual(speaker.calls[1], .stop)
        guard case let .say(u, _) = speaker.calls[2] else { return XCTFail("the category screen is not said") }
        XCTAssertEqual(u.parts.first, .text("社保养老"))
    }

    func testCareModeSpeaksSlowerThanStandardMode() throws {
        let speaker = RecordingSpeaker()
        let r = try runtime(speaker, careMode: false)
        r.send(.key(.f2))
        let rates = speaker.calls.compactMap { if case let .say(_, s) = $0 { return s.rate } else { return nil } }
        XCTAssertEqual(rates.count, 2)
        XCTAssertLessThan(rates[1], rates[0], "care mode is said slower than the standard layout")
    }

    func testWithoutAnAudioDeviceTheStatusLineSaysSoAndNothingBlocks() throws {
        let r = try runtime(RecordingSpeaker(trouble: .noAudioDevice))
        r.send(.key(.digit(1)))
        XCTAssertEqual(r.state.speechTrouble, .noAudioDevice)
        XCTAssertTrue(r.state.content(try Resources(root: repoRoot).strings("zh-Hans")).status.hasSuffix("｜没有音响设备，不能语音播报"))
        XCTAssertEqual(r.state.screen, .category("social-insurance"))
    }

    func testTheRealSpeakerWithoutAnAudioDeviceIsSilentAndSaysWhy() throws {
        let speaker = ESpeakSpeaker(texts: { SpeechText(voice: $0, lexicon: Lexicon(), strings: Strings(locale: "zh-Hans", table: [:])) },
                                    audioAvailable: false)
        XCTAssertEqual(speaker.trouble, .noAudioDevice)
        let started = Date()
        speaker.say(Utterance(voice: .mandarin, parts: [.text("您好")]), settings: SpeechSettings(careMode: true))
        speaker.stop()
        XCTAssertLessThan(Date().timeIntervalSince(started), 0.1)
    }

    func testAudioDeviceDetection() {
        XCTAssertFalse(AudioDevice.available(environment: [:], fileExists: { _ in false }, list: { _ in [] }))
        XCTAssertTrue(AudioDevice.available(environment: [:], fileExists: { _ in false }, list: { _ in ["controlC0", "pcmC0D0p"] }))
        XCTAssertFalse(AudioDevice.available(environment: [:], fileExists: { _ in false }, list: { _ in ["controlC0", "pcmC0D0c"] }),
                       "a capture device cannot play")
        XCTAssertTrue(AudioDevice.available(environment: ["XDG_RUNTIME_DIR": "/run/user/1000"],
                                            fileExists: { $0 == "/run/user/1000/pulse/native" }, list: { _ in [] }))
        XCTAssertFalse(AudioDevice.available(environment: ["CAREKIOSK_AUDIO": "none", "PULSE_SERVER": "x"], fileExists: { _ in true }, list: { _ in [] }))
    }
}
