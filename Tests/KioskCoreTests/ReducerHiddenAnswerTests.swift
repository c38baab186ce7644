import XCTest
@testable import KioskCore
import KioskTestSupport

/// Answers left behind by questions that no longer apply, consent that a change on the
/// check-answers screen could have bypassed, and a confirmed submission that failed to save.
final class ReducerHiddenAnswerTests: XCTestCase {
    /// 独居老人探访登记: whether the resident lives alone decides the questions after it.
    /// `relative_age` applies only to those who do not live alone, and has an eligibility rule;
    /// `relative_phone` applies only when that relative can help. The identity number, the
    /// only sensitive question, applies only to those who live alone.
    let catalog: Catalog = {
        let json = """
        {"catalog_version": "2026-11-01", "categories": [{"id": "care", "title": {"zh-Hans": "养老服务"}}],
         "services": [{
          "id": "visit-register", "version": 1, "status": "open", "category": "care",
          "title": {"zh-Hans": "探访登记"}, "summary": {"zh-Hans": "登记探访。"},
          "privacy": {"version": "2026-11", "text": {"zh-Hans": "只用于安排探访。"}},
          "eligibility": [{"require": {"field": "relative_age", "gte": 18},
                           "message": {"zh-Hans": "同住的家人要满18岁。"}}],
          "materials": [],
          "steps": [{"id": "s", "title": {"zh-Hans": "情况"}, "fields": [
            {"id": "alone", "type": "yes_no", "label": {"zh-Hans": "您是一个人住吗？"}},
            {"id": "id_number", "type": "id_number", "label": {"zh-Hans": "身份证号码是多少？"},
             "sensitive": true, "purpose": {"zh-Hans": "用于核对身份"},
             "relevant": {"field": "alone", "equals": true}},
            {"id": "relative_age", "type": "number", "label": {"zh-Hans": "同住的家人几岁？"},
             "relevant": {"field": "alone", "equals": false}},
            {"id": "relative_helps", "type": "yes_no", "label": {"zh-Hans": "家人能帮您吗？"},
             "relevant": {"field": "alone", "equals": false}},
            {"id": "relative_phone", "type": "phone", "label": {"zh-Hans": "家人的手机号码是多少？"},
             "relevant": {"field": "relative_helps", "equals": true}}
          ]}]
        }]}
        """
        guard case let .success(c) = CatalogLoader.load(Data(json.utf8)) else { fatalError("test catalog does not load") }
        return c
    }()

    func start() -> Driver {
        var d = Driver(catalog: catalog)
        d.open("visit-register")
        d.enter()                         // intro
        XCTAssertEqual(d.page, .question("alone"))
        return d
    }

    func reviewIndex(_ d: Driver, _ field: String) -> Int {
        d.state.reviewItems.firstIndex(of: .question(field))! + 1
    }

    func testAnAnswerBehindAHiddenQuestionIsNeitherAskedNorSubmitted() throws {
        var d = start()
        d.digit(2)                        // 否: lives with family
        d.type("45"); d.digit(1); d.type("13800000000")
        XCTAssertEqual(d.page, .review)
        d.digit(reviewIndex(d, "alone"))
        d.digit(1)                        // now lives alone: the family questions go away
        XCTAssertEqual(d.page, .privacy, "the first sensitive question now applies, so the notice comes first")
        d.digit(1)
        XCTAssertEqual(d.page, .question("id_number"))
        d.type("511922194503150016")
        XCTAssertEqual(d.page, .review)
        XCTAssertFalse(d.state.reviewItems.contains(.question("relative_phone")),
                       "relative_phone hangs on a question that is hidden itself")
        d.enter()
        let answers = try XCTUnwrap(d.submissions.first?.json["body"]?["answers"])
        XCTAssertEqual(answers, .object([("alone", .bool(true)), ("id_number", .string("511922194503150016"))]))
        XCTAssertNotNil(d.submissions.first?.json["body"]?["consent"]?["given_at"])
    }

