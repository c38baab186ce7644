import COpenSSL
import Foundation

/// RFC 9180 HPKE in base mode for one suite: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
/// AES-128-GCM (KEM 0x0020, KDF 0x0001, AEAD 0x0001), composed from libcrypto's primitives
/// because OpenSSL 3.0 has no HPKE API of its own. Contract §4 seals every queued submission with it.
public enum HPKE {
    /// The suite's name in the contract's `sealed.suite`.
    public static let suiteName = "HPKE-base-X25519-SHA256-AES128GCM"

    static let kemSuiteID: [UInt8] = Array("KEM".utf8) + [0x00, 0x20]
    static let suiteID: [UInt8] = Array("HPKE".utf8) + [0x00, 0x20, 0x00, 0x01, 0x00, 0x01]
    static let keyLength = 16
    static let nonceLength = 12

    /// The AEAD key and nonce agreed by sender and recipient, and the next sequence number.
    public struct Context: Sendable {
        let key: [UInt8]
        let baseNonce: [UInt8]
        private(set) var sequence: UInt64 = 0

        init(key: [UInt8], baseNonce: [UInt8]) {
            self.key = key
            self.baseNonce = baseNonce
        }

        /// base_nonce XOR the sequence number, big-endian in the last 8 bytes.
        var nonce: [UInt8] {
            var out = baseNonce
            for i in 0..<8 { out[nonceLength - 1 - i] ^= UInt8(truncatingIfNeeded: sequence >> (8 * UInt64(i))) }
            return out
        }

        public mutating func seal(aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
            let out = try Primitives.aesGCMSeal(key: key, nonce: nonce, aad: aad, plaintext: plaintext)
            sequence += 1
            return out
        }

        public mutating func open(aad: [UInt8], ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
            let out = try Primitives.aesGCMOpen(key: key, nonce: nonce, aad: aad, sealed: ciphertext)
            sequence += 1
            return out
        }
    }

    /// SetupBaseS: the encapsulated key `enc` for the recipient and the sender's context.
    /// `ephemeralPrivateKey` is for test vectors only; otherwise a fresh key is generated.
    public static func setupSender(recipientPublicKey: [UInt8], info: [UInt8],
                                   ephemeralPrivateKey: [UInt8]? = nil) throws(CryptoError) -> (enc: [UInt8], context: Context) {
        let recipient = try Primitives.x25519PublicKey(recipientPublicKey)
        defer { EVP_PKEY_free(recipient) }
        let ephemeral: OpaquePointer
        if let ephemeralPrivateKey { ephemeral = try Primitives.x25519PrivateKey(ephemeralPrivateKey) } else { ephemeral = try Primitives.x25519Generate() }
        defer { EVP_PKEY_free(ephemeral) }
        let enc = try Primitives.rawPublicKey(ephemeral)
        let dh = try Primitives.x25519(ephemeral, recipient)
        let secret = try sharedSecret(dh: dh, kemContext: enc + recipientPublicKey)
        return (enc, try keySchedule(sharedSecret: secret, info: info))
    }

    /// SetupBaseR: the recipient's context from `enc` and its private key.
    public static func setupRecipient(enc: [UInt8], recipientPrivateKey: [UInt8], info: [UInt8]) throws(CryptoError) -> Context {
        let recipient = try Primitives.x25519PrivateKey(recipientPrivateKey)
        defer { EVP_PKEY_free(recipient) }
        let ephemeral = try Primitives.x25519PublicKey(enc)
        defer { EVP_PKEY_free(ephemeral) }
        let dh = try Primitives.x25519(recipient, ephemeral)
        let secret = try sharedSecret(dh: dh, kemContext: enc + Primitives.rawPublicKey(recipient))
        return try keySchedule(sharedSecret: secret, info: info)
    }

