import COpenSSL
import Foundation

/// HMAC-SHA-256 and fresh random bytes, through libcrypto: a keyed hash that tells equal inputs
/// apart from others without keeping the input (the progress check's identity key).
public enum HMACSHA256 {
    public static func mac(key: [UInt8], _ data: Data) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let done = data.withUnsafeBytes { bytes in
            HMAC(EVP_sha256(), key, Int32(key.count), bytes.bindMemory(to: UInt8.self).baseAddress, bytes.count, &out, &length)
        }
        // HMAC fails only when libcrypto cannot allocate; nothing sensible can go on then.
        precondition(done != nil && length == 32, "libcrypto HMAC-SHA-256 failed")
        return out
    }

    /// `count` bytes from libcrypto's generator, or nil when it has no entropy to give.
    public static func randomBytes(_ count: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: count)
        return RAND_bytes(&out, Int32(count)) == 1 ? out : nil
    }
}
