import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// Every bundled service walked in the full-screen kiosk in tmux at 80×24, in care mode, with a
/// resident's keys only: digits (the keypad's, in application mode, and the main row's), `*`,
/// Enter and the keypad's Enter, Esc, F1–F4. A helper's keyboard types only where a service says
/// it needs writing. The same keys go to the model (`Driver`) beside it, which says what each
/// screen must show next and what the portal must receive; the queue files are then read back.
final class KeypadWalkEndToEndTests: XCTestCase, EndToEnd {
    var dataDir: URL!
    var clock: URL!

    override func setUp() {
        dataDir = temporaryFolder("carekiosk-walk")
        clock = dataDir.appendingPathComponent("clock")
        try? Data("2026-11-22T10:00:00+08:00".utf8).write(to: clock)
    }

    override func tearDown() { try? FileManager.default.removeItem(at: dataDir) }

    func kiosk(extra: String = "") throws -> TmuxSession {
        let t = try TmuxSession(command: "CAREKIOSK_CLOCK=@'\(clock.path)' CAREKIOSK_AUDIO=none '\(carekioskBinary.path)' --kiosk --data-dir '\(dataDir.path)' \(extra)",
                                width: 80, height: 24)
        try t.waitFor("村便民服务点")
        return t
    }

    func setClock(_ rfc3339: String) throws { try Data(rfc3339.utf8).write(to: clock) }

    /// One key for both: the model and the terminal. Digits alternate between the keypad and the
    /// main row, Enter between the keypad's and the main one, so that both are walked.
    struct Walker {
        var model: Driver
        let t: TmuxSession
        var presses = 0

        mutating func press(_ key: Key) throws {
            presses += 1
            model.key(key)
            switch key {
            case let .digit(d): try t.send(presses % 2 == 0 ? "KP\(d)" : "\(d)")
            case .enter: try t.send(presses % 2 == 0 ? "KPEnter" : "Enter")
            case .escape: try t.send("Escape")
            case .backspace: try t.send("BSpace")
            case .f1: try t.send("F1")
            case .f2: try t.send("F2")
            case .f3: try t.send("F3")
            case .f4: try t.send("F4")
            case .character("*"): try t.send("KP*")
            case let .character(c): try t.send(String(c), literally: true)
            default: XCTFail("no such key on a kiosk: \(key)")
            }
            try showsWhatTheModelShows()
        }

        /// A helper's keyboard: the whole line, then Enter.
        mutating func helperTypes(_ text: String) throws {
            for c in text { model.key(c.wholeNumberValue.map(Key.digit) ?? .character(c)) }
            try t.send(text, literally: true)
            try press(.enter)
        }

        /// The terminal shows the model's screen: its progress line and question, or its title
        /// and page line.
        func showsWhatTheModelShows() throws {
            let c = model.state.content(loadStrings("zh-Hans"))
            for text in [c.progress, c.question.map { String($0.prefix(10)) } ?? c.title, c.morePages].compactMap({ $0 }) {
                try t.waitFor(text)
            }
        }
    }

    /// Answers a screen as a resident would: the first option that does not end the service
    /// (pre-review), a deferred material where the catalog allows it, typed values that pass.
    func answer(_ w: inout Walker, identity: String) throws {
        let state = w.model.state
        switch w.model.page {
        case .intro?, .privacy?:
            try w.press(.enter)
        case .material?:
            try w.press(.digit(state.choices.contains(.material(.deferred)) ? 2 : 1))
        case let .question(fid)?:
            let field = try XCTUnwrap(state.session?.service.field(id: fid))
            if !state.choices.isEmpty, !state.acceptsText {
                // The first option that keeps the resident in the service.
                let keep = (1...state.visibleChoices.count).first { n in
                    var trial = w.model
                    trial.digit(n)
                    if case .ineligible? = trial.state.step { return false }
                    return !(field.type == .text && n == state.visibleChoices.count) // 其他 needs a helper
                }
                try w.press(.digit(try XCTUnwrap(keep)))
                return
            }
            switch field.type {
            case .idNumber:
                for c in identity.prefix(17) { try w.press(.digit(c.wholeNumberValue!)) }
                try w.press(identity.last == "X" ? .character("*") : .digit(identity.last!.wholeNumberValue!))
                try w.press(.enter)
            case .phone: try typeDigits(&w, "13800000000")
            case .date: try typeDigits(&w, "20261201")
            case .digits: try typeDigits(&w, String("56781234".prefix(field.length ?? 4)))
            case .number: try typeDigits(&w, fid == "monthly_income" ? "600" : "3")
            case .text where field.allowDigitsOnly:
                try typeDigits(&w, String((identity + "11").prefix(field.length ?? 20)))
            case .text:
                try w.helperTypes("石桥村三组12号")
            default:
                XCTFail("no way to answer \(fid)")
            }
        default:
            XCTFail("unexpected screen \(state.screen)")
        }
    }

