import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The data folder holds what residents typed (or, sealed, what only the portal can read) and the
/// masked facts a helper sees: no other account on the machine may read it.
public enum FolderAccess {
    public struct OpenToOthers: Error, Equatable, Sendable {
        public let path: String
        /// The permission bits in octal, as `ls -l` and `chmod` speak of them: "755".
        public let mode: String
    }

    /// Throws when the group or others have any access to `folder`. A missing folder passes:
    /// the kiosk makes it itself, readable by its user only.
    public static func checkPrivate(_ folder: URL) throws(OpenToOthers) {
        var info = stat()
        guard stat(folder.path, &info) == 0 else { return }
        let mode = info.st_mode & 0o777
        if mode & 0o077 != 0 { throw OpenToOthers(path: folder.path, mode: String(mode, radix: 8)) }
    }
}
