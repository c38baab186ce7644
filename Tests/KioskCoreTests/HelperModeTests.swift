import XCTest
@testable import KioskCore
import KioskTestSupport

/// 帮办代办 in the reducer: the login sequence, assisted submissions and the resident's consent.
final class HelperModeTests: XCTestCase {
    let zh = loadStrings("zh-Hans")
    let zhang = HelperSession(id: "1001", name: "张帮办")

    func loggedIn() -> Driver {
        var d = Driver()
        d.helperSequence()
        d.type("1001")
        d.type("2468")
        XCTAssertEqual(d.effects.last, .checkHelper(id: "1001", pin: "2468"))
        XCTAssertEqual(d.state.helperLogin?.step, .checking(helperID: "1001"), "while the PIN is checked, the screen says so")
        d.send(.helperChecked(.verified(zhang)))
        XCTAssertEqual(d.effects.last, .audit(.login(helperID: "1001")))
        return d
    }

    /// A logged-in helper fills in 养老金资格认证 for a bedridden resident, up to the check-answers screen.
    func assistedPensionAnswered() -> Driver {
        var d = loggedIn()
        d.open("pension-certification")
        d.enter(); d.digit(1); d.digit(1)
        d.type("511922194503150016"); d.digit(1); d.digit(2); d.type("江口镇二村三组5号"); d.digit(2); d.type("13800000000")
        return d
    }

    func testTheKeypadsTopRowInTurnOpensTheLoginAndBackAndEnterNeverDo() {
        var d = Driver()
        for _ in 0..<10 { d.esc() }
        d.enter()
        XCTAssertEqual(d.state.screen, .home, "返回 again and again, then 确认, is a resident, not a helper")
        d = Driver()
        d.key(.character("/")); d.key(.character("*")); d.key(.escape); d.key(.character("-"))
        XCTAssertEqual(d.state.screen, .home, "another key in between starts again")
        d.key(.character("/")); d.key(.character("/")); d.key(.character("*")); d.key(.character("-"))
        XCTAssertEqual(d.state.helperLogin?.step, .id, "a repeated first key starts the sequence again")
        d.esc()
        d.helperSequence()
        XCTAssertEqual(d.state.helperLogin?.step, .id)
        d.type("1001")
        XCTAssertEqual(d.state.helperLogin?.step, .pin(helperID: "1001"))
        for k in [2, 4, 6, 8] { d.key(.digit(k)) }
        XCTAssertEqual(d.state.content(zh).input, "••••", "the PIN is never shown")
        d.esc()
        XCTAssertEqual(d.state.screen, .home)
    }

    func testARefusalSaysWhyAndAskForTheNumberAgain() {
        var d = Driver()
        d.helperSequence()
        d.type("1001"); d.type("1111")
        d.send(.helperChecked(.wrongPIN(helperID: "1001")))
        XCTAssertEqual(d.state.helperLogin?.step, .id)
        XCTAssertEqual(d.state.content(zh).paragraphs, ["帮办员编号或密码不对，还可以再试 4 次。"])
        XCTAssertEqual(d.effects.last, .audit(.failedPIN(helperID: "1001")))
        for _ in 0..<4 {
            d.type("1001"); d.type("1111")
            d.send(.helperChecked(.wrongPIN(helperID: "1001")))
        }
        XCTAssertEqual(d.state.content(zh).paragraphs, ["这个编号错了 5 次，锁定了，请 5 分钟后再试。"])
        XCTAssertEqual(d.effects.suffix(2), [.audit(.failedPIN(helperID: "1001")), .audit(.lockout(helperID: "1001", seconds: 300))])
        // Locked: the PIN is not even checked, until five minutes have passed.
        d.type("1001"); d.type("2468")
        XCTAssertEqual(d.state.helperLogin?.step, .id)
        XCTAssertNotEqual(d.effects.last, .checkHelper(id: "1001", pin: "2468"))
        d.wait(301)
        d.helperSequence()
        d.type("1001"); d.type("2468")
        XCTAssertEqual(d.effects.last, .checkHelper(id: "1001", pin: "2468"))
        d.send(.helperChecked(.unknownHelper))
        XCTAssertEqual(d.effects.last, .audit(.failedPIN(helperID: nil)), "a number that is no helper's is not written down")
    }