    /// Single-shot seal (sequence 0): what a submission gets, once.
    public static func seal(recipientPublicKey: [UInt8], info: [UInt8], aad: [UInt8], plaintext: [UInt8],
                            ephemeralPrivateKey: [UInt8]? = nil) throws(CryptoError) -> (enc: [UInt8], ciphertext: [UInt8]) {
        var (enc, context) = try setupSender(recipientPublicKey: recipientPublicKey, info: info, ephemeralPrivateKey: ephemeralPrivateKey)
        return (enc, try context.seal(aad: aad, plaintext: plaintext))
    }

    /// Single-shot open (sequence 0).
    public static func open(enc: [UInt8], recipientPrivateKey: [UInt8], info: [UInt8], aad: [UInt8],
                            ciphertext: [UInt8]) throws(CryptoError) -> [UInt8] {
        var context = try setupRecipient(enc: enc, recipientPrivateKey: recipientPrivateKey, info: info)
        return try context.open(aad: aad, ciphertext: ciphertext)
    }

    /// A new X25519 key pair as raw bytes: for tests and for making a portal's key.
    public static func generateKeyPair() throws(CryptoError) -> (privateKey: [UInt8], publicKey: [UInt8]) {
        let key = try Primitives.x25519Generate()
        defer { EVP_PKEY_free(key) }
        var raw = [UInt8](repeating: 0, count: 32)
        var length = 32
        guard EVP_PKEY_get_raw_private_key(key, &raw, &length) == 1 else { throw .libcrypto("EVP_PKEY_get_raw_private_key") }
        return (raw, try Primitives.rawPublicKey(key))
    }

    /// The public key of a raw private key.
    public static func publicKey(privateKey: [UInt8]) throws(CryptoError) -> [UInt8] {
        let key = try Primitives.x25519PrivateKey(privateKey)
        defer { EVP_PKEY_free(key) }
        return try Primitives.rawPublicKey(key)
    }

    // MARK: RFC 9180 §4 and §5.1

    static func labeledExtract(salt: [UInt8], label: String, ikm: [UInt8], suite: [UInt8]) throws(CryptoError) -> [UInt8] {
        try Primitives.hkdfExtract(salt: salt, ikm: Array("HPKE-v1".utf8) + suite + Array(label.utf8) + ikm)
    }

    static func labeledExpand(prk: [UInt8], label: String, info: [UInt8], length: Int, suite: [UInt8]) throws(CryptoError) -> [UInt8] {
        let labeledInfo = [UInt8(length >> 8), UInt8(length & 0xFF)] + Array("HPKE-v1".utf8) + suite + Array(label.utf8) + info
        return try Primitives.hkdfExpand(prk: prk, info: labeledInfo, length: length)
    }

    /// DHKEM's ExtractAndExpand.
    static func sharedSecret(dh: [UInt8], kemContext: [UInt8]) throws(CryptoError) -> [UInt8] {
        let prk = try labeledExtract(salt: [], label: "eae_prk", ikm: dh, suite: kemSuiteID)
        return try labeledExpand(prk: prk, label: "shared_secret", info: kemContext, length: 32, suite: kemSuiteID)
    }

    /// KeySchedule for mode_base (no PSK).
    static func keySchedule(sharedSecret: [UInt8], info: [UInt8]) throws(CryptoError) -> Context {
        let pskIDHash = try labeledExtract(salt: [], label: "psk_id_hash", ikm: [], suite: suiteID)
        let infoHash = try labeledExtract(salt: [], label: "info_hash", ikm: info, suite: suiteID)
        let context = [0x00] + pskIDHash + infoHash
        let secret = try labeledExtract(salt: sharedSecret, label: "secret", ikm: [], suite: suiteID)
        return Context(key: try labeledExpand(prk: secret, label: "key", info: context, length: keyLength, suite: suiteID),
                       baseNonce: try labeledExpand(prk: secret, label: "base_nonce", info: context, length: nonceLength, suite: suiteID))
    }
}
