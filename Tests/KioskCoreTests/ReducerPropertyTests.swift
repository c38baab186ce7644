import XCTest
@testable import KioskCore
import KioskTestSupport

/// Random residents pressing random keys, with speech on: the wizard must never crash, never show
/// a question that does not apply, never queue a submission except from the check-answers screen
/// with every required question validly answered, and say every new screen, overlay or page.
final class ReducerPropertyTests: XCTestCase {
    let zh = loadStrings("zh-Hans"), en = loadStrings("en")

    /// Inputs that real residents type, good and bad, so the random walk gets deep into services.
    let typedLines = ["511922194503150016", "11010519491231002x", "511922194503150017", "511922198001014565",
                      "13800000000", "1380000000", "20261201", "20230229", "3", "1200", "-1", "100001",
                      "江口镇二村三组5号", "", "0016", "abc", String(repeating: "长", count: 600), "\u{1B}[2J"]

    func randomAction(_ rng: inout SeededGenerator) -> Action {
        switch Int.random(in: 0..<100, using: &rng) {
        case 0..<45: return .key(.digit(Int.random(in: 0...9, using: &rng)))
        case 45..<65: return .key(.enter)
        case 65..<72: return .key(.escape)
        case 72..<87: return .typeLine(typedLines.randomElement(using: &rng)!)
        case 87..<90: return .key(.backspace)
        case 90..<92: return .key(.character("X"))
        case 92..<97: return .key([.f1, .f2, .f3, .f4].randomElement(using: &rng)!)
        case 97: return .setOnline(Bool.random(using: &rng))
        case 98: return .saveFailed(submissionID: ItemID("00000000-0000-4000-8000-000000000098")!, .diskFull)
        default: return .tick
        }
    }

    /// Applies `action` and checks what is said: when the screen, the overlay or the page changed,
    /// the whole new screen (unless the resident chose 不播报: then nothing at all).
    func reduce(_ state: inout WizardState, _ action: Action, _ context: Context, _ strings: @escaping @Sendable (String) -> Strings,
                step: Int, counts: inout (announced: Int, silent: Int)) -> [Effect] {
        let before = state
        let reduced = state.reduce(action, context)
        XCTAssertFalse(reduced.contains { if case .speak = $0 { return true } else { return $0 == .stopSpeech } },
                       "the reducer says what to announce, never the words, at step \(step)")
        let effects = state.voiced(reduced, strings: strings) // as the runtime does
        let said = effects.compactMap { if case let .speak(u) = $0 { return u } else { return nil } }
        guard state.speechVoice != .silent else {
            XCTAssertEqual(said, [], "不播报 says nothing, at step \(step)")
            if state.screen != before.screen { counts.silent += 1 }
            return effects
        }
        if state.screen != before.screen || state.overlay != before.overlay || state.optionPage != before.optionPage {
            let strings = state.speechVoice.stringsLocale == "en" ? en : zh
            XCTAssertEqual(said, [state.utterance(strings)], "\(action) took \(before.screen) to \(state.screen) at step \(step): say the new screen")
            counts.announced += 1
        }
        return effects
    }

    func testHundredThousandRandomKeys() {
        var rng = SeededGenerator(seed: 20261122)
        var state = WizardState(catalog: bundledCatalog, kioskID: "k", today: testToday)
        let zh = self.zh, en = self.en
        let strings: @Sendable (String) -> Strings = { $0 == "en" ? en : zh }
        var submissions = 0
        var screensSeen = Set<String>()
        func see(_ state: WizardState) {
            let name = state.receipt.map { "\($0.page)" } ?? state.step.map { "\($0)" } ?? "\(state.screen)"
            screensSeen.insert(name.components(separatedBy: "(").first!)
        }
        var counts = (announced: 0, silent: 0)
        var now = testMoment
        let steps = propertyRounds(100_000)
        for step in 0..<steps {
            let before = state
            let action = randomAction(&rng)
            // Now and then the clock jumps, far enough for the inactivity rules to warn or clear.
            if action == .tick { now = Moment(date: now.date.addingTimeInterval(Double.random(in: 0...150, using: &rng)), utcOffsetSeconds: now.utcOffsetSeconds) }
            let effects = reduce(&state, action, Context(moment: now, newID: .numbered(step)), strings, step: step, counts: &counts)
            see(state)

            for case let .enqueue(submission) in effects {
                submissions += 1
                // A confirmed submission whose resident has gone is written again, from any screen;
                // it was checked when it was first queued.
                if before.unsaved.contains(where: { $0.id == submission.id }) { continue }
                // Queued only from the check-answers screen (or its retry), with every required answer valid.
                let fromReview = before.page == .review && before.overlay == nil
                let retry: Bool = { if case .saveFailed? = before.step { return true } else { return false } }()
                XCTAssertTrue(fromReview || retry, "enqueue from \(before.screen) at step \(step)")
                guard let session = before.session else { return XCTFail("no session at step \(step)") }
                for field in session.relevantFields(today: testToday) {
                    let answer = submission.json["body"]?["answers"]?[field.id]
                    if field.required { XCTAssertNotNil(answer, "\(field.id) missing at step \(step)") }
                    if let answer, !field.type.isChoice {
                        let typed = answer.stringValue ?? answer.encoded()
                        XCTAssertNoThrow(try FieldValidator.validate(field, input: typed, today: testToday).get(), "\(field.id) at step \(step)")
                    }
                }
                for rule in session.service.eligibility where rule.require.isDecidable(session.answers) {
                    XCTAssertTrue(rule.require.holds(session.answers, today: testToday), "ineligible submission at step \(step)")
                }
            }
            // Answer the runtime's part: mostly saved, sometimes the disk is full.
            for case let .enqueue(s) in effects {
                let reply: Action = submissions % 10 == 1 ? .saveFailed(submissionID: s.id, .diskFull) : .saved(submissionID: s.id)
                _ = reduce(&state, reply, Context(moment: now, newID: .numbered(1_000_000 + step)), strings, step: step, counts: &counts)
                see(state)
            }

            // The current question always applies to the answers given so far.
            if let page = state.page {
                XCTAssertNotNil(state.session, "wizard without a session at step \(step)")
                XCTAssertTrue(state.wizardPages.contains(page), "\(page) is not relevant at step \(step)")
            }
            XCTAssertLessThanOrEqual(state.input.count, FieldValidator.maxInputLength)
        }
        print("random walk: \(steps) actions, \(submissions) submissions, \(counts.announced) changes of screen, overlay or page said, \(counts.silent) new screens silent under 不播报")
        XCTAssertGreaterThan(submissions, steps / 5000, "the walk should finish services, not wander on the home screen")
        XCTAssertGreaterThan(counts.announced, steps / 10, "most of the walk is heard")
        XCTAssertTrue(screensSeen.isSuperset(of: ["home", "category", "page", "ineligible", "confirmation", "rating", "saveFailed"]),
                      "\(screensSeen)")
    }
}
