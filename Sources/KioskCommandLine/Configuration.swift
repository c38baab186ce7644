import Foundation
import KioskCore
import KioskOutbox
import KioskSync

/// The kiosk's configuration file (JSON), documented in the README: one key per row of
/// `Options.settings` that has one, for example
///
///     {"portal_url": "https://portal.example.cn", "kiosk_id": "cn-511922-jiangkou-01",
///      "token_file": "/etc/carekiosk/token", "care_mode": true, "locale": "zh-Hans",
///      "data_dir": "/var/lib/carekiosk", "portal_key": "<64 hex>", "portal_key_id": "k1"}
///
/// Read from `--config FILE`, else `$CAREKIOSK_CONFIG`, else `$XDG_CONFIG_HOME/carekiosk/config.json`
/// (`~/.config/carekiosk/config.json`). Without a file the kiosk runs offline on its defaults.
/// Options on the command line win over the file.
public enum Configuration {
    /// What is wrong with a configuration file: the file, the key, and the problem.
    public enum Problem: Error, Equatable {
        case unreadable(file: String)
        /// Too large, not a file, not there: said with the file's own words (the 64 KB limit).
        case file(BoundedFile.Failure)
        case notJSON(file: String, JSONSyntaxError)
        case notAnObject(file: String)
        case unknownKey(file: String, key: String)
        case wrongType(file: String, key: String, expected: JSONValue.Kind)
        case badValue(file: String, Options.ParseError)
    }

    public static let largestFile = 64 << 10

    /// The command line over the file.
    public static func apply(to options: Options, environment: [String: String]) throws(Problem) -> Options {
        let path: String
        if let explicit = options.configPath {
            path = explicit
        } else if let named = environment["CAREKIOSK_CONFIG"], !named.isEmpty {
            path = named
        } else {
            let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
            path = base + "/carekiosk/config.json"
            // The default file is optional: a kiosk with no portal needs none.
            guard FileManager.default.fileExists(atPath: path) else { return options }
        }
        let data: Data
        do { data = try BoundedFile.read(URL(fileURLWithPath: path), limit: largestFile) } catch {
            if case .unreadable = error { throw .unreadable(file: path) }
            throw .file(error)
        }
        return try parse(data, file: path, under: options)
    }

    public static func parse(_ data: Data, file: String, under commandLine: Options = Options()) throws(Problem) -> Options {
        let json: JSONValue
        do { json = try JSONValue.parse(data) } catch { throw .notJSON(file: file, error) }
        guard let members = json.objectValue else { throw .notAnObject(file: file) }
        var options = commandLine
        for (key, value) in members {
            guard let setting = Options.settings.first(where: { $0.key == key }) else { throw .unknownKey(file: file, key: key) }
            // null is the default, so that an installed file can name every key (docs/kiosk.md).
            guard !commandLine.isSet(setting), value != .null else { continue }
            let text: String
            switch (setting.kind, value) {
            case let (.onOff, .bool(flag)): text = flag ? "on" : "off"
            case (.onOff, _): throw .wrongType(file: file, key: key, expected: .boolean)
            case let (.number, .number(n)): text = n
            case (.number, _): throw .wrongType(file: file, key: key, expected: .number)
            case let (_, .string(s)): text = s
            default: throw .wrongType(file: file, key: key, expected: .string)
            }
            do { try options.set(setting, text) } catch { throw .badValue(file: file, error) }
        }
        return options
    }
}

extension Configuration.Problem {
    public func message(_ s: Strings) -> String {
        switch self {
        case let .unreadable(file): return s.tr(.configUnreadable(file: file))
        case let .file(failure): return s.tr(.configFile(problem: failure.message(s)))
        case let .notJSON(file, error):
            return s.tr(.configNotJson(file: file, line: "\(error.line)", column: "\(error.column)", problem: error.message(s)))
        case let .notAnObject(file): return s.tr(.configNotObject(file: file))
        case let .unknownKey(file, key): return s.tr(.configUnknownKey(file: file, key: key))
        case let .wrongType(file, key, expected): return s.tr(.configWrongType(file: file, key: key, expected: expected.name(s)))
        case let .badValue(file, error): return s.tr(.configBadValue(file: file, problem: error.message(s)))
        }
    }
}

extension PortalSettings.Problem {
    public func message(_ s: Strings) -> String {
        switch self {
        case .noPortal: return s.tr(.portalNone)
        case let .badURL(url): return s.tr(.portalBadUrl(url: url))
        case let .plainHTTP(url): return s.tr(.portalPlainHttp(url: url))
        case .noTokenFile: return s.tr(.portalNoTokenFile)
        case let .tokenFileMissing(file): return s.tr(.portalTokenMissing(file: file))
        case let .tokenFileUnreadable(file): return s.tr(.portalTokenUnreadable(file: file))
        case let .tokenFileOpen(file, mode): return s.tr(.portalTokenOpen(file: file, mode: mode))
        case let .tokenFileEmpty(file): return s.tr(.portalTokenEmpty(file: file))
        case let .tokenFileNotAFile(file): return s.tr(.portalTokenNotAFile(file: file))
        case let .tokenFileTooLarge(file, limit): return s.tr(.portalTokenTooLarge(file: file, limit: BoundedFile.describe(bytes: limit)))
        }
    }
}

extension Options {
    /// The portal this command talks to, or why it cannot.
    public func portalSettings(kioskID: String) throws(PortalSettings.Problem) -> PortalSettings {
        guard let portalURL else { throw .noPortal }
        let url = try PortalSettings.checkedURL(portalURL)
        guard let tokenFile else { throw .noTokenFile }
        return PortalSettings(url: url, kioskID: kioskID, token: try PortalSettings.readToken(tokenFile), timeout: requestTimeout)
    }
}
