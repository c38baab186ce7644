import Foundation
import KioskCore
import KioskOutbox

/// Keeps the portal's catalog on the kiosk (离线包): downloaded with `If-None-Match`, checked
/// with the same loader as a local file, and stored durably only when it is good. A broken or
/// missing download changes nothing: the kiosk goes on with the last good catalog.
public struct CatalogUpdater {
    public let folder: URL
    public let client: PortalClient
    /// A catalog larger than this is refused as it arrives, unread.
    public static let largestCatalog = PortalClient.Limit.catalog

    public init(data: DataFolder, client: PortalClient) {
        folder = data.catalogFolder
        self.client = client
    }

    public var catalogFile: URL { folder.appendingPathComponent("current.json") }
    var etagFile: URL { folder.appendingPathComponent("etag") }

    public enum Result: Equatable, Sendable {
        case updated(Catalog)
        case unchanged
        /// The portal's catalog has problems; the last good one stays.
        case refused([CatalogProblem])
        case unavailable(PortalFault)
        case disk(DurableWriteError)
    }

    public func update() -> Result {
        let known = (try? BoundedFile.read(etagFile, limit: 1024)).flatMap { String(data: $0, encoding: .utf8) }
            .flatMap { FileManager.default.fileExists(atPath: catalogFile.path) ? $0 : nil }
        switch client.catalog(ifNoneMatch: known) {
        case .unchanged:
            return .unchanged
        case let .unavailable(.transport(.answerTooLarge(limit))):
            return .refused([CatalogProblem(path: "$", issue: .tooLarge(limit: limit))])
        case let .unavailable(why):
            return .unavailable(why)
        case let .changed(data, etag):
            switch CatalogLoader.load(data) {
            case let .failure(error):
                return .refused(error.problems)
            case let .success(catalog):
                do {
                    try DurableFile.makeFolder(folder)
                    let tmp = folder.appendingPathComponent("tmp")
                    try DurableFile.makeFolder(tmp)
                    // The catalog first: a crash before the ETag is written only means one more download.
                    try DurableFile.write(data, to: catalogFile, tmpFolder: tmp)
                    try DurableFile.write(Data((etag ?? "").utf8), to: etagFile, tmpFolder: tmp)
                } catch {
                    return .disk(error)
                }
                return .updated(catalog)
            }
        }
    }

    /// The last good downloaded catalog, if there is one and it still loads.
    public static func stored(in data: DataFolder) -> Catalog? { try? loadStored(in: data)?.get() }

    /// Why a stored catalog is not used: the file (over its limit, unreadable) or what is in it.
    public enum StoredProblem: Error, Equatable {
        case file(BoundedFile.Failure)
        case catalog(String, [CatalogProblem])
    }

    /// The stored catalog, or why it cannot be used; nil when none was ever downloaded.
    public static func loadStored(in data: DataFolder) -> Swift.Result<Catalog, StoredProblem>? {
        let file = data.catalogFolder.appendingPathComponent("current.json")
        let bytes: Data
        do { bytes = try BoundedFile.read(file, limit: largestCatalog) } catch {
            if case .missing = error { return nil }
            return .failure(.file(error))
        }
        return CatalogLoader.load(bytes).mapError { .catalog(file.path, $0.problems) }
    }
}