    func testAHiddenAnswerDoesNotFailEligibility() throws {
        var d = start()
        d.digit(2)
        d.type("12")                      // a 12-year-old relative fails the rule
        guard case .ineligible? = d.state.step else { return XCTFail("expected the pre-check to stop: \(d.state.screen)") }
        d.esc()
        XCTAssertEqual(d.page, .question("relative_age"))
        d.esc()
        XCTAssertEqual(d.page, .question("alone"))
        d.digit(1)                        // lives alone after all: the age no longer counts
        d.digit(1)                        // privacy notice
        d.type("511922194503150016")
        XCTAssertEqual(d.page, .review)
        d.enter()
        XCTAssertEqual(d.submissions.count, 1, "the stale age of 12 must not stop a resident who lives alone")
    }

    func testConsentCannotBeSkippedByAChangeOnTheCheckAnswersScreen() throws {
        var d = start()
        d.digit(2); d.type("45"); d.digit(2)
        XCTAssertEqual(d.page, .review)
        XCTAssertNil(d.state.session?.consentGivenAt, "no sensitive question so far, so no notice yet")
        d.digit(reviewIndex(d, "alone"))
        d.digit(1)                        // lives alone after all: the identity number now applies
        XCTAssertEqual(d.page, .privacy, "the notice comes before the first sensitive question")
        // Whatever way an identity number got into the answers without the notice being agreed
        // to, Enter on the check-answers screen goes to the notice and queues nothing.
        d.state.session?.answers["id_number"] = .string("511922194503150016")
        d.state.visit?.step = .page(.review)
        d.enter()
        XCTAssertTrue(d.submissions.isEmpty, "nothing is queued without consent before a sensitive answer")
        XCTAssertEqual(d.page, .privacy)
        d.digit(1)                        // agrees
        for _ in 0..<4 where d.page != .review { d.enter() }
        XCTAssertEqual(d.page, .review)
        d.enter()
        let submission = try XCTUnwrap(d.submissions.first)
        XCTAssertEqual(submission.json["body"]?["consent"]?["given_at"]?.stringValue, testMoment.rfc3339)
    }

    func testInactivityNeverDropsASubmissionThatFailedToSave() throws {
        var d = start()
        d.digit(2); d.type("45"); d.digit(2)
        var state = d.state
        let first = state.reduce(.key(.enter), Context(moment: testMoment, newID: ItemID("11111111-1111-4111-8111-111111111111")!))
        guard let submission = first.queued else { return XCTFail("confirm did not queue") }
        _ = state.reduce(.saveFailed(submissionID: submission.id, .diskFull), Context(moment: testMoment, newID: .numbered(0)))
        _ = state.reduce(.key(.escape), Context(moment: testMoment, newID: .numbered(0)))
        XCTAssertNotEqual(state.step, .saveFailed(.diskFull), "Esc leaves the message")
        let again = state.reduce(.key(.enter), Context(moment: testMoment, newID: ItemID("22222222-2222-4222-8222-222222222222")!))
        XCTAssertEqual(again.withoutSpeech, [.enqueue(submission)], "confirming again sends the same id and the same bytes")
        _ = state.reduce(.saveFailed(submissionID: submission.id, .diskFull), Context(moment: testMoment, newID: .numbered(0)))
        _ = state.reduce(.key(.escape), Context(moment: testMoment, newID: .numbered(0)))
        let later = Moment(date: testMoment.date.addingTimeInterval(600), utcOffsetSeconds: testMoment.utcOffsetSeconds)
        _ = state.reduce(.tick, Context(moment: later, newID: .numbered(0)))
        XCTAssertNil(state.session, "the next person at the kiosk finds none of these answers")
        XCTAssertEqual(state.unsaved, [submission], "clearing after inactivity must not throw away a confirmed submission")
    }
}
