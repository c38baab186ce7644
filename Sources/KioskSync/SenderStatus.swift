import Foundation
import KioskCore
import KioskOutbox

/// What the sender (`carekiosk sync --watch`, its own process) tells the kiosk's screen, through a
/// small file in the data folder: whether the portal answered at its last pass, whether the portal
/// refused the token, and which process to wake when a resident confirms.
public struct SenderStatus: Equatable, Sendable {
    public var pid: Int32
    public var online: Bool
    public var paused: Bool
    /// When the sender last wrote this; an old status means a sender that is gone or stuck.
    public var at: Moment

    public init(pid: Int32, online: Bool, paused: Bool, at: Moment) {
        self.pid = pid
        self.online = online
        self.paused = paused
        self.at = at
    }

    public static func folder(_ data: DataFolder) -> URL { data.root.appendingPathComponent("sender") }
    public static func file(_ data: DataFolder) -> URL { folder(data).appendingPathComponent("status.json") }

    public func write(to data: DataFolder) throws(DurableWriteError) {
        let tmp = Self.folder(data).appendingPathComponent("tmp")
        try DurableFile.makeFolder(tmp)
        let json = JSONValue.object([("pid", .number(Double(pid))), ("online", .bool(online)), ("paused", .bool(paused)),
                                     ("at", .string(at.rfc3339))])
        try DurableFile.write(json.encodedData(), to: Self.file(data), tmpFolder: tmp, syncFolder: false)
    }

    /// nil for a status that is not the sender's: a pid no process can have is not believed.
    public static func read(from data: DataFolder) -> SenderStatus? {
        guard let bytes = try? BoundedFile.read(file(data), limit: 4096), let json = try? JSONValue.parse(bytes),
              let pid = json["pid"]?.intValue(in: 1...Int(Int32.max)).map(Int32.init), let online = json["online"]?.boolValue, let paused = json["paused"]?.boolValue,
              let at = json["at"]?.stringValue.flatMap(Moment.parse) else { return nil }
        return SenderStatus(pid: pid, online: online, paused: paused, at: at)
    }
}

/// The answer of `carekiosk sync --progress ID...`, one JSON line per id, for the kiosk's screen,
/// which asks the portal nothing itself.
public enum ProgressLine {
    public static func encode(_ id: ItemID, _ progress: PortalClient.Progress) -> Data {
        var members: [(String, JSONValue)] = [("id", .string(id.text))]
        switch progress {
        case let .status(receipt, status, updatedAt, message):
            members += [("status", .string(status.rawValue)), ("receipt", .string(receipt)), ("updated_at", .string(updatedAt)),
                        ("message", message.map(JSONValue.string) ?? .null)]
        case .unknown: members.append(("unknown", .bool(true)))
        case .unavailable: members.append(("unavailable", .bool(true)))
        }
        return JSONValue.object(members).encodedData()
    }

    public static func decode(_ line: Data) -> (ItemID, PortalClient.Progress)? {
        guard let json = try? JSONValue.parse(line), let id = json["id"]?.stringValue.flatMap(ItemID.init) else { return nil }
        if let status = json["status"]?.stringValue {
            return (id, .status(receipt: json["receipt"]?.stringValue ?? "", status: PortalStatus(portal: status),
                                updatedAt: json["updated_at"]?.stringValue ?? "", message: json["message"]?.stringValue))
        }
        return (id, json["unknown"]?.boolValue == true ? .unknown : .unavailable(.notThePortal(status: 0)))
    }
}