    /// One wrong try at `number`, answered as the runtime would: a wrong PIN, or no such helper.
    func wrongTry(_ d: inout Driver, _ number: String, known: Bool = true) {
        if d.state.screen == .home { d.helperSequence() }
        d.type(number); d.type("1111")
        guard d.effects.last == .checkHelper(id: number, pin: "1111") else { return }
        d.send(.helperChecked(known ? .wrongPIN(helperID: number) : .unknownHelper))
    }

    func testANumberThatIsNoHelpersGetsTheWordsOfAWrongPINAndCountsTheSame() {
        var real = Driver(), unknown = Driver()
        for round in 1...5 {
            wrongTry(&real, "1001")
            wrongTry(&unknown, "9999", known: false)
            XCTAssertEqual(unknown.state.content(zh).paragraphs, real.state.content(zh).paragraphs, "try \(round) reads the same")
            XCTAssertEqual(unknown.state.helperLogin?.refusal, real.state.helperLogin?.refusal)
        }
        XCTAssertEqual(unknown.state.content(zh).paragraphs, ["这个编号错了 5 次，锁定了，请 5 分钟后再试。"])
        XCTAssertFalse(unknown.state.content(zh).paragraphs.joined().contains("没有"), "nothing says the number is no helper's")
        unknown.type("9999"); unknown.type("2468")
        XCTAssertNotEqual(unknown.effects.last, .checkHelper(id: "9999", pin: "2468"), "the unknown number is locked like a real one")
        XCTAssertTrue(unknown.effects.contains(.keepLoginGuard(unknown.state.loginGuard)), "the counts are handed on to be kept")
    }

    func testTenWrongTriesAtDifferentNumbersLockTheWholeLoginForTenMinutes() {
        var d = Driver()
        for n in 1...9 {
            if n > 1 { d.wait(30) }
            wrongTry(&d, String(2000 + n), known: n % 2 == 0)
        }
        XCTAssertEqual(d.state.content(zh).paragraphs, ["帮办员编号或密码不对，还可以再试 1 次。"], "the kiosk's tries left, fewer than the number's")
        wrongTry(&d, "2010", known: false)
        XCTAssertEqual(d.state.content(zh).paragraphs, ["这台机器上帮办员登录错了 10 次，登录暂停了，请 10 分钟后再试。"])
        XCTAssertEqual(d.effects.last, .audit(.lockout(helperID: nil, seconds: 600)))
        d.type("1001"); d.type("2468")
        XCTAssertNotEqual(d.effects.last, .checkHelper(id: "1001", pin: "2468"), "a helper's right PIN is not even checked while it lasts")
        XCTAssertEqual(d.state.helperLogin?.refusal, .kioskLocked(minutesLeft: 10))
        d.wait(599)
        d.helperSequence()
        d.type("1001"); d.type("2468")
        XCTAssertEqual(d.state.helperLogin?.refusal, .kioskLocked(minutesLeft: 1))
        d.wait(2)
        d.helperSequence()
        d.type("1001"); d.type("2468")
        XCTAssertEqual(d.effects.last, .checkHelper(id: "1001", pin: "2468"), "ten minutes later the login opens again")
    }

    func testWrongTriesOlderThanTenMinutesNoLongerCountForTheWholeLogin() {
        var d = Driver()
        for n in 1...9 { wrongTry(&d, String(3000 + n)) }
        d.wait(601)
        d.helperSequence()
        wrongTry(&d, "3010")
        XCTAssertEqual(d.state.helperLogin?.refusal, .wrongPIN(triesLeft: 4), "only this try is in the last ten minutes")
    }

    /// A PIN mistyped now and then (the counts are kept over restarts) never adds up to a lock:
    /// a number's count starts again when its last wrong PIN is ten minutes old.
    func testAMistypedPINNowAndThenNeverLocksTheNumber() {
        var d = Driver()
        for _ in 1...8 {
            wrongTry(&d, "1001")
            XCTAssertEqual(d.state.helperLogin?.refusal, .wrongPIN(triesLeft: 4))
            d.wait(3 * 86_400)
        }
        for left in [4, 3, 2, 1] {
            wrongTry(&d, "1001")
            XCTAssertEqual(d.state.helperLogin?.refusal, .wrongPIN(triesLeft: left), "tries close together still count")
        }
    }

    func testALoggedInHelperWorksInTheStandardLayoutAndIsNamedOnTheStatusLine() {
        let d = loggedIn()
        XCTAssertEqual(d.state.helper, zhang)
        XCTAssertFalse(d.state.careMode)
        XCTAssertTrue(d.state.content(zh).status.contains("帮办员 张帮办"))
        XCTAssertEqual(d.state.content(zh).notice, "帮办员 张帮办 已登录。")
    }

