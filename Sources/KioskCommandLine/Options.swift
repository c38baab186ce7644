import Foundation
import KioskCore

/// What a command was asked to do: the command, and the settings from the command line over
/// those of the configuration file. Every setting is one row of `Options.settings`.
public struct Options: Equatable, Sendable {
    public enum Command: Equatable, Sendable {
        case kiosk
        case catalogCheck([String])
        /// Send what waits, once (or, `--watch`, for as long as the kiosk runs), or ask the portal
        /// about sent items (`--progress ID...`, for the kiosk's screen).
        case sync(SyncMode)
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

    public enum SyncMode: Equatable, Sendable {
        case once
        /// The kiosk's own sender: passes until stopped; `withParent` ends it with the kiosk.
        case watch(withParent: Bool)
        case progress([String])
    }

    public var command: Command = .kiosk
    public var plain = false
    /// Kiosk mode: Ctrl-C, Ctrl-Z and Ctrl-\ do nothing.
    public var kiosk = false
    public var catalogPath: String?
    public var dataDir: String?
    public var locale: String?
    public var kioskID: String?
    public var careMode: Bool?
    /// The theme used in care mode (`care` unless a file in themes/ is named).
    public var careTheme: String?
    /// Care-mode text at double size on terminals with DEC double-size rows: auto, on, off
    /// (`DoubleSizeCapability`).
    public var doubleSizeText: String?
    public var configPath: String?
    /// `export --to DIR`: the folder on the USB stick.
    public var exportFolder: String?
    /// `export --again`: a new bundle of the items already on a stick that has not come back.
    public var exportAgain = false
    /// Seconds without a key before the screen clears (the warning comes 30 s before).
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
    public var timeout: Int?
    /// Speech: `--voice cmn|yue|en|off` (plain mode is silent without it), `--volume 0-200`,
    /// and for `speak`, `--dry-run` and `--field-type`.
    public var voice: String?
    public var volume: Int?
    public var dryRun = false
    /// `speak --field-type T`: the text is read as that kind of value (any but `digits`).
    public var fieldTypeName: String?
    public var fieldType: SpokenValue? { fieldTypeName.flatMap(SpokenValue.init(rawValue:)) }
    /// `speak --check FILE`: FILE holds lines of text, a tab and the pinyin it must be said with.
    public var check = false
    /// `helper add --replace`: a number already given to a helper gets the new name and PIN.
    public var replace = false
    /// `sync --watch` (`--with-parent`: ends with the kiosk), `sync --progress ID...`.
    public var watch = false
    public var withParent = false
    public var progress = false

    public init() {}

    public var requestTimeout: TimeInterval { TimeInterval(timeout ?? 15) }

    /// Why the command line (or the configuration file) could not be read: which word, and what
    /// was wrong with it, with what it may be.
    public enum ParseError: Error, Equatable {
        case unknownOption(String)
        case unknownCommand(String)
        /// `catalog chek`: the command is known, the word after it is not one of `allowed`.
        case wrongWord(command: String, word: String, allowed: String)
        case extraWord(command: String, word: String)
        case missingValue(String)
        case badValue(String, String, allowed: String)
        /// `upload` without its file: the command, and what must follow it.
        case missingWord(command: String, Needed)
    }

    /// What a command needs after it, named in messages.
    public enum Needed: Equatable, Sendable {
        case word(String)
        case catalogFile, bundleFile, receiptsFile, helperNumberAndName, helperName, text, exportFolder
    }

    // MARK: - the table of settings

    /// How a setting's text becomes its value; `allowed` says it in messages.
    public enum Kind {
        case text(WritableKeyPath<Options, String?>)
        case onOff(WritableKeyPath<Options, Bool?>)
        case number(WritableKeyPath<Options, Int?>, ClosedRange<Int>)
        case choice(WritableKeyPath<Options, String?>, [String])
        case flag(WritableKeyPath<Options, Bool>)
    }

    public struct Setting {
        /// On the command line (`--portal`).
        public let flag: String
        /// In the configuration file (`portal_url`); nil for what only the command line sets.
        public let key: String?
        public let kind: Kind
        /// For `--help`: what the value is (for text values), and what the setting does.
        public let value: Phrase?
        public let help: Phrase

        init(_ flag: String, key: String? = nil, _ kind: Kind, value: Phrase? = nil, help: Phrase) {
            (self.flag, self.key, self.kind, self.value, self.help) = (flag, key, kind, value, help)
        }
    }

