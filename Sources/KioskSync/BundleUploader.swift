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
        case file(BoundedFile.Failure)
        case refused(BundleFile.Problem)
        case disk(DurableWriteError)
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
            guard parts.count > 2, ProcessCheck.hasEnded(parts[2]) else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    public static func receiptsFile(for bundle: URL) -> URL {
        bundle.deletingPathExtension().appendingPathExtension("receipts.json")
    }

    public func upload(_ bundle: URL) throws(Failure) -> Uploaded {
        let bytes: Data
        do { bytes = try BoundedFile.read(bundle, limit: BundleFile.largestBundle) } catch { throw .file(error) }
        let contents: BundleFile.Contents
        do { contents = try BundleFile.read(bytes) } catch { throw .refused(error) }

        // The items go through a queue of their own, in a scratch folder, so that the kiosk's
        // sender does the sending and nothing about it is written twice.
        let temporary = URL(fileURLWithPath: NSTemporaryDirectory())
        Self.removeAbandonedScratch(in: temporary)
        let scratch = DataFolder(root: temporary.appendingPathComponent("carekiosk-upload-\(getpid())-\(UUID().uuidString)"))
        defer { try? FileManager.default.removeItem(at: scratch.root) }
        do throws(DurableWriteError) {
            try scratch.prepare(kioskID: "upload")
            for item in contents.items {
                var facts = QueueFacts(id: item.id, kind: .submission)
                facts.serviceID = (try? JSONValue.parse(item.payload))?["service_id"]?.stringValue
                try scratch.submissions.put(QueueItem(facts: facts, payload: item.payload))
            }
        } catch {
            throw .disk(error)
        }
        let report = Syncer(data: scratch, client: client, batchSize: batchSize, sleep: sleep).drain()

        var results: [JSONValue] = []
        for item in contents.items {
            if let sent = scratch.submissions.read(item.id, in: .sent)?.facts.sent {
                results.append(.object([("id", .string(item.id.text)), ("status", .number(Double(sent.portalStatus))),
                                        ("receipt", sent.receipt.map(JSONValue.string) ?? .null)]))
            } else if let refused = scratch.submissions.read(item.id, in: .quarantine)?.facts.refusal {
                results.append(.object([("id", .string(item.id.text)), ("status", .number(Double(refused.refusal.status))),
                                        ("error", .string(refused.refusal.error))]))
            }
        }
        let file = Self.receiptsFile(for: bundle)
        // An earlier upload's answers stay: a second try that reaches fewer items loses none. The
        // earlier file is read as carefully as any file on a stick.
        let answered = Set(results.compactMap { $0["id"]?.stringValue })
        let earlier = (try? BoundedFile.read(file, limit: ReceiptsImporter.largestFile)).flatMap { try? JSONValue.parse($0) }
        if earlier?["bundle_sha256"]?.stringValue == contents.sha256 {
            let ids = Set(contents.items.map(\.id.text))
            results += (earlier?["results"]?.arrayValue ?? []).filter {
                let id = $0["id"]?.stringValue ?? ""
                return ids.contains(id) && !answered.contains(id)
            }
        }
        let receipts = JSONValue.object([("bundle_sha256", .string(contents.sha256)), ("results", .array(results))])
        do { try DurableFile.write(receipts.encodedData(), to: file, tmpFolder: bundle.deletingLastPathComponent()) } catch {
            throw .disk(error)
        }
        let refused = results.filter { $0["receipt"] == nil }.count
        return Uploaded(receiptsFile: file, stored: results.count - refused, refused: refused,
                        unanswered: contents.items.count - results.count, stop: report.stop)
    }
}
