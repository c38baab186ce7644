import Foundation

/// Command-line options shared by every command.
public struct Options: Equatable, Sendable {
    public enum Command: Equatable, Sendable {
        case kiosk
        case catalogCheck([String])
        /// Send what waits, once, and say what is left.
        case sync
        /// Counts per queue state and the age of the oldest waiting item.
        case status
        case help
    }

    public var command: Command = .kiosk
    public var plain = false
    public var catalogPath: String?
    public var dataDir: String?
    public var locale: String?
    public var kioskID: String?
    public var careMode: Bool?
    /// Kiosk mode: Ctrl-C, Ctrl-Z and Ctrl-\ do nothing.
    public var kiosk = false
    /// The theme used in care mode (`care` unless a file in themes/ is named).
    public var careTheme = "care"
    public var configPath: String?
    public var portalURL: String?
    public var tokenFile: String?
    /// The portal's public key (64 hex characters) and its id: submissions are sealed to it.
    public var portalKey: String?
    public var portalKeyID: String?
    /// Submissions per request when syncing: 1 posts them one by one.
    public var batchSize = 50
    /// Seconds before any request to the portal is given up.
    public var requestTimeout: TimeInterval = 15

    public init() {}

    /// Why the command line could not be read: which word, and what was wrong with it.
    public enum ParseError: Error, Equatable {
        case unknownOption(String)
        case missingValue(String)
        case badValue(String, String)
        case missingFile
    }

    public static func parse(_ args: [String]) throws(ParseError) -> Options {
        var o = Options()
        var rest = args[...]
        func value(_ flag: String) throws(ParseError) -> String {
            guard let v = rest.popFirst(), !v.hasPrefix("--") else { throw .missingValue(flag) }
            return v
        }
        var words: [String] = []
        while let arg = rest.popFirst() {
            switch arg {
            case "--plain": o.plain = true
            case "--kiosk": o.kiosk = true
            case "--care-theme": o.careTheme = try value(arg)
            case "--catalog": o.catalogPath = try value(arg)
            case "--data-dir": o.dataDir = try value(arg)
            case "--locale": o.locale = try value(arg)
            case "--kiosk-id": o.kioskID = try value(arg)
            case "--config": o.configPath = try value(arg)
            case "--portal": o.portalURL = try value(arg)
            case "--token-file": o.tokenFile = try value(arg)
            case "--portal-key": o.portalKey = try value(arg)
            case "--portal-key-id": o.portalKeyID = try value(arg)
            case "--batch":
                let v = try value(arg)
                guard let n = Int(v), (1...100).contains(n) else { throw .badValue(arg, v) }
                o.batchSize = n
            case "--timeout":
                let v = try value(arg)
                guard let n = TimeInterval(v), n > 0, n <= 600 else { throw .badValue(arg, v) }
                o.requestTimeout = n
            case "--care-mode":
                let v = try value(arg)
                guard v == "on" || v == "off" else { throw .badValue(arg, v) }
                o.careMode = v == "on"
            case "-h", "--help", "help": o.command = .help
            default:
                if arg.hasPrefix("-") { throw .unknownOption(arg) }
                words.append(arg)
            }
        }
        if o.command == .help { return o }
        switch words.first {
        case nil: o.command = .kiosk
        case "catalog" where words.dropFirst().first == "check":
            let files = Array(words.dropFirst(2))
            guard !files.isEmpty else { throw .missingFile }
            o.command = .catalogCheck(files)
        case "sync" where words.count == 1: o.command = .sync
        case "status" where words.count == 1: o.command = .status
        default: throw .unknownOption(words[0])
        }
        return o
    }

    /// `--data-dir`, else `$XDG_STATE_HOME/carekiosk`, else `~/.local/state/carekiosk`.
    public func dataFolderURL(environment: [String: String]) -> URL {
        if let dataDir { return URL(fileURLWithPath: dataDir) }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            return URL(fileURLWithPath: state).appendingPathComponent("carekiosk")
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".local/state/carekiosk")
    }
}