    func testAnAssistedSubmissionWaitsForTheResidentsOwnConsentInCareMode() throws {
        var d = assistedPensionAnswered()
        XCTAssertEqual(d.page, .review)
        d.enter()
        XCTAssertEqual(d.state.step, .residentConsent, "nothing is queued before the resident agrees")
        XCTAssertTrue(d.submissions.isEmpty)
        XCTAssertTrue(d.state.careMode, "the screen turns to the resident in care mode")
        let c = d.state.content(zh)
        XCTAssertEqual(c.title, "请您本人确认")
        XCTAssertTrue(c.paragraphs[0].contains("帮办员 张帮办 替您办理：养老金资格认证"), c.paragraphs[0])
        XCTAssertTrue(c.paragraphs.contains { $0.contains("5119**********0016") }, "the resident hears and sees what is submitted, masked")
        XCTAssertFalse(c.paragraphs.joined().contains("511922194503150016"))
        XCTAssertEqual(c.keys.first, "按确认键看下一页")
        XCTAssertEqual(c.morePages, "第 1 页，共 3 页")

        d.esc()
        XCTAssertEqual(d.page, .review, "the resident can say no")
        XCTAssertFalse(d.state.careMode, "and the helper gets the standard layout back")
        d.enter()
        XCTAssertEqual(d.state.step, .residentConsent)
        d.enter()
        d.enter()
        XCTAssertEqual(d.state.optionPage, 2, "Enter shows each page of what will be submitted")
        XCTAssertTrue(d.submissions.isEmpty, "nothing is agreed before the last page was shown")
        let last = d.state.content(zh)
        XCTAssertEqual(last.keys.first, "同意请按确认键")
        XCTAssertTrue(last.paragraphs.dropLast().last!.contains("请按确认键"), "确认 agrees, as the button says")
        XCTAssertEqual(last.paragraphs.last!, "不同意的，请按返回键回到第一页，再按一次返回键。",
                      "on a later page the words say what 返回 does there: \(last.paragraphs.last!)")
        XCTAssertTrue(last.paragraphs.contains("您的手机号码是多少？　答：1380***0000"), "\(last.paragraphs)")
        // What is collected and why, for the resident, before agreeing (walk finding 11).
        XCTAssertTrue(last.paragraphs.contains("您的这些个人信息只用于这次办理："), "\(last.paragraphs)")
        XCTAssertTrue(last.paragraphs.contains("・手机号码：认证好了或要上门时，用这个号码通知您。"), "\(last.paragraphs)")
        XCTAssertFalse(c.paragraphs.contains("您的这些个人信息只用于这次办理："), "on the last page, next to the agreement")
        XCTAssertEqual(last.keys.last, "按返回键看上一页", "on a later page Esc goes back a page, as when checking answers")
        d.esc()
        XCTAssertEqual(d.state.step, .residentConsent)
        XCTAssertEqual(d.state.optionPage, 1)
        d.esc()
        XCTAssertEqual(d.state.optionPage, 0)
        XCTAssertEqual(d.state.content(zh).keys.last, "不同意请按返回键")
        d.esc()
        XCTAssertEqual(d.page, .review, "不同意请按返回键, on the first page")
        XCTAssertEqual(d.state.content(zh).notice, "本人没有同意，什么也没有提交。改好后可以再请本人确认。", "and the helper is told")
        XCTAssertTrue(d.submissions.isEmpty)
        d.enter()
        d.enter(); d.enter(); d.enter()
        let submission = try XCTUnwrap(d.submissions.first)
        XCTAssertEqual(submission.json["channel"], .string("assisted"))
        XCTAssertEqual(submission.json["body"]?["helper"], .object([("id", .string("1001")), ("name", .string("张帮办"))]))
        XCTAssertEqual(submission.json["body"]?["consent"]?["proxy"], .bool(true))
        XCTAssertEqual(submission.json["body"]?["consent"]?["proxy_confirmed_at"], .string(testMoment.rfc3339))
        XCTAssertEqual(d.state.receipt?.submissionID, submission.id)
        XCTAssertEqual(d.state.receipt?.page, .confirmation)
        XCTAssertTrue(d.state.careMode, "the receipt and the rating are the resident's, in care mode")
        d.enter()
        XCTAssertEqual(d.state.receipt?.submissionID, submission.id)
        XCTAssertEqual(d.state.receipt?.page, .rating)
        XCTAssertTrue(d.state.careMode)
        d.digit(1)
        XCTAssertEqual(d.state.screen, .home)
        XCTAssertFalse(d.state.careMode, "home again, the helper has the standard layout back")
        XCTAssertNotNil(d.state.helper)
    }

