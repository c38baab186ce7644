import Foundation
import KioskCore
import KioskCrypto

/// The portal's public key (contract §4): raw X25519 given as 64 hex characters, and its id.
public struct PortalKey: Equatable, Sendable {
    public let raw: [UInt8]
    public let id: String

    /// Why a key cannot be used.
    public enum Problem: Error, Equatable, Sendable {
        case notHex(found: Int)
        case missingKeyID
        case missingKey
        /// 64 hex characters, but not a key anything can be sealed to (a low-order point).
        case unusable
    }

    /// Checks the text form and that libcrypto can seal to the key.
    public init(hex: String?, id: String?) throws(Problem) {
        guard let hex, !hex.isEmpty else { throw .missingKey }
        let digits = Array(hex.lowercased().utf8)
        guard digits.count == 64, digits.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            throw .notHex(found: hex.count)
        }
        guard let id, !id.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missingKeyID }
        raw = stride(from: 0, to: 64, by: 2).map { UInt8(String(decoding: digits[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
        self.id = id
        guard (try? HPKE.seal(recipientPublicKey: raw, info: SubmissionSealer.info, aad: [], plaintext: [0])) != nil else { throw .unusable }
    }
}

/// Seals a confirmed submission to the portal's key before it touches the disk (contract §4):
/// `body` becomes `"sealed": {suite, key_id, enc, ct}` and the public fields stay in clear.
/// Each id is sealed once: a retried write after a disk error gets the same bytes, because
/// sealing again would make new bytes under the same id, which the portal answers with 409.
/// The runtime's worker seals; the lock keeps the memory of what was sealed whole from any thread.
public final class SubmissionSealer: @unchecked Sendable {
    public static let info = Array("carekiosk submission v1".utf8)
    public let key: PortalKey
    private var sealed: [ItemID: Submission] = [:]
    private let lock = NSLock()

    public init(key: PortalKey) { self.key = key }

    public func seal(_ submission: Submission) throws(CryptoError) -> Submission {
        lock.lock()
        defer { lock.unlock() }
        if let done = sealed[submission.id] { return done }
        guard let body = submission.body else { return submission }
        let (enc, ct) = try HPKE.seal(recipientPublicKey: key.raw, info: Self.info, aad: Array(submission.id.text.utf8),
                                      plaintext: Array(body.json.encodedData()))
        var out = submission
        out.content = .sealed(Submission.Sealed(suite: HPKE.suiteName, keyID: key.id, enc: Data(enc).base64EncodedString(),
                                                ct: Data(ct).base64EncodedString()))
        sealed[submission.id] = out
        return out
    }

    /// The submission is on disk: its sealed copy is no longer needed in memory.
    public func forget(_ id: ItemID) { lock.withLock { sealed[id] = nil } }
}
