import Foundation
import KioskCore
import KioskOutbox
import KioskSync

/// The kiosk's configuration file (JSON), documented in the README:
///
///     {"portal_url": "https://portal.example.cn", "kiosk_id": "cn-511922-jiangkou-01",
///      "token_file": "/etc/carekiosk/token", "care_mode": true, "locale": "zh-Hans",
///      "data_dir": "/var/lib/carekiosk", "portal_key": "<64 hex>", "portal_key_id": "k1"}
///
/// Read from `--config FILE`, else `$CAREKIOSK_CONFIG`, else `$XDG_CONFIG_HOME/carekiosk/config.json`
/// (`~/.config/carekiosk/config.json`). Without a file the kiosk runs offline on its defaults.
/// Options on the command line win over the file.
public struct Configuration: Equatable, Sendable {
    public var portalURL: String?
    public var kioskID: String?
    public var tokenFile: String?
    public var careMode: Bool?
    public var locale: String?
    public var dataDir: String?
    /// The portal's public key (64 hex characters) and its id: submissions are sealed to it.
    public var portalKey: String?
    public var portalKeyID: String?
    public var usbFolder: String?

    public init() {}

    /// What is wrong with a configuration file: the file, the key, and the problem.
    public enum Problem: Error, Equatable {
        case unreadable(file: String)
        case notJSON(file: String, JSONSyntaxError)
        case notAnObject(file: String)
        case unknownKey(file: String, key: String)
        case wrongType(file: String, key: String, expected: String)
    }

    static let stringKeys = ["portal_url", "kiosk_id", "token_file", "locale", "data_dir", "portal_key", "portal_key_id", "usb_folder"]

    public static func load(explicit: String?, environment: [String: String]) throws(Problem) -> Configuration {
        let path: String
        if let explicit {
            path = explicit
        } else if let named = environment["CAREKIOSK_CONFIG"], !named.isEmpty {
            path = named
        } else {
            let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
            path = base + "/carekiosk/config.json"
            // The default file is optional: a kiosk with no portal needs none.
            guard FileManager.default.fileExists(atPath: path) else { return Configuration() }
        }
        guard let data = try? BoundedFile.read(URL(fileURLWithPath: path), limit: 64 << 10) else { throw .unreadable(file: path) }
        return try parse(data, file: path)
    }

    public static func parse(_ data: Data, file: String) throws(Problem) -> Configuration {
        let json: JSONValue
        do { json = try JSONValue.parse(data) } catch { throw .notJSON(file: file, error) }
        guard let members = json.objectValue else { throw .notAnObject(file: file) }
        var c = Configuration()
        for (key, value) in members {
            if stringKeys.contains(key) {
                guard let text = value.stringValue else { throw .wrongType(file: file, key: key, expected: "string") }
                switch key {
                case "portal_url": c.portalURL = text
                case "kiosk_id": c.kioskID = text
                case "token_file": c.tokenFile = text
                case "locale": c.locale = text
                case "portal_key": c.portalKey = text
                case "portal_key_id": c.portalKeyID = text
                case "usb_folder": c.usbFolder = text
                default: c.dataDir = text
                }
            } else if key == "care_mode" {
                guard let flag = value.boolValue else { throw .wrongType(file: file, key: key, expected: "true/false") }
                c.careMode = flag
            } else {
                throw .unknownKey(file: file, key: key)
            }
        }
        return c
    }

    /// The command line over the file.
    public func merged(with options: Options) -> Options {
        var o = options
        o.portalURL = o.portalURL ?? portalURL
        o.kioskID = o.kioskID ?? kioskID
        o.tokenFile = o.tokenFile ?? tokenFile
        o.careMode = o.careMode ?? careMode
        o.locale = o.locale ?? locale
        o.dataDir = o.dataDir ?? dataDir
        o.portalKey = o.portalKey ?? portalKey
        o.portalKeyID = o.portalKeyID ?? portalKeyID
        o.usbFolder = o.usbFolder ?? usbFolder
        return o
    }
}

extension Configuration.Problem {
    func message(_ s: Strings) -> String {
        switch self {
        case let .unreadable(file): return s.tr("config.unreadable", ["file": file])
        case let .notJSON(file, error):
            return s.tr("config.not_json", ["file": file, "line": "\(error.line)", "column": "\(error.column)", "problem": error.message(s)])
        case let .notAnObject(file): return s.tr("config.not_object", ["file": file])
        case let .unknownKey(file, key): return s.tr("config.unknown_key", ["file": file, "key": key])
        case let .wrongType(file, key, expected): return s.tr("config.wrong_type", ["file": file, "key": key, "expected": expected])
        }
    }
}

extension PortalSettings.Problem {
    func message(_ s: Strings) -> String {
        switch self {
        case .noPortal: return s.tr("portal.none")
        case let .badURL(url): return s.tr("portal.bad_url", ["url": url])
        case let .plainHTTP(url): return s.tr("portal.plain_http", ["url": url])
        case .noTokenFile: return s.tr("portal.no_token_file")
        case let .tokenFileMissing(file): return s.tr("portal.token_missing", ["file": file])
        case let .tokenFileUnreadable(file): return s.tr("portal.token_unreadable", ["file": file])
        case let .tokenFileOpen(file, mode): return s.tr("portal.token_open", ["file": file, "mode": mode])
        case let .tokenFileEmpty(file): return s.tr("portal.token_empty", ["file": file])
        case let .tokenFileNotAFile(file): return s.tr("portal.token_not_a_file", ["file": file])
        }
    }
}

extension Options {
    /// The portal this command talks to, or why it cannot.
    func portalSettings(kioskID: String) throws(PortalSettings.Problem) -> PortalSettings {
        guard let portalURL else { throw .noPortal }
        let url = try PortalSettings.checkedURL(portalURL)
        guard let tokenFile else { throw .noTokenFile }
        return PortalSettings(url: url, kioskID: kioskID, token: try PortalSettings.readToken(tokenFile), timeout: requestTimeout)
    }
}