    /// Every option the command line knows, in the order `--help` lists them: the help is made
    /// from this table, so no option can be left out of it.
    public static var settings: [Setting] { [
        Setting("--plain", .flag(\.plain), help: .cliHelpPlain),
        Setting("--kiosk", .flag(\.kiosk), help: .cliHelpKiosk),
        Setting("--locale", key: "locale", .text(\.locale), value: .cliValueLocale, help: .cliHelpLocale),
        Setting("--care-mode", key: "care_mode", .onOff(\.careMode), help: .cliHelpCareMode),
        Setting("--care-theme", key: "care_theme", .text(\.careTheme), value: .cliValueName, help: .cliHelpCareTheme),
        Setting("--double-size-text", key: "double_size_text", .choice(\.doubleSizeText, DoubleSizeCapability.settings),
                help: .cliHelpDoubleSizeText),
        Setting("--inactivity", key: "inactivity_seconds", .number(\.inactivitySeconds, 60...3600), help: .cliHelpInactivity),
        Setting("--voice", key: "voice", .choice(\.voice, SpeechVoice.options), help: .cliHelpVoice),
        Setting("--volume", key: "volume", .number(\.volume, 0...200), help: .cliHelpVolume),
        Setting("--catalog", .text(\.catalogPath), value: .cliValueFile, help: .cliHelpCatalog),
        Setting("--kiosk-id", key: "kiosk_id", .text(\.kioskID), value: .cliValueId, help: .cliHelpKioskId),
        Setting("--data-dir", key: "data_dir", .text(\.dataDir), value: .cliValueFolder, help: .cliHelpDataDir),
        Setting("--config", .text(\.configPath), value: .cliValueFile, help: .cliHelpConfig),
        Setting("--usb-folder", key: "usb_folder", .text(\.usbFolder), value: .cliValueFolder, help: .cliHelpUsbFolder),
        Setting("--portal", key: "portal_url", .text(\.portalURL), value: .cliValueAddress, help: .cliHelpPortal),
        Setting("--token-file", key: "token_file", .text(\.tokenFile), value: .cliValueFile, help: .cliHelpTokenFile),
        Setting("--portal-key", key: "portal_key", .text(\.portalKey), value: .cliValueKey, help: .cliHelpPortalKey),
        Setting("--portal-key-id", key: "portal_key_id", .text(\.portalKeyID), value: .cliValueId, help: .cliHelpPortalKeyId),
        Setting("--batch", key: "batch", .number(\.batchSize, 1...100), help: .cliHelpBatch),
        Setting("--timeout", key: "timeout_seconds", .number(\.timeout, 1...600), help: .cliHelpTimeout),
        Setting("--watch", .flag(\.watch), help: .cliHelpWatch),
        Setting("--with-parent", .flag(\.withParent), help: .cliHelpWithParent),
        Setting("--progress", .flag(\.progress), help: .cliHelpProgress),
        Setting("--to", .text(\.exportFolder), value: .cliValueFolder, help: .cliHelpTo),
        Setting("--again", .flag(\.exportAgain), help: .cliHelpAgain),
        Setting("--replace", .flag(\.replace), help: .cliHelpReplace),
        Setting("--dry-run", .flag(\.dryRun), help: .cliHelpDryRun),
        Setting("--field-type", .choice(\.fieldTypeName, SpokenValue.allCases.filter { $0 != .digits }.map(\.rawValue)),
                help: .cliHelpFieldType),
        Setting("--check", .flag(\.check), help: .cliHelpCheck),
    ] }

    /// Sets the value of `setting` from its text.
    mutating func set(_ setting: Setting, _ text: String) throws(ParseError) {
        switch setting.kind {
        case let .text(path): self[keyPath: path] = text
        case let .onOff(path):
            guard text == "on" || text == "off" else { throw .badValue(setting.flag, text, allowed: "on, off") }
            self[keyPath: path] = text == "on"
        case let .number(path, range):
            guard let n = Int(text), range.contains(n) else { throw .badValue(setting.flag, text, allowed: "\(range.lowerBound)-\(range.upperBound)") }
            self[keyPath: path] = n
        case let .choice(path, choices):
            guard choices.contains(text) else { throw .badValue(setting.flag, text, allowed: choices.joined(separator: ", ")) }
            self[keyPath: path] = text
        case let .flag(path): self[keyPath: path] = true
        }
    }

    /// Whether the command line set it already (the command line wins over the file).
    func isSet(_ setting: Setting) -> Bool {
        switch setting.kind {
        case let .text(path), let .choice(path, _): return self[keyPath: path] != nil
        case let .onOff(path): return self[keyPath: path] != nil
        case let .number(path, _): return self[keyPath: path] != nil
        case let .flag(path): return self[keyPath: path]
        }
    }

    // MARK: - the command line

