import Foundation
import KioskCore
import KioskSpeech

/// Command-line options shared by every command.
public struct Options: Equatable, Sendable {
    public enum Command: Equatable, Sendable {
        case kiosk
        case catalogCheck([String])
        /// Send what waits, once, and say what is left.
        case sync
        /// Counts per queue state and the age of the oldest waiting item.
        case status
        /// Bundles for removable media (contract §5): write, upload at the township, import receipts.
        case export
        case upload(String)
        case importReceipts(String)
        /// Check the audit trail's hash chain.
        case auditVerify
        /// `helper add ID NAME`: a helper who may log in at this kiosk.
        case helperAdd(id: String, name: String)
        case help
        /// `carekiosk speak [--voice V] [--dry-run] [--field-type T] TEXT`
        case speak(String)
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
    /// `export --to DIR`: the folder on the USB stick.
    public var exportFolder: String?
    /// `export --again`: a new bundle of the items already on a stick that has not come back.
    public var exportAgain = false
    /// Seconds without a key before the screen clears (at least 60: the warning comes 30 s before).
    public var inactivitySeconds: Int?
    /// Where the kiosk's dashboard writes bundles and reads receipts: a folder on the USB stick.
    public var usbFolder: String?
    public var portalURL: String?
    public var tokenFile: String?
    /// The portal's public key (64 hex characters) and its id: submissions are sealed to it.
    public var portalKey: String?
    public var portalKeyID: String?
    /// Submissions per request: 1 posts them one by one; unset, 50 for `sync`, 100 for `upload`.
    public var batchSize: Int?
    /// Seconds before any request to the portal is given up.
    public var requestTimeout: TimeInterval = 15
    /// Speech: `--voice cmn|yue|en|off` (plain mode is silent without it), `--volume 0-200`,
    /// and for `speak`, `--dry-run` and `--field-type`.
    public var voice: String?
    public var volume: Int?
    public var dryRun = false
    public var fieldType: SpokenValue?
    /// `speak --check FILE`: FILE holds lines of text, a tab and the pinyin it must be said with.
    public var check = false

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
            case "--inactivity":
                let v = try value(arg)
                guard let n = Int(v), (60...3600).contains(n) else { throw .badValue(arg, v) }
                o.inactivitySeconds = n
            case "--catalog": o.catalogPath = try value(arg)
            case "--data-dir": o.dataDir = try value(arg)
            case "--locale": o.locale = try value(arg)
            case "--kiosk-id": o.kioskID = try value(arg)
            case "--config": o.configPath = try value(arg)
            case "--to": o.exportFolder = try value(arg)
            case "--again": o.exportAgain = true
            case "--usb-folder": o.usbFolder = try value(arg)
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
            case "--voice":
                let v = try value(arg)
                guard SpeechVoice(option: v) != nil else { throw .badValue(arg, v) }
                o.voice = v
            case "--volume":
                let v = try value(arg)
                guard let n = Int(v), (0...200).contains(n) else { throw .badValue(arg, v) }
                o.volume = n
            case "--dry-run": o.dryRun = true
            case "--check": o.check = true
            case "--field-type":
                let v = try value(arg)
                guard let t = SpokenValue(rawValue: v), t != .digits else { throw .badValue(arg, v) }
                o.fieldType = t
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
        case "export" where words.count == 1:
            guard o.exportFolder != nil else { throw .missingValue("--to") }
            o.command = .export
        case "upload" where words.count == 2: o.command = .upload(words[1])
        case "import-receipts" where words.count == 2: o.command = .importReceipts(words[1])
        case "audit" where words.dropFirst().first == "verify" && words.count == 2: o.command = .auditVerify
        case "helper" where words.dropFirst().first == "add" && words.count == 4: o.command = .helperAdd(id: words[2], name: words[3])
        case "speak":
            guard words.count > 1 else { throw .missingValue("speak") }
            o.command = .speak(words.dropFirst().joined(separator: " "))
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
