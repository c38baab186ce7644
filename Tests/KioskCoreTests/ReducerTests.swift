import XCTest
@testable import KioskCore
import KioskTestSupport

/// The pension certification wizard of the bundled catalog, driven key by key.
final class ReducerTests: XCTestCase {
    let elder = "511922194503150016"      // born 1945-03-15: 81 on the test day
    let youngster = "511922198001014565"  // born 1980: 46, too young for a pension

    /// Home → 社保养老 → 养老金资格认证 → intro → materials → privacy → first question.
    func startPension() -> Driver {
        var d = Driver()
        d.open("pension-certification")
        XCTAssertEqual(d.page, .intro)
        d.enter()
        XCTAssertEqual(d.page, .material("social-security-card"))
        d.digit(1)
        XCTAssertEqual(d.page, .privacy)
        d.digit(1)
        XCTAssertEqual(d.page, .question("id_number"))
        return d
    }

    func testFullServiceWritesTheContractSubmission() throws {
        var d = startPension()
        d.type(elder)
        XCTAssertEqual(d.page, .question("receiving_pension"))
        d.digit(1)                       // 是
        d.digit(2)                       // 工作人员上门
        XCTAssertEqual(d.page, .question("home_address"))
        d.type("江口镇二村三组5号")
        d.digit(2)                       // 不卧床
        XCTAssertEqual(d.page, .question("phone"))
        d.type("13800000000")
        XCTAssertEqual(d.page, .review)
        XCTAssertTrue(d.submissions.isEmpty, "nothing is queued before the resident confirms")
        d.enter()
        XCTAssertEqual(d.state.optionPage, 1, "Enter on the first page of answers shows the second")
        d.enter()
        XCTAssertEqual(d.state.optionPage, 2)
        XCTAssertTrue(d.submissions.isEmpty, "nothing is queued before every page of answers was shown")
        d.enter()
        let s = try XCTUnwrap(d.submissions.first)
        XCTAssertEqual(d.submissions.count, 1)
        XCTAssertEqual(d.state.receipt?.submissionID, s.id)
        XCTAssertEqual(d.state.receipt?.page, .confirmation)
        XCTAssertNil(d.state.session, "answers are wiped from memory once saved")
        let expected = """
        {"id":"\(s.id)","service_id":"pension-certification","service_version":3,\
        "created_at":"2026-11-22T10:00:00+08:00","kiosk_id":"cn-511922-test-01","locale":"zh-Hans","channel":"self",\
        "body":{"answers":{"id_number":"511922194503150016","receiving_pension":true,"method":"home_visit",\
        "home_address":"江口镇二村三组5号","bedridden":false,"phone":"13800000000"},\
        "materials":[{"id":"id-card","status":"provided"},{"id":"social-security-card","status":"provided"}],\
        "consent":{"notice_version":"2026-11","given_at":"2026-11-22T10:00:00+08:00"},"helper":null}}
        """
        XCTAssertEqual(s.json.encoded(), expected)
    }

    func testSkipLogicForwardAndBack() {
        var d = startPension()
        d.type(elder)
        d.digit(1)
        d.digit(1)                       // 刷脸认证: the home-visit step is skipped
        XCTAssertEqual(d.page, .question("phone"))
        d.esc()
        XCTAssertEqual(d.page, .question("method"), "back skips the irrelevant step too")
        d.digit(2)                       // 工作人员上门: now the home-visit questions are asked
        XCTAssertEqual(d.page, .question("home_address"))
        d.esc()
        d.digit(1)
        XCTAssertEqual(d.page, .question("phone"))
    }

    func testIrrelevantAnswersAreLeftOutOfTheSubmission() throws {
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(2)
        d.type("江口镇二村三组5号"); d.digit(1)
        d.type("13800000000")            // a home visit needs the phone that books it
        XCTAssertEqual(d.page, .review)
        // Change the method to face recognition: the address no longer applies.
        d.change(.question("method"))
        XCTAssertEqual(d.page, .question("method"))
        d.digit(1)
        XCTAssertEqual(d.page, .review, "a change that opens nothing new goes straight back to the check-answers screen")
        d.submit()
        let answers = try XCTUnwrap(d.submissions.first?.json["body"]?["answers"])
        XCTAssertEqual(answers, .object([("id_number", .string(elder)), ("receiving_pension", .bool(true)), ("method", .string("face")),
                                         ("phone", .string("13800000000"))]))
    }

