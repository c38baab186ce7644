import XCTest
@testable import KioskCore
import KioskTestSupport

/// What the kiosk says, as effects of the reducer: a new screen in full, then only what changed.
final class ReducerSpeechTests: XCTestCase {
    let elder = "511922194503150016"
    let zh = loadStrings("zh-Hans"), en = loadStrings("en")

    func speaking(_ locale: String = "zh-Hans") -> Driver {
        var d = Driver(locale: locale)
        let zh = self.zh, en = self.en
        d.speechStrings = { $0 == "en" ? en : zh }
        return d
    }

    func text(_ u: Utterance) -> String {
        u.parts.map { part in
            switch part {
            case let .text(t): return t
            case let .value(v, kind): return "<\(kind.rawValue):\(v)>"
            }
        }.joined(separator: "|")
    }

    /// The effects of one more action.
    func effects(_ d: inout Driver, _ action: Action) -> [Effect] {
        let before = d.effects.count
        d.send(action)
        return Array(d.effects.dropFirst(before)).withoutLookingAround
    }

    func openPensionQuestion() -> Driver {
        var d = speaking()
        d.open("pension-certification")
        d.enter(); d.digit(1); d.digit(1)
        XCTAssertEqual(d.page, .question("id_number"))
        return d
    }

    func testANewScreenIsSaidInFullHeadingQuestionOptionsAndKeys() throws {
        var d = speaking()
        let out = effects(&d, .key(.digit(1)))
        XCTAssertEqual(out.first, .stopSpeech, "any key silences what was being said")
        guard case let .speak(u) = try XCTUnwrap(out.last) else { return XCTFail("nothing said") }
        XCTAssertEqual(u.voice, .mandarin)
        let c = d.state.content(zh)
        let said = text(u)
        XCTAssertTrue(said.hasPrefix(c.title + "|" + c.question!), said)
        for option in c.options { XCTAssertTrue(said.contains("按\(option.number)，\(option.label)"), said) }
        XCTAssertTrue(said.hasSuffix(c.keys.joined(separator: "|")), said)
        XCTAssertTrue(said.hasPrefix("社保养老|"), said)
        XCTAssertTrue(said.contains("按1，养老金资格认证"), said)
    }

    func testAfterThatOnlyTheCharacterJustTypedIsSaid() {
        var c = openPensionQuestion()
        c.type(elder); c.digit(1); c.digit(2)
        XCTAssertEqual(c.page, .question("home_address"))
        let typed = effects(&c, .key(.character("江")))
        XCTAssertEqual(typed, [.stopSpeech, .speak(Utterance(voice: .mandarin, parts: [.text("已输入1位")], slower: true))],
                       "an address is personal: the kiosk says how much was typed, not what")
        let deleted = effects(&c, .key(.backspace))
        XCTAssertEqual(deleted, [.stopSpeech, .speak(Utterance(voice: .mandarin, parts: [.text("删除了一个，还有0个")], slower: true))])
    }

    /// What is said as each digit of `digits` is typed.
    func saidWhileTyping(_ digits: String, _ d: inout Driver) -> [String] {
        digits.flatMap { ch in
            effects(&d, .key(.digit(ch.wholeNumberValue!))).compactMap { if case let .speak(u) = $0 { return text(u) } else { return nil } }
        }
    }

    func testDigitsOfASensitiveFieldAreNeverSaidOnlyHowMany() {
        var d = openPensionQuestion()
        XCTAssertEqual(saidWhileTyping(elder, &d), (1...18).map { "已输入\($0)位" })
    }

    func testTheIdentityNumberOfAProgressCheckIsNeverSaid() {
        var d = speaking()
        d.send(.setOnline(true))
        d.digit(d.state.choices.count)
        XCTAssertEqual(d.state.screen, .progress(.asking))
        XCTAssertEqual(saidWhileTyping(elder, &d), (1...18).map { "已输入\($0)位" })
    }

    func testASensitiveAnswerIsSpokenOnlyAsItsLastFour() {
        var d = openPensionQuestion()
        d.type(elder); d.digit(1); d.digit(1)
        d.type("13812345678")
        XCTAssertEqual(d.page, .review)
        d.key(.f3)
        d.enter()                         // the phone is on the second page
        let all = d.spoken.map(text).joined(separator: "\n")
        XCTAssertFalse(all.contains(elder), "the identity number is never said in full")
        XCTAssertFalse(all.contains("5119"), "not even the part the screen shows")
        XCTAssertFalse(all.contains("13812345678"))
        let review = d.spoken.suffix(2).map(text).joined()
        XCTAssertTrue(review.contains("****0016"), review)
        XCTAssertTrue(review.contains("****5678"), review)
    }

    func testAnErrorIsSaidAndSaidAgainOnTheNextTry() {
        var d = openPensionQuestion()
        for ch in "511922194503150017" { d.send(.key(.character(ch))) }
        let first = effects(&d, .key(.enter))
        let message = ValidationError.idCheckDigit.message(zh)
        XCTAssertEqual(first, [.stopSpeech, .speak(Utterance(voice: .mandarin, parts: [.text(message)], slower: true))])
        XCTAssertEqual(effects(&d, .key(.enter)), first, "pressing Enter again says the error again")
    }

