import Foundation
import KioskOutbox
#if canImport(Glibc)
import Glibc
#endif

/// Where the portal is and how this kiosk proves who it is.
public struct PortalSettings: Sendable, Equatable {
    public var url: URL
    public var kioskID: String
    /// The device token; never printed, logged or shown.
    public var token: String
    public var timeout: TimeInterval

    public init(url: URL, kioskID: String, token: String, timeout: TimeInterval = 15) {
        self.url = url
        self.kioskID = kioskID
        self.token = token
        self.timeout = timeout
    }

    /// Why the portal settings cannot be used; each case says what to do about it.
    public enum Problem: Error, Equatable, Sendable {
        case noPortal
        case badURL(String)
        case plainHTTP(String)
        case noTokenFile
        case tokenFileMissing(String)
        case tokenFileUnreadable(String)
        case tokenFileOpen(String, mode: String)
        case tokenFileEmpty(String)
        /// A device, a folder or a FIFO: `/dev/zero` is not a token, whatever its mode.
        case tokenFileNotAFile(String)
        case tokenFileTooLarge(String, limit: Int)
    }

    /// Plain HTTP only to this machine (contract §1); anything else must be HTTPS.
    public static func checkedURL(_ text: String) throws(Problem) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else {
            throw .badURL(text)
        }
        switch scheme {
        case "https": return url
        case "http" where ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host.lowercased()): return url
        case "http": throw .plainHTTP(text)
        default: throw .badURL(text)
        }
    }

    /// Reads the device token from a regular file that only this user may read (mode 0600 or stricter).
    public static func readToken(_ path: String) throws(Problem) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw errno == ENOENT ? .tokenFileMissing(path) : .tokenFileUnreadable(path)
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .tokenFileNotAFile(path) }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else { throw .tokenFileOpen(path, mode: String(mode, radix: 8)) }
        let data: Data
        do { data = try BoundedFile.read(URL(fileURLWithPath: path), limit: 4096) } catch {
            if case let .tooLarge(_, limit) = error { throw .tokenFileTooLarge(path, limit: limit) }
            throw error == .notAFile(path) ? .tokenFileNotAFile(path) : .tokenFileUnreadable(path)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .tokenFileUnreadable(path) }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw .tokenFileEmpty(path) }
        return token
    }
}