    func testChangeThatOpensAQuestionAsksItThenReturnsToReview() {
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(1); d.type("13800000000")
        XCTAssertEqual(d.page, .review)
        d.change(.question("method"))
        d.digit(2)                       // home visit opens two questions
        XCTAssertEqual(d.page, .question("home_address"))
        d.type("江口镇二村三组5号")
        XCTAssertEqual(d.page, .question("bedridden"))
        d.digit(1)
        XCTAssertEqual(d.page, .review, "the phone was already answered, so the wizard returns to review")
        XCTAssertEqual(d.state.session?.answers["phone"], .string("13800000000"))
    }

    func testBackKeepsAnswersAndEnterKeepsThem() {
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(1)
        d.esc(); d.esc(); d.esc()
        XCTAssertEqual(d.page, .question("id_number"))
        XCTAssertEqual(d.state.session?.answers["id_number"], .string(elder))
        let content = d.state.content(loadStrings("zh-Hans"))
        XCTAssertEqual(content.currentAnswer, "已填写：5119**********0016。直接按确认键保留，或重新输入。")
        d.enter(); d.enter(); d.enter()
        XCTAssertEqual(d.page, .question("phone"))
        XCTAssertEqual(d.state.session?.answers["method"], .string("face"))
    }

    func testWrongCheckDigitAsksAgainWithTheReason() {
        var d = startPension()
        d.type("511922194503150017")
        XCTAssertEqual(d.page, .question("id_number"))
        XCTAssertEqual(d.state.error, .idCheckDigit)
        XCTAssertEqual(d.state.content(loadStrings("zh-Hans")).error,
                       "身份证号码最后一位对不上，可能有一位输错了，请对照身份证再核对一遍。")
        XCTAssertNil(d.state.session?.answers["id_number"])
        d.type(elder)
        XCTAssertEqual(d.page, .question("receiving_pension"))
    }

    func testEligibilityStopsWithTheCatalogMessageAndQueuesNothing() {
        var d = startPension()
        d.type(youngster)
        guard case let .ineligible(message, fieldID)? = d.state.step else { return XCTFail("\(d.state.screen)") }
        XCTAssertTrue(message.resolve("zh-Hans").hasPrefix("您还不满60周岁"))
        XCTAssertEqual(fieldID, "id_number")
        d.esc()                           // back to correct a mistyped number
        XCTAssertEqual(d.page, .question("id_number"))
        d.type(elder)
        d.digit(2)                        // not receiving a pension: the second rule stops it
        guard case .ineligible? = d.state.step else { return XCTFail("\(d.state.screen)") }
        d.enter()
        XCTAssertEqual(d.state.screen, .home)
        XCTAssertNil(d.state.session)
        XCTAssertTrue(d.submissions.isEmpty)
    }

    func testOldAgeAllowanceNeedsEightyYearsFromTheIdentityNumber() {
        var d = Driver()
        d.open("old-age-allowance")
        while d.page != .question("id_number") {
            if d.page == .intro { d.enter() } else { d.digit(1) }
        }
        d.type("511922194811200013".dropLast() + String(IdentityNumber.checkCharacter(for: "51192219481120001")))
        guard case .ineligible? = d.state.step else { return XCTFail("78 years old must be stopped: \(d.state.screen)") }
        d.esc()
        d.type(elder)
        XCTAssertEqual(d.page, .question("local_hukou"))
    }

