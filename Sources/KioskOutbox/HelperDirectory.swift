import Foundation
import KioskCore
import KioskCrypto

/// The helpers (帮办员) who may log in at this kiosk: `<data-dir>/helpers.json`, with each PIN kept
/// only as a salted PBKDF2 hash. Changes hold `.helpers.lock` and replace the file atomically, so
/// two `carekiosk helper add` at once both land.
public struct HelperDirectory: Sendable {
    public let file: URL

    /// A list of helpers is a few hundred bytes each: anything larger is not a helpers file.
    public static let largestFile = 256 << 10
    /// PBKDF2 rounds a stored hash may ask for: enough for any real setting, few enough that a
    /// login never waits minutes (and always fits the library's 32-bit count).
    public static let iterationRange = 1...5_000_000

    public init(data: DataFolder) { file = data.root.appendingPathComponent("helpers.json") }

    public struct Helper: Equatable, Sendable {
        public var id: String
        public var name: String
        public var pin: PINHash

        public init(id: String, name: String, pin: PINHash) {
            self.id = id
            self.name = name
            self.pin = pin
        }
    }

    /// What is wrong with `helpers.json`, naming the file and, for one entry, its place and key.
    public enum Problem: Error, Equatable, Sendable {
        case file(BoundedFile.Failure)
        case notJSON(String, JSONSyntaxError)
        case noList(String)
        case badEntry(String, number: Int, key: String)
        case write(DurableWriteError)
        /// The number is a helper's already (found under the lock: another `helper add` came first).
        case inUse(id: String, name: String)
    }

    /// The helpers who can log in; an entry that cannot be read is left out (`problems` names it).
    public func all() -> [Helper] { (try? read().helpers) ?? [] }

    public func helper(_ id: String) -> Helper? { all().first { $0.id == id } }

    /// Everything wrong with the file, for `carekiosk status`; none when it is missing.
    public func problems() -> [Problem] {
        do { return try read().problems } catch { return [error] }
    }

    /// Adds a helper, or replaces one with the same id (a new PIN). A file that cannot be read is
    /// left as it is, rather than replaced by a list of one; an entry that cannot be read is kept
    /// as it was written, unless it has this helper's id. Without `replacing`, a number that is a
    /// helper's already is refused, checked under the lock.
    public func add(_ helper: Helper, replacing: Bool = true) throws(Problem) {
        let lock: FileLock
        do { lock = try FileLock(file.deletingLastPathComponent().appendingPathComponent(".helpers.lock")) } catch { throw .write(error) }
        defer { lock.unlock() }
        let h = helper
        let entry = JSONValue.object([("id", .string(h.id)), ("name", .string(h.name)), ("salt", .string(Hex.encode(h.pin.salt))),
                                      ("iterations", .number(Double(h.pin.iterations))), ("hash", .string(Hex.encode(h.pin.hash)))])
        let current = try read()
        if !replacing, let existing = current.helpers.first(where: { $0.id == helper.id }) {
            throw .inUse(id: existing.id, name: existing.name)
        }
        let list = current.entries.filter { $0["id"]?.stringValue != helper.id } + [entry]
        do {
            let tmp = file.deletingLastPathComponent().appendingPathComponent("tmp")
            try DurableFile.makeFolder(tmp)
            try DurableFile.write(JSONValue.object([("helpers", .array(list))]).encodedData(), to: file, tmpFolder: tmp)
        } catch { throw .write(error) }
    }

    private func read() throws(Problem) -> (helpers: [Helper], problems: [Problem], entries: [JSONValue]) {
        let bytes: Data
        do { bytes = try BoundedFile.read(file, limit: Self.largestFile) } catch {
            if case .missing = error { return ([], [], []) }
            throw .file(error)
        }
        let json: JSONValue
        do { json = try JSONValue.parse(bytes) } catch { throw .notJSON(file.path, error) }
        guard let entries = json["helpers"]?.arrayValue else { throw .noList(file.path) }
        var helpers: [Helper] = [], problems: [Problem] = []
        for (index, h) in entries.enumerated() {
            switch Self.helper(h) {
            case let .success(helper): helpers.append(helper)
            case let .failure(key): problems.append(.badEntry(file.path, number: index + 1, key: key.name))
            }
        }
        return (helpers, problems, entries)
    }

    private struct BadKey: Error { var name: String }

    private static func helper(_ h: JSONValue) -> Result<Helper, BadKey> {
        guard let id = h["id"]?.stringValue else { return .failure(BadKey(name: "id")) }
        guard let name = h["name"]?.stringValue else { return .failure(BadKey(name: "name")) }
        guard let salt = h["salt"]?.stringValue.flatMap(Hex.decode), (1...1024).contains(salt.count) else { return .failure(BadKey(name: "salt")) }
        guard let hash = h["hash"]?.stringValue.flatMap(Hex.decode), hash.count == 32 else { return .failure(BadKey(name: "hash")) }
        guard let iterations = h["iterations"]?.intValue(in: iterationRange) else { return .failure(BadKey(name: "iterations")) }
        return .success(Helper(id: id, name: name, pin: PINHash(salt: salt, iterations: iterations, hash: hash)))
    }
}

extension HelperDirectory.Problem {
    /// Whether no helper can be added until the file is put right (one bad entry does not stop that).
    public var blocksChanges: Bool {
        if case .badEntry = self { return false }
        return true
    }

    public func message(_ s: Strings) -> String {
        switch self {
        case let .file(failure): return failure.message(s)
        case let .notJSON(file, error):
            return s.tr(.helpersNotJson(file: file, line: "\(error.line)", column: "\(error.column)", problem: error.message(s)))
        case let .noList(file): return s.tr(.helpersNoList(file: file))
        case let .badEntry(file, number, key): return s.tr(.helpersBadEntry(file: file, number: "\(number)", key: key))
        case let .write(error): return error.message(s)
        case let .inUse(id, name): return s.tr(.helperExists(id: id, name: name))
        }
    }
}