    /// A helper who checked the answers up to page 2 turns the screen: the resident starts on
    /// page 1, which names who acts for them, and sees every page before agreeing; on the screen
    /// and in plain mode, where no screen says how many fit and a page holds nine answers.
    func testTheResidentsConsentStartsOnTheFirstPageWhateverPageTheHelperWasOn() {
        for onScreen in [true, false] {
            var d = loggedIn()
            d.state = WizardState(catalog: bundledCatalog, setup: KioskSetup(kioskID: "cn-511922-test-01"), today: testToday)
            if onScreen { d.send(.setAnswersPerCarePage(Driver.answersPerCarePageAt80x24)) }
            d.helperSequence(); d.type("1001"); d.type("2468")
            d.send(.helperChecked(.verified(zhang)))
            d.open("home-adaptation", until: .review)
            XCTAssertGreaterThan(d.state.optionPageCount, 1, "home adaptation's answers take more than one page")
            while !d.state.isLastPage { d.enter() }
            XCTAssertGreaterThan(d.state.optionPage, 0)
            d.enter()
            XCTAssertEqual(d.state.step, .residentConsent)
            XCTAssertEqual(d.state.optionPage, 0, "onScreen \(onScreen): the consent opens on its first page")
            let first = d.state.content(zh)
            XCTAssertTrue(first.paragraphs.first?.contains("帮办员 张帮办 替您办理：居家适老化改造申请") == true, "\(first.paragraphs)")
            XCTAssertTrue(first.morePages?.hasPrefix("第 1 页，共 ") == true, "\(String(describing: first.morePages))")
            XCTAssertEqual(first.keys.first, "按确认键看下一页", "one Enter does not agree on the first page")
            var pagesSeen: Set<Int> = [d.state.optionPage]
            while !d.state.isLastPage { d.enter(); pagesSeen.insert(d.state.optionPage) }
            XCTAssertEqual(pagesSeen.count, d.state.optionPageCount, "every page is shown")
            XCTAssertTrue(d.submissions.isEmpty, "nothing before the last page")
            d.enter()
            XCTAssertEqual(d.submissions.count, 1)
        }
    }

    /// A failed save of an assisted submission, then nobody: the kiosk clears, the helper is
    /// logged out, and the submission waits out of sight to be written.
    func testAFailedSaveLeftAloneLogsTheHelperOut() {
        var d = assistedPensionAnswered()
        d.enter()
        var state = d.state
        while !state.isLastPage { _ = state.reduce(.key(.enter), Context(moment: testMoment, newID: .numbered(0))) }
        let context = Context(moment: testMoment, newID: ItemID("11111111-1111-4111-8111-111111111111")!)
        guard let submission = state.reduce(.key(.enter), context).queued else { return XCTFail("consent did not queue") }
        _ = state.reduce(.saveFailed(submissionID: submission.id, .diskFull), context)
        let later = Moment(date: testMoment.date.addingTimeInterval(121), utcOffsetSeconds: testMoment.utcOffsetSeconds)
        let effects = state.reduce(.tick, Context(moment: later, newID: ItemID("22222222-2222-4222-8222-222222222222")!))
        XCTAssertNil(state.helper, "the helper who walked away is logged out")
        XCTAssertTrue(effects.contains(.audit(.logout(helperID: "1001"))))
        XCTAssertEqual(state.screen, .home)
        XCTAssertEqual(state.unsaved, [submission])
    }

    func testInactivityLogsTheHelperOutAndTheSequenceDoesToo() {
        var d = loggedIn()
        d.wait(121)
        XCTAssertNil(d.state.helper)
        XCTAssertEqual(d.effects.withoutLookingAround.last, .audit(.logout(helperID: "1001")))

        d = loggedIn()
        d.helperSequence()
        XCTAssertNil(d.state.helper)
        XCTAssertEqual(d.state.screen, .home)
        XCTAssertEqual(d.state.content(zh).notice, "帮办员已退出。")
    }