    func testPrivacyNoticeComesBeforeTheFirstSensitiveFieldAndNeedsConsent() {
        var d = Driver()
        d.open("pension-certification")
        d.enter(); d.digit(1)
        XCTAssertEqual(d.page, .privacy)
        let content = d.state.content(loadStrings("zh-Hans"))
        XCTAssertTrue(content.paragraphs.contains { $0.hasPrefix("・身份证号码：用来核对您的身份") })
        d.esc()
        XCTAssertEqual(d.page, .material("social-security-card"), "返回 does not agree")
        XCTAssertNil(d.state.session?.consentGivenAt)
        d.digit(1)
        d.enter()
        XCTAssertEqual(d.page, .question("id_number"), "确认 agrees, as its button says")
        XCTAssertNotNil(d.state.session?.consentGivenAt)
    }

    func testDeferredMaterialIsRecorded() throws {
        var d = Driver()
        d.open("medical-treatment-elsewhere")
        d.enter()
        XCTAssertEqual(d.page, .privacy, "the proofs depend on the answers: none is asked before the questions")
        d.digit(1)                                    // privacy
        d.type(elder)
        d.digit(1)                                    // 资中县, one of the catalog's suggestions
        d.digit(3)                                    // 广东省广州市
        d.digit(1)                                    // long-term residence elsewhere
        XCTAssertEqual(d.page, .question("residence_years"))
        d.type("5")
        d.type("20261201")
        d.type("13800000000")
        XCTAssertEqual(d.page, .material("residence-proof"), "asked after the answer that makes it needed")
        XCTAssertEqual(d.state.choices[1], .material(.deferred))
        d.digit(2)                                    // 以后补交
        XCTAssertEqual(d.page, .review, "the referral letter does not apply to a long stay elsewhere")
        d.submit()
        let materials = try XCTUnwrap(d.submissions.first?.json["body"]?["materials"]?.arrayValue)
        XCTAssertTrue(materials.contains(.object([("id", .string("residence-proof")), ("status", .string("deferred"))])))
        let answers = try XCTUnwrap(d.submissions.first?.json["body"]?["answers"])
        XCTAssertEqual(answers["residence_years"], .number("5"))
        XCTAssertEqual(answers["start_date"], .string("2026-12-01"))
    }

    func testRatingAfterConfirmation() throws {
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(1); d.enter(); d.submit()
        guard let id = d.state.receipt?.submissionID else { return XCTFail() }
        let confirmation = d.state.content(loadStrings("zh-Hans"))
        XCTAssertEqual(confirmation.reference?.line, "办件编号：" + Reference.shown(id))
        XCTAssertEqual(confirmation.paragraphs.first, "已经记在这台机器上，等联网了会自动交上去。")
        // The face check chosen asks the resident to go to the photo booth now (walk finding 3).
        XCTAssertTrue(confirmation.paragraphs.joined().contains("拍照处"), confirmation.paragraphs.joined())
        XCTAssertFalse(confirmation.paragraphs.joined().contains("您不用再来一趟"), confirmation.paragraphs.joined())
        d.enter()
        XCTAssertEqual(d.state.receipt?.submissionID, id)
        XCTAssertEqual(d.state.receipt?.page, .rating)
        XCTAssertEqual(d.state.content(loadStrings("zh-Hans")).options.map(\.label), ["非常满意", "满意", "基本满意", "不满意", "非常不满意"])
        d.digit(1)
        guard case let .record(r)? = d.effects.last else { return XCTFail() }
        XCTAssertEqual(r.kind, .rating)
        XCTAssertEqual(r.json["score"], .number("5"))
        XCTAssertEqual(r.json["submission_id"], .string(id.text))
        XCTAssertEqual(d.state.screen, .home)
        XCTAssertEqual(d.state.notice, .thanksForRating)
        // The thanks are this resident's: the next one does not find them on the home screen.
        d.wait(14)
        XCTAssertEqual(d.state.notice, .thanksForRating)
        d.wait(2)
        XCTAssertNil(d.state.notice)
        XCTAssertNil(d.state.content(loadStrings("zh-Hans")).notice)
    }

