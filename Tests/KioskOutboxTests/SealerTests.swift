import Foundation
import XCTest
import KioskCore
import KioskCrypto
@testable import KioskOutbox

/// Contract §4: what reaches the disk when the portal's key is configured.
final class SealerTests: XCTestCase {
    let identity = "511922194503150016", phone = "13800000000"

    func submission(_ id: ItemID = ItemID("0b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11")!) -> Submission {
        Submission(id: id, serviceID: "pension-certification", serviceVersion: 1, createdAt: Moment.parse("2026-11-22T09:30:00+08:00")!,
                   kioskID: "k", locale: "zh-Hans", channel: .resident,
                   body: Submission.Body(answers: [.init("id_number", .string(identity)), .init("phone", .string(phone))]),
                   maskedIdentity: Mask.value(identity, type: .idNumber))
    }

    func testTheSealedFileHoldsNoBodyAndOpensToItWithTheIdAsAAD() throws {
        let keys = try HPKE.generateKeyPair()
        let sealer = SubmissionSealer(key: try PortalKey(hex: keys.publicKey.map { String(format: "%02x", $0) }.joined(), id: "portal-2026"))
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sealer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let data = DataFolder(root: root)
        let original = submission()
        try data.enqueue(try sealer.seal(original))

        let file = try Data(contentsOf: data.submissions.folder(.ready).appendingPathComponent("\(original.id).json"))
        let text = String(decoding: file, as: UTF8.self)
        XCTAssertFalse(text.contains(identity) || text.contains(phone) || text.contains("\"body\""), text)
        XCTAssertTrue(text.contains("5119**********0016"), "the helper still sees the masked number")
        let item = try XCTUnwrap(data.submissions.read(original.id, in: .ready))
        let sent = try JSONValue.parse(XCTUnwrap(item.payload))
        XCTAssertEqual(sent["id"], original.json["id"])
        XCTAssertEqual(sent["created_at"], original.json["created_at"], "public fields stay in clear for routing")
        let sealed = try XCTUnwrap(sent["sealed"])
        XCTAssertEqual(sealed["suite"]?.stringValue, "HPKE-base-X25519-SHA256-AES128GCM")
        XCTAssertEqual(sealed["key_id"]?.stringValue, "portal-2026")
        let enc = try XCTUnwrap(Data(base64Encoded: XCTUnwrap(sealed["enc"]?.stringValue)))
        let ct = try XCTUnwrap(Data(base64Encoded: XCTUnwrap(sealed["ct"]?.stringValue)))
        let opened = try HPKE.open(enc: Array(enc), recipientPrivateKey: keys.privateKey, info: Array("carekiosk submission v1".utf8),
                                   aad: Array(original.id.text.utf8), ciphertext: Array(ct))
        XCTAssertEqual(try JSONValue.parse(Data(opened)), original.json["body"])
    }

    func testEachIdIsSealedOnceUntilItIsOnDisk() throws {
        let sealer = SubmissionSealer(key: try PortalKey(hex: "3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d", id: "k1"))
        let first = try sealer.seal(submission())
        XCTAssertEqual(try sealer.seal(submission()).bytes, first.bytes, "a retried write carries the same bytes")
        XCTAssertNotEqual(try sealer.seal(submission(ItemID("1b0c0f7e-3c51-4d0e-9f0a-6f1f5b3c2a11")!)).bytes, first.bytes)
        sealer.forget(first.id)
        XCTAssertNotEqual(try sealer.seal(submission()).bytes, first.bytes, "a fresh seal has a fresh ephemeral key")
    }

    func testAKeyIsCheckedBeforeAnythingIsSealedToIt() {
        func problem(_ hex: String?, _ id: String?) -> PortalKey.Problem? {
            do { _ = try PortalKey(hex: hex, id: id); return nil } catch { return error }
        }
        XCTAssertNil(problem("3948CFE0AD1DDB695D780E59077195DA6C56506B027329794AB02BCA80815C4D", "k1"))
        XCTAssertEqual(problem("3948cfe0", "k1"), .notHex(found: 8))
        XCTAssertEqual(problem(String(repeating: "g", count: 64), "k1"), .notHex(found: 64))
        XCTAssertEqual(problem("3948cfe0ad1ddb695d780e59077195da6c56506b027329794ab02bca80815c4d", " "), .missingKeyID)
        XCTAssertEqual(problem(nil, "k1"), .missingKey)
        XCTAssertEqual(problem(String(repeating: "0", count: 64), "k1"), .unusable)
    }
}