    func testAHelperWhoWalksAwayIsLoggedOutByTheInactivityClock() {
        var d = loggedIn()
        d.wait(60)
        XCTAssertNotNil(d.state.helper, "idle on the home screen for a minute: still there")
        d.open("pension-certification")
        d.wait(80)
        XCTAssertNil(d.state.inactivityWarning, "still working")
        d.wait(20)
        XCTAssertEqual(d.state.inactivityWarning, 20, "the warning comes, its seconds in steps of ten")
        d.wait(21)
        XCTAssertNil(d.state.helper, "two minutes without a key end the helper's session")
        XCTAssertNil(d.state.session, "and the answers are gone")
        XCTAssertEqual(d.effects.withoutLookingAround.last, .audit(.logout(helperID: "1001")))
    }

    func testFiveWrongPINsLockForFiveMinutes() {
        var guardian = LoginGuard()
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        XCTAssertEqual((1...4).map { i in guardian.failed("1001", now: t0.addingTimeInterval(Double(i))) },
                       [.triesLeft(4), .triesLeft(3), .triesLeft(2), .triesLeft(1)])
        XCTAssertEqual(guardian.failed("1001", now: t0.addingTimeInterval(5)), .locked, "the fifth locks")
        XCTAssertEqual(guardian.check("1001", now: t0.addingTimeInterval(6)), .locked(secondsLeft: 299))
        XCTAssertEqual(guardian.check("1002", now: t0.addingTimeInterval(6)), .allowed, "only that helper")
        XCTAssertEqual(guardian.check("1001", now: t0.addingTimeInterval(305)), .allowed, "five minutes later")
        XCTAssertEqual(guardian.failed("1001", now: t0.addingTimeInterval(306)), .triesLeft(4), "and the count starts again")
    }

    func testTheLoginSequenceMustBeQuickAndSomethingElseTypedAtTheNumberIsRefused() {
        var state = Driver().state
        func press(_ key: Key, after seconds: TimeInterval) {
            let moment = Moment(date: testMoment.date.addingTimeInterval(seconds), utcOffsetSeconds: testMoment.utcOffsetSeconds)
            _ = state.reduce(.key(key), Context(moment: moment, newID: .numbered(0)))
        }
        press(.character("/"), after: 0); press(.character("*"), after: 1); press(.character("-"), after: 9)
        XCTAssertEqual(state.screen, .home, "the sequence spread over 9 seconds is not a helper's")
        press(.character("/"), after: 20); press(.character("*"), after: 21); press(.character("-"), after: 22)
        XCTAssertEqual(state.helperLogin?.step, .id)
        for digit in "511922194503150016" { press(.digit(Int(String(digit))!), after: 24) }
        XCTAssertEqual(state.input, "51192219", "a helper number has at most 8 digits: an identity number cannot be typed in full")
    }

    func testAfterTheHelperLeavesTheKioskIsBackInCareMode() {
        var d = loggedIn()
        XCTAssertFalse(d.state.careMode)
        d.wait(121)
        XCTAssertTrue(d.state.careMode, "the next resident gets care mode again")
        d = loggedIn()
        d.helperSequence()
        XCTAssertTrue(d.state.careMode)
    }

    func testAChangeAfterTheResidentAgreedAsksTheResidentAgain() {
        var d = assistedPensionAnswered()
        d.enter()
        XCTAssertEqual(d.state.step, .residentConsent)
        d.enter(); d.enter()
        // The resident agrees, but the disk is full; the helper goes back and changes an answer.
        var state = d.state
        let context = Context(moment: testMoment, newID: ItemID("11111111-1111-4111-8111-111111111111")!)
        guard state.reduce(.key(.enter), context).queued != nil else { return XCTFail("consent did not queue") }
        _ = state.reduce(.saveFailed(submissionID: ItemID("11111111-1111-4111-8111-111111111111")!, .diskFull), context)
        _ = state.reduce(.key(.escape), context)
        XCTAssertEqual(state.page, .review)
        _ = state.reduce(.key(.digit(state.reviewItems.firstIndex(of: .question("phone"))! + 1)), context)
        _ = state.reduce(.typeLine("13900000000"), context)
        XCTAssertEqual(state.page, .review)
        let effects = state.reduce(.key(.enter), context)
        XCTAssertEqual(state.step, .residentConsent, "the resident agrees to what will really be sent")
        XCTAssertEqual(effects.withoutSpeech, [], "nothing is queued before the resident agrees")
    }
}