    /// The 办件编号 is not gone after one key: the rating repeats it, and 返回 there brings the
    /// whole confirmation back; only Enter or a score leaves.
    func testTheReferenceStaysInSightOnTheRatingAndBackReturnsToIt() {
        let zh = loadStrings("zh-Hans")
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(1); d.enter(); d.submit()
        guard let id = d.state.receipt?.submissionID else { return XCTFail("\(d.state.screen)") }
        let confirmation = d.state.content(zh)
        d.esc()
        XCTAssertEqual(d.state.receipt?.page, .rating, "返回 on the confirmation offers the rating, as Enter does")
        let rating = d.state.content(zh)
        XCTAssertEqual(rating.reference?.line, "办件编号：" + Reference.shown(id))
        XCTAssertEqual(rating.keyHints, [.chooseNumber, .enterSkip, .back])
        d.esc()
        XCTAssertEqual(d.state.receipt?.page, .confirmation)
        XCTAssertEqual(d.state.content(zh), confirmation, "the same confirmation, with its next steps")
        d.esc(); d.esc(); d.esc()
        XCTAssertEqual(d.state.receipt?.submissionID, id, "返回 never leaves the receipt")
        d.enter(); d.enter()
        XCTAssertTrue(d.state.isEmptyHome)
    }

    func testRatingCanBeSkipped() {
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(1); d.enter(); d.submit()
        d.enter(); d.enter()
        XCTAssertEqual(d.state.screen, .home)
        XCTAssertFalse(d.effects.contains { if case .record = $0 { return true } else { return false } })
    }

    func testSaveFailureKeepsTheAnswersAndRetriesWithTheSameID() {
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(1); d.enter()
        while !d.state.isLastPage { d.enter() }
        var state = d.state
        let effects = state.reduce(.key(.enter), Context(moment: testMoment, newID: ItemID("11111111-1111-4111-8111-111111111111")!))
        guard let first = effects.queued else { return XCTFail() }
        XCTAssertEqual(state.step, .saving)
        _ = state.reduce(.saveFailed(submissionID: ItemID("99999999-9999-4999-8999-999999999999")!, .diskFull), Context(moment: testMoment, newID: .numbered(0)))
        XCTAssertEqual(state.step, .saving, "the answer about another submission is not this one's")
        _ = state.reduce(.saveFailed(submissionID: first.id, .diskFull), Context(moment: testMoment, newID: .numbered(0)))
        XCTAssertEqual(state.step, .saveFailed(.diskFull))
        XCTAssertEqual(state.content(loadStrings("zh-Hans")).paragraphs, ["机器的存储空间满了。", "您填写的内容还在，没有丢失。请叫工作人员来处理。"])
        let later = Moment(date: testMoment.date.addingTimeInterval(60), utcOffsetSeconds: testMoment.utcOffsetSeconds)
        _ = state.reduce(.tick, Context(moment: later, newID: .numbered(0)))
        XCTAssertEqual(state.step, .saveFailed(.diskFull))
        let retry = state.reduce(.key(.enter), Context(moment: later, newID: ItemID("22222222-2222-4222-8222-222222222222")!))
        XCTAssertEqual(retry.withoutSpeech, [.enqueue(first)], "the retry writes the same id and the same bytes")
    }

