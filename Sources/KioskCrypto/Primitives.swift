import COpenSSL
import Foundation

/// Why libcrypto refused: a key that is not a usable X25519 key, a ciphertext that does not
/// authenticate, or libcrypto itself failing.
public enum CryptoError: Error, Equatable, Sendable {
    case badKey
    case authenticationFailed
    case libcrypto(String)
}

/// The primitives HPKE is built from, each one call into libcrypto: X25519, HKDF-SHA256
/// (extract and expand separately, as RFC 9180 uses them) and AES-128-GCM. No cryptography is
/// computed in Swift.
enum Primitives {
    // MARK: X25519

    static func x25519PrivateKey(_ raw: [UInt8]) throws(CryptoError) -> OpaquePointer {
        guard raw.count == 32, let key = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, nil, raw, 32) else { throw .badKey }
        return key
    }

    static func x25519PublicKey(_ raw: [UInt8]) throws(CryptoError) -> OpaquePointer {
        guard raw.count == 32, let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, nil, raw, 32) else { throw .badKey }
        return key
    }

    /// A fresh key pair from libcrypto's generator.
    static func x25519Generate() throws(CryptoError) -> OpaquePointer {
        guard let ctx = EVP_PKEY_CTX_new_id(EVP_PKEY_X25519, nil) else { throw .libcrypto("EVP_PKEY_CTX_new_id") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(ctx) == 1, EVP_PKEY_keygen(ctx, &key) == 1, let key else { throw .libcrypto("EVP_PKEY_keygen") }
        return key
    }

    static func rawPublicKey(_ key: OpaquePointer) throws(CryptoError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length = 32
        guard EVP_PKEY_get_raw_public_key(key, &out, &length) == 1, length == 32 else { throw .libcrypto("EVP_PKEY_get_raw_public_key") }
        return out
    }

    /// The X25519 shared secret. libcrypto refuses an all-zero result (a low-order public key).
    static func x25519(_ privateKey: OpaquePointer, _ publicKey: OpaquePointer) throws(CryptoError) -> [UInt8] {
        guard let ctx = EVP_PKEY_CTX_new(privateKey, nil) else { throw .libcrypto("EVP_PKEY_CTX_new") }
        defer { EVP_PKEY_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: 32)
        var length = 32
        guard EVP_PKEY_derive_init(ctx) == 1, EVP_PKEY_derive_set_peer(ctx, publicKey) == 1,
              EVP_PKEY_derive(ctx, &out, &length) == 1, length == 32 else { throw .badKey }
        return out
    }

    // MARK: HKDF-SHA256

    /// HKDF-Extract(salt, ikm). An empty salt is HashLen zero bytes (RFC 5869 §2.2).
    static func hkdfExtract(salt: [UInt8], ikm: [UInt8]) throws(CryptoError) -> [UInt8] {
        try hkdf(mode: "EXTRACT_ONLY", [("key", ikm), ("salt", salt.isEmpty ? [UInt8](repeating: 0, count: 32) : salt)], length: 32)
    }

    /// HKDF-Expand(prk, info, length).
    static func hkdfExpand(prk: [UInt8], info: [UInt8], length: Int) throws(CryptoError) -> [UInt8] {
        try hkdf(mode: "EXPAND_ONLY", [("key", prk), ("info", info)], length: length)
    }

    private static func hkdf(mode: String, _ octets: [(String, [UInt8])], length: Int) throws(CryptoError) -> [UInt8] {
        guard let kdf = EVP_KDF_fetch(nil, "HKDF", nil) else { throw .libcrypto("EVP_KDF_fetch HKDF") }
        defer { EVP_KDF_free(kdf) }
        guard let ctx = EVP_KDF_CTX_new(kdf) else { throw .libcrypto("EVP_KDF_CTX_new") }
        defer { EVP_KDF_CTX_free(ctx) }
        let params = ParameterList()
        params.utf8("digest", "SHA256")
        params.utf8("mode", mode)
        for (name, value) in octets { params.octets(name, value) }
        var out = [UInt8](repeating: 0, count: length)
        guard params.withParameters({ EVP_KDF_derive(ctx, &out, length, $0) }) == 1 else { throw .libcrypto("EVP_KDF_derive") }
        return out
    }

    // MARK: AES-128-GCM

    /// Ciphertext followed by the 16-byte tag.
    static func aesGCMSeal(key: [UInt8], nonce: [UInt8], aad: [UInt8], plaintext: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let ctx = EVP_CIPHER_CTX_new() else { throw .libcrypto("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        var n: Int32 = 0
        var finalLength: Int32 = 0
        var tag = [UInt8](repeating: 0, count: 16)
        guard EVP_EncryptInit_ex(ctx, EVP_aes_128_gcm(), nil, nil, nil) == 1,
              EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1,
              EVP_EncryptInit_ex(ctx, nil, nil, key, nonce) == 1,
              aad.isEmpty || EVP_EncryptUpdate(ctx, nil, &n, aad, Int32(aad.count)) == 1,
              EVP_EncryptUpdate(ctx, &out, &n, plaintext, Int32(plaintext.count)) == 1,
              out.withUnsafeMutableBufferPointer({ EVP_EncryptFinal_ex(ctx, $0.baseAddress! + Int(n), &finalLength) }) == 1,
              EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, &tag) == 1
        else { throw .libcrypto("AES-128-GCM seal") }
        let length = Int(n + finalLength)
        out.replaceSubrange(length..., with: tag)
        return out
    }

    static func aesGCMOpen(key: [UInt8], nonce: [UInt8], aad: [UInt8], sealed: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard sealed.count >= 16 else { throw .authenticationFailed }
        guard let ctx = EVP_CIPHER_CTX_new() else { throw .libcrypto("EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let ciphertext = Array(sealed.dropLast(16))
        var tag = Array(sealed.suffix(16))
        var out = [UInt8](repeating: 0, count: ciphertext.count + 16)
        var n: Int32 = 0
        var finalLength: Int32 = 0
        guard EVP_DecryptInit_ex(ctx, EVP_aes_128_gcm(), nil, nil, nil) == 1,
              EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, Int32(nonce.count), nil) == 1,
              EVP_DecryptInit_ex(ctx, nil, nil, key, nonce) == 1,
              aad.isEmpty || EVP_DecryptUpdate(ctx, nil, &n, aad, Int32(aad.count)) == 1,
              EVP_DecryptUpdate(ctx, &out, &n, ciphertext, Int32(ciphertext.count)) == 1,
              EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, &tag) == 1
        else { throw .libcrypto("AES-128-GCM open") }
        guard out.withUnsafeMutableBufferPointer({ EVP_DecryptFinal_ex(ctx, $0.baseAddress! + Int(n), &finalLength) }) == 1 else {
            throw .authenticationFailed
        }
        return Array(out.prefix(Int(n + finalLength)))
    }
}

/// An OSSL_PARAM array whose names and values live as long as this object: OSSL_PARAM holds
/// bare pointers, so nothing in it may point into a Swift temporary.
private final class ParameterList {
    private var allocations: [(pointer: UnsafeMutableRawPointer, size: Int)] = []
    private var parameters: [OSSL_PARAM] = []

    /// Key material is wiped before the memory goes back.
    deinit {
        for (pointer, size) in allocations {
            OPENSSL_cleanse(pointer, size)
            free(pointer)
        }
    }

    private func copy(_ bytes: [UInt8], terminated: Bool) -> UnsafeMutableRawPointer {
        let size = max(1, bytes.count + (terminated ? 1 : 0))
        let pointer = malloc(size)!
        bytes.withUnsafeBytes { if let base = $0.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) } }
        if terminated { pointer.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self) }
        allocations.append((pointer, size))
        return pointer
    }

    private func name(_ text: String) -> UnsafeMutablePointer<CChar> {
        copy(Array(text.utf8), terminated: true).assumingMemoryBound(to: CChar.self)
    }

    func utf8(_ key: String, _ value: String) {
        let buffer = copy(Array(value.utf8), terminated: true).assumingMemoryBound(to: CChar.self)
        parameters.append(OSSL_PARAM_construct_utf8_string(name(key), buffer, value.utf8.count))
    }

    func octets(_ key: String, _ value: [UInt8]) {
        parameters.append(OSSL_PARAM_construct_octet_string(name(key), copy(value, terminated: false), value.count))
    }

    func withParameters<R>(_ body: (UnsafePointer<OSSL_PARAM>) -> R) -> R {
        let terminated = parameters + [OSSL_PARAM_construct_end()]
        return terminated.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
