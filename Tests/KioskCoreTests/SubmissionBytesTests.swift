import Foundation
import XCTest
@testable import KioskCore
import KioskTestSupport

/// The bytes a confirmed submission is queued and sent with (contract §4). The portal is tested
/// from outside exactly as the contract writes them, so any change here is a change of contract.
final class SubmissionBytesTests: XCTestCase {
    let id = ItemID("0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11")!

    func at(_ text: String) -> Moment { Moment.parse(text)! }

    /// 帮办代办, the resident's own consent, a hidden answer left behind and a material not applying.
    func assistedSession() -> Session {
        var session = Session(service: bundledCatalog.service(id: "pension-certification")!)
        session.answers = ["id_number": .string("511922194503150016"), "receiving_pension": .bool(true), "method": .string("face"),
                           "home_address": .string("江口镇二村三组5号"), "phone": .string("13800000000")]
        session.materials = ["social-security-card": .notApplicable]
        session.consentGivenAt = at("2026-11-22T09:29:40+08:00")
        session.residentConsentAt = at("2026-11-22T09:31:05+08:00")
        return session
    }

    func testAnAssistedSubmissionIsWrittenAsTheContractSays() {
        let submission = assistedSession().submission(id: id, kioskID: "cn-511922-jiangkou-01", locale: "zh-Hans", noticeVersion: "2026-11",
                                                      at: at("2026-11-22T09:31:07+08:00"), today: testToday,
                                                      helper: HelperSession(id: "1001", name: "张帮办"))
        let expected = """
        {"id":"0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11","service_id":"pension-certification","service_version":3,\
        "created_at":"2026-11-22T09:31:07+08:00","kiosk_id":"cn-511922-jiangkou-01","locale":"zh-Hans","channel":"assisted",\
        "body":{"answers":{"id_number":"511922194503150016","receiving_pension":true,"method":"face","phone":"13800000000"},\
        "materials":[{"id":"id-card","status":"provided"}],\
        "consent":{"notice_version":"2026-11","given_at":"2026-11-22T09:29:40+08:00","proxy":true,"proxy_confirmed_at":"2026-11-22T09:31:05+08:00"},\
        "helper":{"id":"1001","name":"张帮办"}}}
        """
        XCTAssertEqual(String(decoding: submission.bytes, as: UTF8.self), expected)
        XCTAssertEqual(submission.maskedIdentity, "5119**********0016")
    }

    func testWithoutANoticeTheConsentIsNullAndTheSealedFormKeepsThePublicFields() {
        var session = assistedSession()
        session.consentGivenAt = nil
        var submission = session.submission(id: id, kioskID: "k", locale: "en", noticeVersion: "2026-11", at: at("2026-11-22T09:31:07+08:00"),
                                            today: testToday)
        XCTAssertEqual(String(decoding: submission.body!.json.encodedData(), as: UTF8.self), """
        {"answers":{"id_number":"511922194503150016","receiving_pension":true,"method":"face","phone":"13800000000"},\
        "materials":[{"id":"id-card","status":"provided"}],"consent":null,"helper":null}
        """)
        submission.content = .sealed(Submission.Sealed(suite: "HPKE-base-X25519-SHA256-AES128GCM", keyID: "portal-2026", enc: "ZW5j", ct: "Y3Q="))
        XCTAssertEqual(String(decoding: submission.bytes, as: UTF8.self), """
        {"id":"0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11","service_id":"pension-certification","service_version":3,\
        "created_at":"2026-11-22T09:31:07+08:00","kiosk_id":"k","locale":"en","channel":"self",\
        "sealed":{"suite":"HPKE-base-X25519-SHA256-AES128GCM","key_id":"portal-2026","enc":"ZW5j","ct":"Y3Q="}}
        """)
    }

    func testRatingsAndCallsForStaffAreWrittenAsTheyAlwaysWere() {
        let rating = Record.rating(id: ItemID.numbered(1), submissionID: id, kioskID: "k", score: 5, at: at("2026-11-22T09:32:00+08:00"))
        XCTAssertEqual(rating.json.encoded(), """
        {"id":"00000000-0000-4000-8000-000000000001","submission_id":"0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11","kiosk_id":"k",\
        "score":5,"created_at":"2026-11-22T09:32:00+08:00"}
        """)
        let call = Record.helpRequest(id: ItemID.numbered(2), kioskID: "k", at: at("2026-11-22T09:33:00+08:00"), serviceID: nil)
        XCTAssertEqual(call.json.encoded(), """
        {"id":"00000000-0000-4000-8000-000000000002","kiosk_id":"k","created_at":"2026-11-22T09:33:00+08:00","service_id":null}
        """)
    }
}
