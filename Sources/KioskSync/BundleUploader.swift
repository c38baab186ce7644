import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KioskCore
import KioskOutbox

/// `carekiosk upload BUNDLE`, run at the township: checks the bundle whole, sends its items with
/// the same sender the kiosk uses (batch endpoint, same bytes, §2.1 answers, backoff), and writes
/// the receipts file beside the bundle for the kiosk to import. Uploading the same bundle again
/// stores nothing new: every item is answered by the portal's replay.
public struct BundleUploader {
    public var client: PortalClient
    public var batchSize: Int
    public var sleep: (TimeInterval) -> Void

    public init(client: PortalClient, batchSize: Int = 100, sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.client = client
        self.batchSize = batchSize
        self.sleep = sleep
    }

    public enum Failure: Error, Equatable {
        case unreadable(String)
        case refused(BundleFile.Problem)
        case disk(String)
    }

    public struct Uploaded: Equatable, Sendable {
        public var receiptsFile: URL
        public var stored: Int
        public var refused: Int
        /// Items the portal did not answer this time; uploading again sends them.
        public var unanswered: Int
        public var stop: SyncReport.Stop?
    }

    /// An upload that was killed leaves its scratch queue behind, with the bundle's submissions in
    /// it: removed by the next upload once the process that made it is gone.
    static func removeAbandonedScratch(in folder: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix("carekiosk-upload-") {
            let parts = name.split(separator: "-")
            guard parts.count > 2, let pid = pid_t(parts[2]), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    public static func receiptsFile(for bundle: URL) -> URL {
        bundle.deletingPathExtension().appendingPathExtension("receipts.json")
    }

    public func upload(_ bundle: URL) throws(Failure) -> Uploaded {
        guard let bytes = FileManager.default.contents(atPath: bundle.path) else { throw .unreadable(bundle.path) }
        let contents: BundleFile.Contents
        do { contents = try BundleFile.read(bytes) } catch { throw .refused(error) }

        // The items go through a queue of their own, in a scratch folder, so that the kiosk's
        // sender does the sending and nothing about it is written twice.
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory())
        Self.removeAbandonedScratch(in: temporary)
        let scratch = DataFolder(root: temporary.appendingPathComponent("carekiosk-upload-\(getpid())-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        do {
            try scratch.prepare()
            for item in contents.items {
                try scratch.submissions.put(id: item.id, QueueItem(facts: .object([("id", .string(item.id))]), payload: item.payload))
            }
        } catch {
            throw .disk(error.description)
        }
        let report = Syncer(data: scratch, client: client, batchSize: batchSize, sleep: sleep).drain()

        var results: [JSONValue] = []
        for item in contents.items {
            if let sent = scratch.submissions.read(id: item.id, in: .sent) {
                results.append(.object([("id", .string(item.id)), ("status", sent.facts["portal_status"] ?? .number(201)),
                                        ("receipt", sent.facts["receipt"] ?? .null)]))
            } else if let refusal = scratch.submissions.read(id: item.id, in: .quarantine)?.facts["refusal"] {
                results.append(.object([("id", .string(item.id)), ("status", refusal["status"] ?? .null),
                                        ("error", refusal["error"] ?? .null)]))
            }
        }
        let file = Self.receiptsFile(for: bundle)
        // An earlier upload's answers stay: a second try that reaches fewer items loses none.
        let answered = Set(results.compactMap { $0["id"]?.stringValue })
        let earlier = FileManager.default.contents(atPath: file.path).flatMap { try? JSONValue.parse($0) }
        if earlier?["bundle_sha256"]?.stringValue == contents.sha256 {
            results += (earlier?["results"]?.arrayValue ?? []).filter { !answered.contains($0["id"]?.stringValue ?? "") }
        }
        let receipts = JSONValue.object([("bundle_sha256", .string(contents.sha256)), ("results", .array(results))])
        do { try DurableFile.write(receipts.encodedData(), to: file, tmpFolder: bundle.deletingLastPathComponent()) } catch {
            throw .disk(error.description)
        }
        let refused = results.filter { $0["receipt"] == nil }.count
        return Uploaded(receiptsFile: file, stored: results.count - refused, refused: refused,
                        unanswered: contents.items.count - results.count, stop: report.stop)
    }
}