    /// The resident walks away from a failed save: the screen warns, then clears like any other,
    /// and calls staff; the submission is kept out of sight and written as soon as the disk takes it.
    func testAFailedSaveLeftAloneClearsCallsStaffAndIsWrittenLaterWithTheSameBytes() throws {
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(1); d.enter()
        while !d.state.isLastPage { d.enter() }
        var state = d.state
        guard let first = state.reduce(.key(.enter), Context(moment: testMoment, newID: ItemID("11111111-1111-4111-8111-111111111111")!)).queued
        else { return XCTFail() }
        _ = state.reduce(.saveFailed(submissionID: first.id, .diskFull), Context(moment: testMoment, newID: .numbered(0)))
        func at(_ seconds: TimeInterval) -> Context {
            Context(moment: Moment(date: testMoment.date.addingTimeInterval(seconds), utcOffsetSeconds: testMoment.utcOffsetSeconds),
                    newID: ItemID("33333333-3333-4333-8333-33333333333\(Int(seconds) % 10)")!)
        }
        _ = state.reduce(.tick, at(95))
        XCTAssertEqual(state.step, .saveFailed(.diskFull))
        XCTAssertEqual(state.inactivityWarning, 30, "the failure screen warns before it clears")
        let cleared = state.reduce(.tick, at(121))
        XCTAssertEqual(state.screen, .home)
        XCTAssertNil(state.session, "nothing of the resident is left to show")
        XCTAssertTrue(cleared.contains(.bell), "staff are called")
        XCTAssertTrue(cleared.contains { if case let .record(r) = $0 { return r.kind == .helpRequest } else { return false } })
        XCTAssertEqual(state.unsaved, [first])
        let zh = loadStrings("zh-Hans")
        XCTAssertEqual(state.content(zh).notes.first, "有 1 件已经确认的办件还没有保存好（本机存储出了问题），本机每分钟重试一次。请工作人员来处理，处理好以前不要关机。")
        XCTAssertFalse((state.content(zh).paragraphs + state.content(zh).notes).joined().contains("1945"))
        for _ in 0..<5 { _ = state.reduce(.key(.escape), at(122)) }
        XCTAssertEqual(state.screen, .home, "Esc never brings the resident's answers back")
        XCTAssertEqual(state.reduce(.tick, at(125)).withoutLookingAround, [.enqueue(first)], "tried again with the same id and bytes")
        XCTAssertEqual(state.reduce(.tick, at(150)).withoutLookingAround, [], "once a minute")
        _ = state.reduce(.saveFailed(submissionID: first.id, .diskFull), at(151))
        XCTAssertEqual(state.reduce(.tick, at(186)).withoutLookingAround, [.enqueue(first)])
        _ = state.reduce(.saved(submissionID: first.id), at(187))
        XCTAssertEqual(state.unsaved, [])
        XCTAssertFalse(state.content(zh).notes.contains { $0.contains("还没有保存好") }, "the home screen no longer asks for staff")
    }

    func testCallStaffFromAQuestionAndComeBack() {
        var d = startPension()
        d.send(.setOnline(true))
        d.type(elder)
        d.key(.f1)
        XCTAssertEqual(d.state.overlay, .staffCalled)
        XCTAssertTrue(d.effects.contains(.bell))
        XCTAssertTrue(d.effects.contains { if case let .record(r) = $0 { return r.kind == .helpRequest } else { return false } })
        XCTAssertEqual(d.state.content(loadStrings("zh-Hans")).title, "已通知工作人员")
        d.enter()
        XCTAssertNil(d.state.overlay)
        XCTAssertEqual(d.page, .question("receiving_pension"))
        XCTAssertEqual(d.state.session?.answers["id_number"], .string(elder))
    }

    /// Offline the call for staff is only queued: the screen does not promise that staff are on
    /// their way, it sends the resident to them, and says the answers are kept.
    func testCallingStaffOfflineSendsTheResidentToStaffInsteadOfPromisingThem() {
        let zh = loadStrings("zh-Hans")
        var d = startPension()
        d.type(elder)
        d.key(.f1)
        XCTAssertEqual(d.state.overlay, .staffCalled)
        XCTAssertTrue(d.effects.contains { if case let .record(r) = $0 { return r.kind == .helpRequest } else { return false } },
                      "the call is still queued for when the network is back")
        XCTAssertEqual(d.state.content(zh).title, "请找旁边的工作人员")
        XCTAssertEqual(d.state.content(zh).paragraphs, ["现在没有联网，求助消息发不出去。请到旁边找工作人员帮忙。您填写的内容会留着。"])
        d.enter()
        d.send(.setOnline(true))
        d.wait(61)
        d.key(.f1)
        XCTAssertEqual(d.state.content(zh).title, "已通知工作人员")

        var home = Driver()
        home.key(.f1)
        XCTAssertEqual(home.state.content(zh).paragraphs, ["现在没有联网，求助消息发不出去。请到旁边找工作人员帮忙。"],
                       "nothing was filled in on the home screen, so nothing is said to be kept")
    }

