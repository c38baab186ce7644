import Foundation
import KioskCore

/// The kiosk's data folder: submissions, ratings and calls for staff, each in its own spool.
public struct DataFolder: Sendable {
    public let root: URL
    public var submissions: Spool { Spool(root: root.appendingPathComponent("submissions")) }
    public var ratings: Spool { Spool(root: root.appendingPathComponent("ratings")) }
    public var helpRequests: Spool { Spool(root: root.appendingPathComponent("help-requests")) }
    public var spools: [Spool] { [submissions, ratings, helpRequests] }
    /// The last good catalog downloaded from the portal, and its ETag.
    public var catalogFolder: URL { root.appendingPathComponent("catalog") }
    public var audit: AuditLog { AuditLog(data: self) }

    public init(root: URL) { self.root = root }

    public func prepare() throws(DurableWriteError) {
        try DurableFile.makeFolder(root)
        for spool in spools { try spool.prepare() }
    }

    public func enqueue(_ submission: Submission) throws(DurableWriteError) {
        try submissions.put(id: submission.id, submission.queueItem)
    }

    public func store(_ record: Record) throws(DurableWriteError) {
        switch record.kind {
        case .rating: try ratings.put(id: record.id, record.queueItem)
        case .helpRequest: try helpRequests.put(id: record.id, record.queueItem)
        }
    }
}
