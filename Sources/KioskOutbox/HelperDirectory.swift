import Foundation
import KioskCore
import KioskCrypto

/// The helpers (帮办员) who may log in at this kiosk: `<data-dir>/helpers.json`, with each PIN kept
/// only as a salted PBKDF2 hash.
public struct HelperDirectory: Sendable {
    public let file: URL

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

    public func all() -> [Helper] {
        guard let bytes = FileManager.default.contents(atPath: file.path), let json = try? JSONValue.parse(bytes) else { return [] }
        return (json["helpers"]?.arrayValue ?? []).compactMap { h in
            guard let id = h["id"]?.stringValue, let name = h["name"]?.stringValue,
                  let salt = h["salt"]?.stringValue.flatMap(Hex.decode), let hash = h["hash"]?.stringValue.flatMap(Hex.decode),
                  let iterations = h["iterations"]?.intValue else { return nil }
            return Helper(id: id, name: name, pin: PINHash(salt: salt, iterations: iterations, hash: hash))
        }
    }

    public func helper(_ id: String) -> Helper? { all().first { $0.id == id } }

    /// Adds a helper, or replaces one with the same id (a new PIN).
    public func add(_ helper: Helper) throws(DurableWriteError) {
        let others = all().filter { $0.id != helper.id }
        let list: [JSONValue] = (others + [helper]).map { h in
            .object([("id", .string(h.id)), ("name", .string(h.name)), ("salt", .string(Hex.encode(h.pin.salt))),
                     ("iterations", .number(Double(h.pin.iterations))), ("hash", .string(Hex.encode(h.pin.hash)))])
        }
        let tmp = file.deletingLastPathComponent().appendingPathComponent("tmp")
        try DurableFile.makeFolder(tmp)
        try DurableFile.write(JSONValue.object([("helpers", .array(list))]).encodedData(), to: file, tmpFolder: tmp)
    }
}