    /// F1 held down repeats: one call for staff, not one per repeat; pressed again within a
    /// minute the screen says staff were called already; after a minute it calls again.
    func testHoldingF1CallsStaffOnceAndAgainOnlyAfterAMinute() {
        var d = startPension()
        d.send(.setOnline(true))
        func calls() -> Int { d.effects.filter { if case let .record(r) = $0 { return r.kind == .helpRequest } else { return false } }.count }
        for _ in 0..<50 { d.key(.f1) }
        XCTAssertEqual(calls(), 1)
        XCTAssertEqual(d.effects.filter { $0 == .bell }.count, 1)
        XCTAssertEqual(d.effects.filter { if case .audit(.helpCall) = $0 { return true } else { return false } }.count, 1)
        let zh = loadStrings("zh-Hans")
        XCTAssertEqual(d.state.content(zh).paragraphs, ["请您稍坐，工作人员马上就来帮您。"])
        d.enter()
        XCTAssertNil(d.state.overlay)
        d.type("12") // a wrong answer: its error is the question's, not the staff screen's
        XCTAssertNotNil(d.state.content(zh).error)
        d.wait(30)
        d.key(.f1)
        XCTAssertEqual(d.state.overlay, .staffCalled)
        XCTAssertEqual(calls(), 1, "a second press within a minute calls nobody again")
        XCTAssertEqual(d.state.content(zh).paragraphs, ["刚才已经叫过工作人员了，不用再按。请您稍坐，工作人员马上就来。"])
        XCTAssertNil(d.state.content(zh).error, "no error of the question on the staff screen")
        d.enter()
        d.wait(31)
        d.key(.f1)
        XCTAssertEqual(calls(), 2, "a minute after the last call, F1 calls again")
        XCTAssertEqual(d.state.content(zh).paragraphs, ["请您稍坐，工作人员马上就来帮您。"])
    }

    func testCareModeAndLanguageKeys() {
        var d = startPension()
        XCTAssertTrue(d.state.careMode)
        d.key(.f2)
        XCTAssertFalse(d.state.careMode)
        XCTAssertEqual(d.page, .question("id_number"))
        d.key(.f2)
        XCTAssertTrue(d.state.careMode)
        d.key(.f4)
        XCTAssertEqual(d.state.content(loadStrings("zh-Hans")).options.map(\.label).prefix(2), ["中文", "English（英文）"])
        d.digit(2)
        XCTAssertEqual(d.state.locale, "en")
        XCTAssertEqual(d.state.content(loadStrings("en")).question, "What is your identity card number?")
        XCTAssertEqual(d.state.content(loadStrings("en")).progress, "Step 1 of 6")
    }

    func testInactivityClearWipesAnswers() {
        var d = startPension()
        d.type(elder)
        d.wait(119)
        XCTAssertEqual(d.state.inactivityWarning, 10, "warned first")
        XCTAssertNotNil(d.state.session)
        d.wait(1)
        XCTAssertEqual(d.state.screen, .home)
        XCTAssertNil(d.state.session)
        XCTAssertEqual(d.state.input, "")
        XCTAssertEqual(d.state.notice, .cleared)
    }

    /// The total counts the questions that may still be asked: a home visit's address and
    /// phone are in it until the resident chooses how to be certified; it shrinks after 刷脸.
    func testProgressLineCountsTheQuestionsThatMayStillBeAsked() {
        var d = startPension()
        let s = loadStrings("zh-Hans")
        XCTAssertEqual(d.state.content(s).progress, "第 1 步，共 6 步")
        d.type(elder); d.digit(1)
        var face = d
        d.digit(2)
        XCTAssertEqual(d.state.content(s).progress, "第 4 步，共 6 步")
        face.digit(1)
        XCTAssertEqual(face.state.content(s).progress, "第 4 步，共 4 步")
    }

    func testSensitiveAnswersAreMaskedOnTheReviewScreen() {
        var d = startPension()
        d.type(elder); d.digit(1); d.digit(1); d.type("13800000000")
        var labels = d.state.content(loadStrings("zh-Hans")).options.map(\.label)
        XCTAssertEqual(d.state.optionPageCount, 2, "three large buttons to a page in care mode")
        d.enter()
        labels += d.state.content(loadStrings("zh-Hans")).options.map(\.label)
        XCTAssertEqual(labels, ["社保卡　答：带来了", "您的身份证号码是多少？　答：5119**********0016", "您现在每个月都在领养老金吗？　答：是",
                                "您想怎样认证？　答：在这台机器的拍照处刷脸", "您的手机号码是多少？　答：1380***0000"],
                       "identity and phone numbers show their first and last four, so that their owner knows them")
    }
}