    func testAnErrorIsSaidOnceNotAgainWithEveryTickOrADeadKey() {
        var d = openPensionQuestion()
        let first = effects(&d, .key(.enter))
        let message = ValidationError.required.message(zh)
        XCTAssertEqual(first, [.stopSpeech, .speak(Utterance(voice: .mandarin, parts: [.text(message)], slower: true))])
        d.moment = Moment(date: d.moment.date.addingTimeInterval(1), utcOffsetSeconds: d.moment.utcOffsetSeconds)
        XCTAssertEqual(effects(&d, .tick), [], "a second later the error is still on the screen, and not said again")
        XCTAssertEqual(effects(&d, .key(.up)), [.stopSpeech], "an arrow key with no options to move over says nothing")
        XCTAssertEqual(d.state.error, .required)
    }

    func testChoosingOtherSaysTheScreenThatAsksToWriteIt() throws {
        var d = speaking()
        d.open("medical-treatment-elsewhere")
        d.enter(); d.digit(1)           // the intro, then the privacy notice
        d.type(elder)
        let other = try XCTUnwrap(d.state.visibleChoices.firstIndex(of: .writeOther), "the county question offers 其他")
        let out = effects(&d, .key(.digit(other + 1)))
        XCTAssertTrue(d.state.writingOther)
        XCTAssertEqual(out, [.stopSpeech, .speak(d.state.utterance(zh))], "the resident hears what to do now: write the answer")
    }

    func testF3SaysTheWholeScreenAgain() {
        var d = speaking()
        d.digit(1)
        let screen = d.spoken.last
        XCTAssertEqual(effects(&d, .key(.f3)), [.stopSpeech, .speak(screen!), .repeatPrompt], "F3 repeats, word for word")
        XCTAssertEqual(d.state.content(zh).notice, "正在再说一遍。", "and the screen shows that the key did something")
        d.send(.setSpeechTrouble(.noAudioDevice))
        d.key(.f3)
        XCTAssertEqual(d.state.content(zh).notice, "这台机器现在不能说话，请看屏幕上的字。")
    }

    func testF4ChoosesCantoneseSpeechWithoutChangingTheScreenLanguage() {
        var d = speaking()
        d.key(.f4)
        let labels = d.state.content(zh).options.map(\.label)
        XCTAssertEqual(labels, ["中文", "English（英文）", "语音播报：普通话", "语音播报：粤语（广东话）", "语音播报：英语", "语音播报：不播报"])
        XCTAssertFalse(labels.contains { $0.contains("客家") }, "Hakka is not offered")
        d.digit(4)
        XCTAssertEqual(d.state.speechVoice, .cantonese)
        XCTAssertEqual(d.state.locale, "zh-Hans")
        XCTAssertEqual(d.spoken.last?.voice, .cantonese)
        // Back on the home screen, said in the Chinese words of the screen.
        let said = text(d.spoken.last!)
        XCTAssertTrue(said.hasPrefix("村便民服务点・自助办事|"), said)
        XCTAssertTrue(said.contains("|您要办哪一类事？请按数字键选择。|"), said)
        XCTAssertTrue(said.contains("按1，社保养老"), said)
    }

    func testEnglishScreenWithMandarinSpeechSpeaksTheChineseStrings() {
        var d = speaking("en")
        XCTAssertEqual(d.state.speechVoice, .english)
        d.key(.f4); d.digit(3)
        XCTAssertEqual(d.state.locale, "en")
        d.digit(1)
        XCTAssertEqual(d.spoken.last?.voice, .mandarin)
        XCTAssertTrue(text(d.spoken.last!).contains(zh.tr(.categoryQuestion)))
    }

    func testSilentVoiceSaysNothingButKeysStillStopSpeech() {
        var d = speaking()
        d.key(.f4); d.digit(6)
        XCTAssertEqual(d.state.speechVoice, .silent)
        XCTAssertEqual(effects(&d, .key(.digit(1))), [.stopSpeech])
    }

    func testInactivityWarningAndCareModeAreSaid() {
        var d = openPensionQuestion()
        d.moment = Moment(date: d.moment.date.addingTimeInterval(91), utcOffsetSeconds: d.moment.utcOffsetSeconds)
        XCTAssertEqual(effects(&d, .tick),
                       [.speak(Utterance(voice: .mandarin, parts: [.text(zh.tr(.noticeInactivityWarning(seconds: "30")))], slower: true))])
        d.moment = Moment(date: d.moment.date.addingTimeInterval(1), utcOffsetSeconds: d.moment.utcOffsetSeconds)
        XCTAssertEqual(effects(&d, .tick), [], "the same warning is not said again a second later")
        XCTAssertEqual(effects(&d, .key(.f2)), [.stopSpeech, .speak(Utterance(voice: .mandarin, parts: [.text(zh.tr(.statusCareOff))]))])
    }

    func testAKioskWithoutSpeechGetsNoSpeechEffects() {
        var d = Driver()
        d.digit(1); d.key(.f3)
        XCTAssertEqual(d.effects, [.repeatPrompt])
    }
}