    public static func parse(_ args: [String]) throws(ParseError) -> Options {
        var o = Options()
        var rest = args[...]
        var words: [String] = []
        while let arg = rest.popFirst() {
            if let setting = settings.first(where: { $0.flag == arg }) {
                if case .flag = setting.kind { try o.set(setting, ""); continue }
                guard let value = rest.popFirst(), !value.hasPrefix("--") else { throw .missingValue(arg) }
                try o.set(setting, value)
                continue
            }
            switch arg {
            case "-h", "--help", "help": o.command = .help
            default:
                if arg.hasPrefix("-") { throw .unknownOption(arg) }
                words.append(arg)
            }
        }
        if o.command == .help { return o }
        o.command = try o.command(words)
        return o
    }

    private func command(_ words: [String]) throws(ParseError) -> Command {
        guard let first = words.first else { return .kiosk }
        let rest = Array(words.dropFirst())
        func noMore(_ count: Int = 0) throws(ParseError) {
            if rest.count > count { throw .extraWord(command: first, word: rest[count]) }
        }
        /// The word after a command that has only one (`catalog check`, `audit verify`, `helper add`).
        func second(_ word: String) throws(ParseError) {
            guard let given = rest.first else { throw .missingWord(command: first, .word(word)) }
            guard given == word else { throw .wrongWord(command: first, word: given, allowed: word) }
        }
        switch first {
        case "catalog":
            try second("check")
            guard rest.count > 1 else { throw .missingWord(command: "catalog check", .catalogFile) }
            return .catalogCheck(Array(rest.dropFirst()))
        case "sync":
            if progress { return .sync(.progress(rest)) }
            try noMore()
            return .sync(watch ? .watch(withParent: withParent) : .once)
        case "status":
            try noMore()
            return .status
        case "export":
            try noMore()
            guard exportFolder != nil else { throw .missingWord(command: first, .exportFolder) }
            return .export
        case "upload":
            guard let file = rest.first else { throw .missingWord(command: first, .bundleFile) }
            try noMore(1)
            return .upload(file)
        case "import-receipts":
            guard let file = rest.first else { throw .missingWord(command: first, .receiptsFile) }
            try noMore(1)
            return .importReceipts(file)
        case "audit":
            try second("verify")
            try noMore(1)
            return .auditVerify
        case "helper":
            try second("add")
            guard rest.count >= 2 else { throw .missingWord(command: "helper add", .helperNumberAndName) }
            guard rest.count >= 3 else { throw .missingWord(command: "helper add \(rest[1])", .helperName) }
            try noMore(3)
            return .helperAdd(id: rest[1], name: rest[2])
        case "speak":
            guard !rest.isEmpty else { throw .missingWord(command: first, .text) }
            return .speak(rest.joined(separator: " "))
        default:
            throw .unknownCommand(first)
        }
    }

    /// What the sender needs to reach the same portal with the same data folder.
    public func senderArguments(dataDir: String, kioskID: String) -> [String] {
        var args = ["--data-dir", dataDir, "--kiosk-id", kioskID]
        for (flag, value) in [("--portal", portalURL), ("--token-file", tokenFile), ("--batch", batchSize.map(String.init)),
                              ("--timeout", timeout.map(String.init))] {
            if let value { args += [flag, value] }
        }
        return args
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

extension Options.ParseError {
    func message(_ s: Strings) -> String {
        switch self {
        case let .unknownOption(o): return s.tr(.cliUnknownOption(option: o))
        case let .unknownCommand(w): return s.tr(.cliUnknownCommand(word: w))
        case let .wrongWord(command, word, allowed): return s.tr(.cliWrongWord(command: command, word: word, allowed: allowed))
        case let .extraWord(command, word): return s.tr(.cliExtraWord(command: command, word: word))
        case let .missingValue(o): return s.tr(.cliMissingValue(option: o))
        case let .badValue(o, v, allowed): return s.tr(.cliBadValue(option: o, value: v, allowed: allowed))
        case let .missingWord(command, needed): return s.tr(.cliMissingWord(command: command, what: needed.name(s)))
        }
    }
}

extension Options.Needed {
    func name(_ s: Strings) -> String {
        switch self {
        case let .word(w): return s.tr(.cliNeedsWord(word: w))
        case .catalogFile: return s.tr(.cliNeedsCatalogFile)
        case .bundleFile: return s.tr(.cliNeedsBundleFile)
        case .receiptsFile: return s.tr(.cliNeedsReceiptsFile)
        case .helperNumberAndName: return s.tr(.cliNeedsHelperNumberAndName)
        case .helperName: return s.tr(.cliNeedsHelperName)
        case .text: return s.tr(.cliNeedsText)
        case .exportFolder: return s.tr(.cliNeedsExportFolder)
        }
    }
}
