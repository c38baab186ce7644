import XCTest
@testable import KioskCore
import KioskTestSupport

/// What a resident's choices ask of them: a phone that a home visit needs, a certificate to fetch,
/// a proof that is owed now or later, a card number that begins with the identity number.
final class WhatAChoiceAsksTests: XCTestCase {
    let zh = loadStrings("zh-Hans")

    /// 养老金资格认证, answered with the method chosen, up to the phone question.
    func atPhone(method: Int) -> Driver {
        var d = Driver()
        d.open("pension-certification", until: .question("method"))
        d.digit(method)
        for _ in 0..<10 where d.page != .question("phone") {
            if d.state.acceptsText { d.type("江口镇二村三组5号") } else { d.digit(2) }
        }
        XCTAssertEqual(d.page, .question("phone"))
        return d
    }

    func testAHomeVisitNeedsThePhoneThatBooksIt() {
        var visit = atPhone(method: 2)
        XCTAssertEqual(visit.state.content(zh).question?.contains("可以不填"), false)
        visit.enter()
        XCTAssertEqual(visit.page, .question("phone"), "a home visit cannot skip the phone")
        XCTAssertEqual(visit.state.error, .required)

        var face = atPhone(method: 1)
        XCTAssertEqual(face.state.content(zh).question?.contains("可以不填"), true)
        face.enter()
        XCTAssertEqual(face.page, .review, "刷脸 needs no phone")
    }

    func testChangingToAHomeVisitAfterSkippingThePhoneAsksForIt() {
        var d = atPhone(method: 1)
        d.enter()
        XCTAssertEqual(d.page, .review)
        d.change(.question("method"))
        d.digit(2)
        for _ in 0..<10 where d.page != .review && d.page != .question("phone") {
            if d.state.acceptsText { d.type("江口镇二村三组5号") } else { d.digit(2) }
        }
        d.submit()
        XCTAssertTrue(d.submissions.isEmpty, "not sent without the phone a visit needs")
        XCTAssertEqual(d.page, .question("phone"))
    }

    func testWhereEachWayOfCertifyingSendsTheResidentIsOnTheConfirmation() {
        for (method, words) in [(2, "工作人员会先打电话和您约上门的时间"), (3, "到乡镇便民服务中心的办事窗口")] {
            var d = atPhone(method: method)
            d.type("13800000000")
            d.submit()
            let said = d.state.content(zh).paragraphs.joined()
            XCTAssertTrue(said.contains(words), said)
            XCTAssertFalse(said.contains("您不用再来一趟"), said)
        }
    }

    func testACertificateIsFetchedSoTheResidentIsNotToldNoNeedToComeBack() {
        var d = Driver()
        d.open("certificate-request", until: .question("cert_type"))
        d.digit(3)                                                        // 独居证明: no household register owed
        for _ in 0..<20 where d.page != .review {
            if d.page == .question("phone") { d.type("13800000000") } else { d.digit(1) }
        }
        d.submit()
        let said = d.state.content(zh).paragraphs.joined()
        XCTAssertFalse(said.contains("您不用再来一趟"), said)
        XCTAssertTrue(said.contains("请带上身份证到村委会来拿"), said)
    }

    func testAProofOfLivingElsewhereIsOwedNowOrLaterNeverWaved() {
        var d = Driver()
        d.open("medical-treatment-elsewhere", until: .question("filing_type"))
        d.digit(1)                                                        // 长期住在外地
        let typed = ["residence_years": "3", "start_date": String(format: "%04d%02d%02d", testToday.year, testToday.month, testToday.day),
                     "phone": "13800000000"]
        for _ in 0..<20 where d.page != .material("residence-proof") && d.page != .review {
            if case let .question(fid) = d.page, let text = typed[fid] { d.type(text) } else if d.state.acceptsText { d.type("四川省成都市") } else { d.digit(1) }
        }
        XCTAssertEqual(d.page, .material("residence-proof"), "长期住在外地 asks for the proof")
        let options = d.state.content(zh).options.map(\.label)
        XCTAssertFalse(options.joined().contains("没有这项材料"), "\(options)")
        XCTAssertEqual(options.count, 2, "现在能提供 or 以后补交: \(options)")
    }

    func testADisabilityCardNumberIsTheIdentityNumberAndTwoTypedDigits() {
        var d = Driver()
        d.open("disability-subsidies", until: .question("disability_card_number"))
        XCTAssertEqual(d.state.content(zh).hint?.contains("只要输入最后2位数字"), true)
        d.type("11")
        XCTAssertEqual(d.state.session?.answers["disability_card_number"], .string("51192219450315001611"))
        XCTAssertNil(d.state.error)
    }

    func testAChangedIdentityNumberAsksForTheCardNumberAgain() {
        var d = Driver()
        d.open("disability-subsidies", until: .question("disability_card_number"))
        d.type("11")
        for _ in 0..<20 where d.page != .review {
            if d.page == .question("phone") { d.type("13800000000") } else { d.digit(1) }
        }
        XCTAssertEqual(d.page, .review)
        d.change(.question("id_number"))
        d.type("11010519491231002X")
        XCTAssertEqual(d.page, .question("disability_card_number"), "the old card number began with the old identity number")
        d.type("22")
        XCTAssertEqual(d.state.session?.answers["disability_card_number"], .string("11010519491231002X22"))
    }

    func testTheInsuranceCategoryAndADisabilityAreAskedApart() {
        var d = Driver()
        d.open("medical-insurance-enrolment", until: .question("employee_insured"))
        d.digit(2)                                                        // no employee insurance
        XCTAssertEqual(d.page, .question("category"))
        d.digit(2)                                                        // 低保户
        XCTAssertEqual(d.page, .question("has_disability_card"))
        d.digit(1)                                                        // and a disability card
        let pages = d.state.visit?.pages(today: testToday) ?? []
        XCTAssertTrue(pages.contains(.material("disability-card")), "\(pages)")
        XCTAssertTrue(pages.contains(.material("assistance-certificate")), "\(pages)")
    }

    func testACatalogNamesTheAnswerACardNumberBeginsWithBeforeIt() {
        let json = #"""
        {"catalog_version": "2026-11-01", "services": [{"id": "s", "version": 1, "title": {"zh-Hans": "事"},
         "steps": [{"id": "a", "title": {"zh-Hans": "步"}, "fields": [
           {"id": "card", "type": "text", "label": {"zh-Hans": "证号"}, "starts_with_answer": "id_number", "allow_digits_only": true},
           {"id": "id_number", "type": "id_number", "label": {"zh-Hans": "身份证号码"}},
           {"id": "phone", "type": "phone", "label": {"zh-Hans": "电话"}, "required": false, "required_when": {"field": "later", "equals": true}},
           {"id": "later", "type": "yes_no", "label": {"zh-Hans": "是否"}}]}]}]}
        """#
        guard case let .failure(e) = CatalogLoader.load(Data(json.utf8)) else { return XCTFail("loaded") }
        XCTAssertEqual(e.problems.map(\.path), ["services[0].steps[0].fields[0].starts_with_answer",
                                                "services[0].steps[0].fields[2].required_when.field"])
        XCTAssertTrue(e.problems[0].message(zh).contains("id_number"), e.problems[0].message(zh))
    }
}
