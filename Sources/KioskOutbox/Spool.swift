import Foundation
import KioskCore

/// A Maildir-style folder of JSON files, one per item: the folder a file is in is its state.
/// Items are written into `tmp/` and renamed into `ready/` (see `DurableFile`).
public struct Spool: Sendable {
    public let root: URL

    public enum State: String, CaseIterable, Sendable {
        case ready
    }

    public init(root: URL) { self.root = root }

    public var tmpFolder: URL { root.appendingPathComponent("tmp") }
    public func folder(_ state: State) -> URL { root.appendingPathComponent(state.rawValue) }

    public func prepare() throws(DurableWriteError) {
        try DurableFile.makeFolder(tmpFolder)
        for state in State.allCases { try DurableFile.makeFolder(folder(state)) }
    }

    /// Writes one item durably into `ready/`. Writing the same id again replaces it whole.
    public func put(id: String, _ data: Data) throws(DurableWriteError) {
        try prepare()
        try DurableFile.write(data, to: folder(.ready).appendingPathComponent("\(id).json"), tmpFolder: tmpFolder)
    }

    public func ids(in state: State) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder(state).path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }.sorted()
    }

    public func read(id: String, in state: State) -> Data? {
        FileManager.default.contents(atPath: folder(state).appendingPathComponent("\(id).json").path)
    }
}

/// The kiosk's data folder: submissions, ratings and calls for staff, each in its own spool.
public struct DataFolder: Sendable {
    public let root: URL
    public var submissions: Spool { Spool(root: root.appendingPathComponent("submissions")) }
    public var ratings: Spool { Spool(root: root.appendingPathComponent("ratings")) }
    public var helpRequests: Spool { Spool(root: root.appendingPathComponent("help-requests")) }

    public init(root: URL) { self.root = root }

    public func prepare() throws(DurableWriteError) {
        try DurableFile.makeFolder(root)
        for spool in [submissions, ratings, helpRequests] { try spool.prepare() }
    }

    public func enqueue(_ submission: Submission) throws(DurableWriteError) {
        try submissions.put(id: submission.id, submission.bytes)
    }

    public func store(_ record: Record) throws(DurableWriteError) {
        switch record.kind {
        case .rating: try ratings.put(id: record.id, record.json.encodedData())
        case .helpRequest: try helpRequests.put(id: record.id, record.json.encodedData())
        }
    }
}