/// Screens and rules that the bundled catalog does not exercise.
final class ReducerEdgeTests: XCTestCase {
    func catalog(services: Int, onlineOnly: Bool = false) -> Catalog {
        let field = Field(id: "ok", type: .yesNo, label: LocalizedText(["zh-Hans": "好吗"]), required: true, sensitive: false, options: [])
        return Catalog(version: "1", categories: [ServiceCategory(id: "a", title: LocalizedText(["zh-Hans": "甲类"]))],
                       services: (1...services).map { i in
                           Service(id: "s\(i)", version: 1, status: i == 2 ? .closing : .open, category: i == 3 ? "unlisted" : "a",
                                   title: LocalizedText(["zh-Hans": "事项\(i)"]), onlineOnly: onlineOnly, eligibility: [], materials: [],
                                   steps: [Step(id: "st", title: LocalizedText(["zh-Hans": "步"]), fields: [field])])
                       })
    }

    func testMoreThanNineOptionsArePagedWithZero() {
        var d = Driver(catalog: catalog(services: 13))
        XCTAssertEqual(d.state.homeCategories, ["a", WizardState.otherCategoryID], "an unlisted category goes under 其他业务")
        d.digit(1)
        XCTAssertEqual(d.state.choices.count, 11, "13 services, one closing, one in 其他业务")
        XCTAssertEqual(d.state.visibleChoices.count, 9)
        XCTAssertEqual(d.state.content(loadStrings("zh-Hans")).morePages, "第 1 页，共 2 页，按 0 看下一页")
        d.digit(0)
        XCTAssertEqual(d.state.visibleChoices, [.service("s12"), .service("s13")])
        d.digit(3)
        XCTAssertEqual(d.state.error, .noSuchOption(3))
        d.digit(2)
        XCTAssertEqual(d.state.session?.service.id, "s13")
    }

    func testOnlineOnlyServiceSaysSoWhenOffline() {
        var d = Driver(catalog: catalog(services: 1, onlineOnly: true))
        d.digit(1) // a category of one service opens it
        XCTAssertEqual(d.state.screen, .needsNetwork(serviceID: "s1"))
        XCTAssertNil(d.state.session)
        d.esc()
        XCTAssertEqual(d.state.screen, .home, "back where it was chosen: the category was never a list")
        d.send(.setOnline(true))
        d.digit(1)
        XCTAssertEqual(d.page, .intro)
    }

    func testTypedTextOnAChoiceScreenAsksForANumber() {
        var d = Driver()
        d.type("养老金")
        XCTAssertEqual(d.state.screen, .home)
        XCTAssertEqual(d.state.error, .chooseAnOption)
    }
}

/// The keypad contract: arrows and Tab move the focus over the options, Enter activates it.
final class FocusTests: XCTestCase {
    func testArrowsAndTabMoveTheFocusAndEnterChoosesIt() {
        var d = Driver()
        d.key(.down)
        XCTAssertEqual(d.state.focus, 0)
        XCTAssertEqual(d.state.content(loadStrings("zh-Hans")).options.filter(\.focused).map(\.number), [1])
        d.key(.tab); d.key(.up); d.key(.up)
        XCTAssertEqual(d.state.focus, d.state.visibleChoices.count - 1, "round from the first to the last")
        d.key(.down)
        XCTAssertEqual(d.state.focus, 0)
        d.key(.enter)
        XCTAssertEqual(d.state.screen, .category(d.state.homeCategories[0]), "Enter on the focus is pressing its number")
        XCTAssertNil(d.state.focus, "a new screen starts without a focus")
        d.key(.f4); d.key(.down); d.key(.down); d.key(.enter)
        XCTAssertNil(d.state.overlay)
        XCTAssertEqual(d.state.locale, "en", "the second choice of the language screen")
    }
}

