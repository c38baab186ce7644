import Foundation
import XCTest
import KioskCore
import KioskOutbox
import KioskTestSupport
@testable import KioskSync
import KioskNetwork

/// A data folder, a reference portal on 127.0.0.1, and a sender whose waits are recorded
/// instead of slept, so that backoff can be checked without slow tests.
class SyncTestCase: XCTestCase, EndToEnd {
    /// The reference portal, started the first time a test asks for it (many never do).
    var portal: ReferencePortal {
        get {
            if started == nil { started = try! ReferencePortal() }
            return started!
        }
        set { started = newValue }
    }
    private var started: ReferencePortal?
    var data: DataFolder!
    var waits: [TimeInterval] = []

    override func setUpWithError() throws {
        data = DataFolder(root: URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("sync-\(UUID().uuidString)"))
        try data.prepare(kioskID: "cn-511922-test-01")
        waits = []
    }

    override func tearDown() {
        started?.stop()
        if let data { try? FileManager.default.removeItem(at: data.root) }
    }

    func settings(timeout: TimeInterval = 5) throws -> PortalSettings {
        PortalSettings(url: portal.url, kioskID: "cn-511922-test-01",
                       token: try PortalSettings.readToken(portal.tokenFile.path), timeout: timeout)
    }

    func syncer(batch: Int = 1, attempts: Int = 4, timeout: TimeInterval = 5) throws -> Syncer {
        Syncer(data: data, client: PortalClient(settings: try settings(timeout: timeout)), batchSize: batch,
               attempts: attempts, sleep: { [unowned self] in self.waits.append($0) }, random: { 0.5 })
    }

    /// A valid submission of the bundled pension certification service, told apart by `n`.
    func submission(_ n: Int, service: String = "pension-certification", version: Int = 1,
                    channel: String = "self", extra: String = "") -> QueuedSubmission {
        let id = String(format: "00000000-0000-4000-8000-%012d", n)
        let json: JSONValue = .object([
            ("id", .string(id)), ("service_id", .string(service)), ("service_version", .number(Double(version))),
            ("created_at", .string("2026-11-22T09:30:00+08:00")), ("kiosk_id", .string("cn-511922-test-01")),
            ("locale", .string("zh-Hans")), ("channel", .string(channel)),
            ("body", .object([("answers", .object([("phone", .string(String(format: "138%08d", n))), ("note", .string(extra))])),
                              ("materials", .array([])), ("consent", .null), ("helper", .null)])),
        ])
        var facts = QueueFacts(id: ItemID(id)!, kind: .submission)
        facts.serviceID = service
        facts.serviceVersion = version
        facts.createdAt = Moment.parse("2026-11-22T09:30:00+08:00")
        facts.maskedID = "5119**********0016"
        return QueuedSubmission(id: id, item: QueueItem(facts: facts, payload: json.encodedData()))
    }

    func queue(_ submissions: [QueuedSubmission]) throws {
        for s in submissions { try data.enqueue(s) }
    }

    /// How many times the portal stored each id: every confirmed submission exactly once.
    func storedCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try portal.storedSubmissions() { counts[row["id"] as! String, default: 0] += 1 }
        return counts
    }

    func receipt(_ id: String) -> String? { data.submissions.read(ItemID(id)!, in: .sent)?.facts.receipt }

    /// The ids in a state of the submissions' queue, as text.
    func ids(_ state: Spool.State) -> [String] { data.submissions.ids(in: state).map(\.text) }

    func item(_ id: String, _ state: Spool.State) -> QueueItem? { data.submissions.read(ItemID(id)!, in: state) }

    // MARK: the built executable

    /// `carekiosk` with no configuration file but the test's own.
    func runCarekiosk(_ args: [String], input: String = "", environment: [String: String] = [:], killAfter: TimeInterval? = nil) throws -> CarekioskRun {
        var env = ["XDG_CONFIG_HOME": data.root.appendingPathComponent("no-config").path]
        for (k, v) in environment { env[k] = v }
        return try KioskTestSupport.runCarekiosk(args, input: input, environment: env, killAfter: killAfter)
    }

    /// Starts `carekiosk` with a pipe to type into; its output goes to a file in the data folder.
    func startCarekiosk(_ args: [String]) throws -> (process: Process, input: FileHandle, output: URL) {
        try KioskTestSupport.startCarekiosk(args, outputIn: data.root)
    }
}

/// A submission as the sender meets it: facts and bytes in the queue. Built from JSON rather than
/// a `Submission`, so that a test may also queue what the kiosk never makes (a channel the portal
/// refuses); the sender only ever sees the bytes.
struct QueuedSubmission {
    let id: String
    let item: QueueItem

    var bytes: Data { item.payload! }
}

extension DataFolder {
    func enqueue(_ submission: QueuedSubmission) throws { try submissions.put(submission.item) }
}
