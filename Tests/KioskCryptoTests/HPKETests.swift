import Foundation
import XCTest
@testable import KioskCrypto

/// RFC 9180 appendix A.1.1 (the contract's suite, base mode), from the shared contract folder.
final class HPKETests: XCTestCase {
    struct Vector {
        let json: [String: Any]
        func bytes(_ key: String) -> [UInt8] { Self.hex(json[key] as! String) }
        var encryptions: [[String: Any]] { json["encryptions"] as! [[String: Any]] }
        static func hex(_ text: String) -> [UInt8] {
            var out: [UInt8] = []
            var i = text.startIndex
            while i < text.endIndex {
                let j = text.index(i, offsetBy: 2)
                out.append(UInt8(text[i..<j], radix: 16)!)
                i = j
            }
            return out
        }
    }

    func vector() throws -> Vector {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        // The project's copy of the contract's vector file, beside docs/portal-api-v1.md.
        let file = repo.appendingPathComponent("docs/hpke-rfc9180-a1.json")
        let data = try XCTUnwrap(FileManager.default.contents(atPath: file.path), "the contract's vector file is missing: \(file.path)")
        return Vector(json: try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any]))
    }

    func testTheRFCVectorIsReproducedByteForByte() throws {
        let v = try vector()
        XCTAssertEqual(try HPKE.publicKey(privateKey: v.bytes("skEm")), v.bytes("pkEm"))
        XCTAssertEqual(try HPKE.publicKey(privateKey: v.bytes("skRm")), v.bytes("pkRm"))
        var (enc, sender) = try HPKE.setupSender(recipientPublicKey: v.bytes("pkRm"), info: v.bytes("info"),
                                                 ephemeralPrivateKey: v.bytes("skEm"))
        XCTAssertEqual(enc, v.bytes("enc"))
        XCTAssertEqual(sender.key, v.bytes("key"))
        XCTAssertEqual(sender.baseNonce, v.bytes("base_nonce"))
        var recipient = try HPKE.setupRecipient(enc: enc, recipientPrivateKey: v.bytes("skRm"), info: v.bytes("info"))
        XCTAssertEqual(v.encryptions.count, 2)
        for e in v.encryptions {
            func field(_ key: String) -> [UInt8] { Vector.hex(e[key] as! String) }
            let (pt, aad, ct, seq) = (field("pt"), field("aad"), field("ct"), "sequence \(e["seq"]!)")
            XCTAssertEqual(sender.nonce, field("nonce"), seq)
            XCTAssertEqual(try sender.seal(aad: aad, plaintext: pt), ct, seq)
            XCTAssertEqual(try recipient.open(aad: aad, ciphertext: ct), pt, seq)
        }
    }

    func testTheSharedSecretOfTheVector() throws {
        let v = try vector()
        let ephemeral = try Primitives.x25519PrivateKey(v.bytes("skEm"))
        let recipient = try Primitives.x25519PublicKey(v.bytes("pkRm"))
        let secret = try HPKE.sharedSecret(dh: Primitives.x25519(ephemeral, recipient), kemContext: v.bytes("enc") + v.bytes("pkRm"))
        XCTAssertEqual(secret, v.bytes("shared_secret"))
    }

    func testAFreshSealOpensOnlyWithTheRightKeyAndAAD() throws {
        let recipient = try HPKE.generateKeyPair()
        let other = try HPKE.generateKeyPair()
        let info = Array("carekiosk submission v1".utf8), aad = Array("an-id".utf8), pt = Array(#"{"answers":{}}"#.utf8)
        let first = try HPKE.seal(recipientPublicKey: recipient.publicKey, info: info, aad: aad, plaintext: pt)
        let second = try HPKE.seal(recipientPublicKey: recipient.publicKey, info: info, aad: aad, plaintext: pt)
        XCTAssertNotEqual(first.enc, second.enc, "every seal has its own ephemeral key")
        XCTAssertEqual(first.ciphertext.count, pt.count + 16)
        XCTAssertEqual(try HPKE.open(enc: first.enc, recipientPrivateKey: recipient.privateKey, info: info, aad: aad, ciphertext: first.ciphertext), pt)
        XCTAssertThrowsError(try HPKE.open(enc: first.enc, recipientPrivateKey: other.privateKey, info: info, aad: aad, ciphertext: first.ciphertext))
        XCTAssertThrowsError(try HPKE.open(enc: first.enc, recipientPrivateKey: recipient.privateKey, info: info, aad: Array("other-id".utf8), ciphertext: first.ciphertext))
        var tampered = first.ciphertext
        tampered[0] ^= 1
        XCTAssertThrowsError(try HPKE.open(enc: first.enc, recipientPrivateKey: recipient.privateKey, info: info, aad: aad, ciphertext: tampered)) {
            XCTAssertEqual($0 as? CryptoError, .authenticationFailed)
        }
    }

    func testALowOrderPublicKeyIsRefused() {
        XCTAssertThrowsError(try HPKE.seal(recipientPublicKey: [UInt8](repeating: 0, count: 32), info: [], aad: [], plaintext: [1])) {
            XCTAssertEqual($0 as? CryptoError, .badKey)
        }
        XCTAssertThrowsError(try HPKE.seal(recipientPublicKey: [1, 2, 3], info: [], aad: [], plaintext: [1]))
    }
}