/// Walk finding 9 of issue 22: 证明办理 holds one service, which its number opens; 返回 goes home.
final class SingleServiceCategoryTests: XCTestCase {
    func testACategoryOfOneServiceOpensIt() throws {
        var d = Driver()
        let category = try XCTUnwrap(d.state.homeCategories.firstIndex { d.state.services(inCategory: $0).count == 1 }, "the bundled catalog has one")
        d.digit(category + 1)
        XCTAssertEqual(d.page, .intro, "the service itself, not a list of one")
        XCTAssertEqual(d.state.content(loadStrings("zh-Hans")).title, "证明开具")
        d.esc()
        XCTAssertEqual(d.state.screen, .home, "返回 out of it goes home, where it was chosen")
        // Answers given and left with 返回 are not kept for whoever opens it next.
        d.digit(category + 1); d.enter()
        for _ in 0..<10 where d.state.session?.answers.isEmpty ?? true {
            if d.state.acceptsText { d.type("511922194503150016") } else if d.page == .privacy { d.enter() } else { d.digit(1) }
        }
        XCTAssertFalse(d.state.session?.answers.isEmpty ?? true, "something was answered")
        for _ in 0..<20 where d.state.screen != .home { d.esc() }
        XCTAssertEqual(d.state.screen, .home)
        XCTAssertNil(d.state.parked, "home is where the next resident starts")
        d.digit(category + 1)
        XCTAssertEqual(d.state.session?.answers ?? [:], [:], "the next resident starts with nothing filled in")
        d.esc()
        d.digit(1)
        XCTAssertEqual(d.state.screen, .category(d.state.homeCategories[0]), "a category of several is a list")
    }
}

/// Walk finding 7 of issue 22: the progress line's total never grows partway through a service,
/// whichever option is chosen, and each question is one step on from the last.
final class ProgressLineTests: XCTestCase {
    let zh = loadStrings("zh-Hans")

    /// (step, total) of each question page, walking `serviceID` choosing option `choice` (or the
    /// last one where there are fewer) and typing valid answers.
    func progressions(_ serviceID: String, choice: Int) -> (steps: [(Int, Int)], finished: Bool) {
        var d = Driver()
        d.open(serviceID)
        d.enter()
        var seen: [(Int, Int)] = []
        let typed = ["511922194503150016", "13800000000", "19450315", "1200", "2", "四川省眉山市仁寿县文林镇1组"]
        for _ in 0..<60 {
            guard let page = d.page, page != .review else { break }
            if case .question = page, let progress = d.state.content(zh).progress {
                let numbers = progress.split { !$0.isNumber }.compactMap { Int($0) }
                if numbers.count == 2, seen.last.map({ $0.0 != numbers[0] }) ?? true { seen.append((numbers[0], numbers[1])) }
            }
            let before = d.state
            if d.state.acceptsText {
                for answer in typed {
                    d.type(answer)
                    if d.state.error == nil { break }
                }
            } else if page == .privacy {
                d.enter()
            } else {
                d.digit(min(choice, max(1, d.state.visibleChoices.count)))
            }
            if d.state.screen == before.screen { d.enter() }
        }
        return (seen, d.page == .review)
    }

    func testTheTotalNeverGrowsAndEachQuestionIsTheNextStep() {
        var walked = 0
        for service in bundledCatalog.services {
            for choice in [1, 2, 3] {
                let (steps, finished) = progressions(service.id, choice: choice)
                walked += steps.count
                for (a, b) in zip(steps, steps.dropFirst()) {
                    XCTAssertLessThanOrEqual(b.1, a.1, "\(service.id), option \(choice): 共\(a.1)步 became 共\(b.1)步 (\(steps))")
                    XCTAssertEqual(b.0, a.0 + 1, "\(service.id), option \(choice): \(steps)")
                }
                // Where the walk reached the check-answers page (not turned away by a pre-review).
                if finished, let last = steps.last { XCTAssertEqual(last.0, last.1, "\(service.id), option \(choice): the last question is the last step \(steps)") }
            }
        }
        XCTAssertGreaterThan(walked, 60)
    }
}
