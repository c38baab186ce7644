import Foundation
import XCTest
@testable import KioskCrypto

final class SHA256Tests: XCTestCase {
    /// FIPS 180-2 test vectors.
    func testKnownDigests() {
        XCTAssertEqual(SHA256.hex(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

final class PINHashTests: XCTestCase {
    /// RFC 7914 §11 gives PBKDF2-HMAC-SHA256 vectors: "passwd", salt "salt", 1 iteration, 64 bytes.
    func testPBKDF2MatchesTheRFC7914Vector() {
        let derived = PINHash.derive("passwd", salt: Array("salt".utf8), iterations: 1)
        XCTAssertEqual(derived.map(Hex.encode), "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    func testTheRightPINMatchesAndAWrongOneDoesNot() throws {
        let stored = try XCTUnwrap(PINHash.make(pin: "2468", iterations: 1000))
        XCTAssertTrue(stored.matches("2468"))
        XCTAssertFalse(stored.matches("2469"))
        XCTAssertFalse(stored.matches(""))
        XCTAssertNotEqual(PINHash.make(pin: "2468", iterations: 1000)?.salt, stored.salt, "a fresh salt every time")
    }

    /// Issue 20, finding 8: a stored count libcrypto cannot take (from a damaged helpers.json) is
    /// a PIN that does not match, not a trap that ends the kiosk.
    func testARoundCountOutsideLibcryptosRangeMatchesNothingAndDoesNotTrap() {
        for iterations in [3_000_000_000, Int(Int32.max) + 1, -1, 0, Int.min, Int.max] {
            XCTAssertNil(PINHash.derive("2468", salt: Array("salt".utf8), iterations: iterations), "\(iterations)")
            XCTAssertFalse(PINHash(salt: Array("salt".utf8), iterations: iterations, hash: [UInt8](repeating: 0, count: 32)).matches("2468"))
        }
    }
}
