import COpenSSL
import Foundation

/// A helper's PIN, stored only as a salted PBKDF2-HMAC-SHA256 hash (libcrypto).
public struct PINHash: Equatable, Sendable {
    public var salt: [UInt8]
    public var iterations: Int
    public var hash: [UInt8]

    public static let defaultIterations = 200_000

    /// Hashes a new PIN with a fresh random salt.
    public static func make(pin: String, iterations: Int = defaultIterations) -> PINHash? {
        var salt = [UInt8](repeating: 0, count: 16)
        guard RAND_bytes(&salt, Int32(salt.count)) == 1, let hash = derive(pin, salt: salt, iterations: iterations) else { return nil }
        return PINHash(salt: salt, iterations: iterations, hash: hash)
    }

    public init(salt: [UInt8], iterations: Int, hash: [UInt8]) {
        self.salt = salt
        self.iterations = iterations
        self.hash = hash
    }

    /// Compares in constant time, so the time taken says nothing about how much of the PIN was right.
    public func matches(_ pin: String) -> Bool {
        guard let candidate = PINHash.derive(pin, salt: salt, iterations: iterations), candidate.count == hash.count else { return false }
        return CRYPTO_memcmp(candidate, hash, hash.count) == 0
    }

    /// nil for a count libcrypto cannot take (a stored hash is outside input: it must not trap).
    static func derive(_ pin: String, salt: [UInt8], iterations: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: 32)
        let bytes = Array(pin.utf8)
        guard iterations > 0, let rounds = Int32(exactly: iterations), let pinLength = Int32(exactly: bytes.count),
              let saltLength = Int32(exactly: salt.count) else { return nil }
        let ok = bytes.withUnsafeBufferPointer { p in
            p.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(1, bytes.count)) { chars in
                PKCS5_PBKDF2_HMAC(chars, pinLength, salt, saltLength, rounds, EVP_sha256(), Int32(out.count), &out)
            }
        }
        return ok == 1 ? out : nil
    }
}

public enum Hex {
    public static func encode(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    public static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(chars.count / 2)
        var i = 0
        while i < chars.count {
            guard let byte = UInt8(String(decoding: chars[i..<i + 2], as: UTF8.self), radix: 16) else { return nil }
            out.append(byte)
            i += 2
        }
        return out
    }
}