    func typeDigits(_ w: inout Walker, _ digits: String) throws {
        for c in digits {
            try w.press(c == "X" ? .character("*") : .digit(c.wholeNumberValue!))
        }
        try w.press(.enter)
    }

    /// The answers in the queue files, by service.
    func queuedAnswers() throws -> [String: JSONValue] {
        let ready = dataDir.appendingPathComponent("submissions/ready")
        var out: [String: JSONValue] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: ready.path) {
            let bytes = try Data(contentsOf: ready.appendingPathComponent(name))
            let payload = bytes[(bytes.firstIndex(of: 0x0A)! + 1)...]
            let json = try JSONValue.parse(Data(payload))
            out[json["service_id"]!.stringValue!] = json["body"]?["answers"]
        }
        return out
    }

    func testEveryBundledServiceIsFinishedAtTheKeypadAndTheQueueHoldsWhatTheModelSubmitted() throws {
        let t = try kiosk()
        var w = Walker(model: Driver(), t: t)
        var expected: [String: JSONValue] = [:]
        var mostPages = (service: "", items: 0, pages: 0)
        for (i, service) in bundledCatalog.services.enumerated() where service.status == .open && !service.onlineOnly {
            // Home → category → service, by number.
            let category = w.model.state.homeCategories.firstIndex(of: bundledCatalog.group(of: service))! + 1
            try w.press(.digit(category))
            // A category of one service opened it already.
            if case .category = w.model.state.screen {
                try w.press(.digit(w.model.state.services(inCategory: bundledCatalog.group(of: service)).firstIndex { $0.id == service.id }! + 1))
            }
            // The first service ends its identity number in X, typed with the keypad's *.
            let identity = i == 0 ? "11010519490101003X" : "511922194503150016"
            for _ in 0..<60 where w.model.page != .review { try answer(&w, identity: identity) }
            guard w.model.page == .review else { return XCTFail("\(service.id) never reached the check-answers screen") }
            // Every page of answers is shown; Enter submits only from the last one.
            let pages = w.model.state.optionPageCount
            if w.model.state.reviewItems.count > mostPages.items { mostPages = (service.id, w.model.state.reviewItems.count, pages) }
            for page in 1..<pages {
                try w.press(.enter)
                XCTAssertEqual(w.model.state.optionPage, page)
                XCTAssertEqual(try queuedAnswers().count, expected.count, "nothing is queued while pages are left to see")
            }
            try w.press(.enter)
            let submitted = try XCTUnwrap(w.model.submissions.last, service.id)
            expected[service.id] = submitted.json["body"]?["answers"]
            let receipt = try t.waitFor("办件编号")
            XCTAssertNotNil(receipt.firstMatch(of: /办件编号：\d{4} \d{4} \d{4}\n/), "twelve digits in groups of four:\n\(receipt)")
            try w.press(.enter)              // to the rating
            try w.press(.digit(1))           // 非常满意
            try t.waitFor("谢谢您的评价")
        }
        XCTAssertEqual(expected.count, bundledCatalog.services.filter { $0.status == .open && !$0.onlineOnly }.count)
        XCTAssertEqual(try queuedAnswers(), expected, "the queue holds, for every service, what the model submitted")
        print("keypad walk: \(expected.count) services, \(w.presses) keys; most answers checked: \(mostPages.service), \(mostPages.items) answers on \(mostPages.pages) pages")
        XCTAssertGreaterThanOrEqual(mostPages.items, 12, "a service with at least 12 answers was walked page by page: \(mostPages)")
        XCTAssertGreaterThanOrEqual(mostPages.pages, 4)
        XCTAssertEqual(expected["pension-certification"]?["id_number"], .string("11010519490101003X"), "the X typed with *")
    }

    func testStaffCalledKeepsTheAnswersAndAClearedKioskIsInCareModeAndChineseAgain() throws {
        let t = try kiosk(extra: "--inactivity 60")
        try t.send("1"); try t.send("1"); try t.waitFor("需要准备的材料")
        try t.send("KPEnter"); try t.waitFor("您今天带来了吗")
        try t.send("KP1"); try t.waitFor("个人信息使用说明")
        try t.send("KPEnter"); try t.waitFor("您的身份证号码是多少")
        for c in "5119221945" { try t.send("KP\(c)") }
        try t.waitFor("5119221945")
        try t.send("F1"); try t.waitFor("请到旁边找工作人员帮忙")
        // Ten minutes, far longer than --inactivity 60: nothing is cleared while the resident waits
        // as told, and then the question comes back by itself, with the warning.
        try setClock("2026-11-22T10:10:05+08:00")
        let waited = try t.waitFor("30 秒后清除您填写的内容")
        XCTAssertTrue(waited.contains("您的身份证号码是多少"), waited)
        XCTAssertTrue(waited.contains("5119221945"), "the typed digits are still there:\n\(waited)")
        XCTAssertFalse(waited.contains("请到旁边找工作人员帮忙"), waited)
        try t.send("F1"); try t.waitFor("请到旁边找工作人员帮忙")  // staff again, ten minutes after the first call
        try t.send("KP5")                                  // any key: back to the question
        let back = try t.waitFor("您的身份证号码是多少")
        XCTAssertTrue(back.contains("5119221945"), "the typed digits are still there:\n\(back)")

        // Standard mode and English for this resident; a clear brings back care mode and Chinese.
        try t.send("F2"); try t.waitFor("标准模式")
        try t.send("F4"); try t.waitFor("语言"); try t.send("2")
        try t.waitFor("Standard")
        try setClock("2026-11-22T10:12:30+08:00")
        let cleared = try t.waitFor("村便民服务点", seconds: 8)
        XCTAssertTrue(cleared.contains("关怀模式"), cleared)
        XCTAssertTrue(cleared.contains("中文"), cleared)
    }

    func testAHelpersResidentAgreesWithEnterPageByPage() throws {
        XCTAssertEqual(try runCarekiosk(["helper", "add", "1001", "张帮办", "--data-dir", dataDir.path], input: "2468\n2468\n").status, 0)
        let t = try kiosk()
        for key in ["KP/", "KP*", "KP-"] { try t.send(key) }
        try t.waitFor("请输入帮办员编号")
        try t.send("1001", literally: true); try t.send("KPEnter"); try t.waitFor("请输入密码")
        try t.send("2468", literally: true); try t.send("KPEnter"); try t.waitFor("帮办员 张帮办")
        try t.send("1"); try t.send("1"); try t.waitFor("需要准备的材料")
        try t.send("Enter"); try t.waitFor("您今天带来了吗")
        try t.send("1"); try t.waitFor("个人信息使用说明")
        try t.send("Enter"); try t.waitFor("您的身份证号码是多少")
        try t.send("511922194503150016", literally: true); try t.send("Enter"); try t.waitFor("您现在每个月都在领养老金吗")
        try t.send("1"); try t.waitFor("您想怎样认证")
        try t.send("1"); try t.waitFor("您的手机号码是多少")
        try t.send("13800000000", literally: true); try t.send("Enter"); try t.waitFor("请核对您填写的内容")
        try t.send("Enter")
        let consent = try t.waitFor("请您本人确认")
        XCTAssertTrue(consent.contains("关怀模式"), "the screen turns to the resident in care mode")
        XCTAssertTrue(consent.contains("第 1 页，共 2 页"), consent)
        try t.send("KPEnter"); try t.waitFor("第 2 页，共 2 页")
        XCTAssertTrue(try t.screen().contains("1380***0000"), "what is agreed to is shown so its owner knows it")
        XCTAssertTrue(try queuedAnswers().isEmpty)
        try t.send("KPEnter")
        let receipt = try t.waitFor("办件编号")
        XCTAssertTrue(receipt.contains("关怀模式"), "the receipt is the resident's, in care mode")
        XCTAssertEqual(try queuedAnswers().count, 1)
        try t.send("Escape")
        try t.waitFor("您对这次办理满意吗")
    }
}
