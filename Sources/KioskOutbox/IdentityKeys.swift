import Foundation
import KioskCore
import KioskCrypto

/// The progress check (查询办理进度) finds a resident's items by the whole identity number, never
/// by its masked form: the queue's facts keep an HMAC-SHA-256 of the number under a secret this
/// kiosk made at its first start (`kiosk-secret` in the data folder, readable by the kiosk's user
/// only). The number itself is never written; without the secret the key says nothing about it.
public struct IdentityKeys: Sendable {
    let secret: [UInt8]

    static let secretLength = 32
    static func file(_ data: DataFolder) -> URL { data.root.appendingPathComponent("kiosk-secret") }

    /// The kiosk's secret, made now if the data folder has none yet. A file that is there but not
    /// 32 bytes is not replaced (items already keyed by it would be lost to the check): nil.
    static func prepare(_ data: DataFolder) throws(DurableWriteError) -> IdentityKeys? {
        if let keys = load(data) { return keys }
        guard !FileManager.default.fileExists(atPath: file(data).path) else { return nil }
        guard let secret = HMACSHA256.randomBytes(secretLength) else { throw .failed(file(data).path, errno: EIO) }
        // Created 0600 through a temporary file, and never over another process's secret.
        do throws(DurableWriteError) {
            try DurableFile.write(Data(secret), to: file(data), tmpFolder: data.root, replacing: false)
        } catch {
            if case .exists = error { return load(data) }
            throw error
        }
        return IdentityKeys(secret: secret)
    }

    /// The kiosk's secret, or nil when there is none or it is damaged.
    public static func load(_ data: DataFolder) -> IdentityKeys? {
        guard let bytes = try? BoundedFile.read(file(data), limit: secretLength), bytes.count == secretLength else { return nil }
        return IdentityKeys(secret: Array(bytes))
    }

    /// The key of one identity number, as it is typed and checked (18 characters, X upper-case).
    public func key(_ identityNumber: String) -> String {
        Hex.encode(HMACSHA256.mac(key: secret, Data("carekiosk identity v1:\(identityNumber.uppercased())".utf8)))
    }
}
