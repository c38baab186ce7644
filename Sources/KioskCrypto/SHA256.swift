import COpenSSL
import Foundation

/// SHA-256 through libcrypto, for bundle trailers and the audit chain.
public enum SHA256 {
    public static func digest(_ data: Data) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { bytes in
            EVP_Digest(bytes.baseAddress, bytes.count, &out, &length, EVP_sha256(), nil)
        }
        // EVP_Digest fails only when libcrypto cannot allocate; nothing sensible can go on then.
        precondition(ok == 1 && length == 32, "libcrypto SHA-256 failed")
        return out
    }

    public static func hex(_ data: Data) -> String {
        digest(data).map { String(format: "%02x", $0) }.joined()
    }
}
