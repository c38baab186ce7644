import Foundation
import KioskCore
import KioskOutbox
import KioskSync
import KioskSpeech

/// Runs the reducer and carries out its effects: the only place where the wizard meets the disk.
/// Front ends (plain mode, the terminal screen) feed it actions and draw `state`.
public final class KioskRuntime {
    public private(set) var state: WizardState
    public let data: DataFolder
    private let clock: () -> Moment
    private let newID: () -> String
    /// Set when F3 asks for the screen again; the front end clears it after showing it.
    public var repeatRequested = false
    /// Set when staff were called; the terminal front end rings the bell and clears it.
    public var bellRequested = false
    /// Problems writing ratings or calls for staff, for the helper; never shown to the resident.
    public private(set) var recordFailures: [String] = []
    /// The kiosk's own sender, when a portal is configured: told of every confirmation, asked whether the portal answers.
    public var sync: BackgroundSync?
    private let speaker: Speaker?
    private let speechStrings: @Sendable (String) -> Strings
    private let volume: Int
    /// Set when the portal's public key is configured: every submission is sealed before it is written.
    public var sealer: SubmissionSealer?

    /// `speaker`: where `.speak` effects go; nil for a silent kiosk (the reducer then says nothing).
    /// `speechStrings`: the strings of a locale, for what is said.
    public init(state: WizardState, data: DataFolder,
                clock: @escaping () -> Moment = { Moment.now() },
                newID: @escaping () -> String = { UUID().uuidString.lowercased() },
                speaker: Speaker? = nil, speechStrings: @escaping @Sendable (String) -> Strings = { Strings(locale: $0, table: [:]) },
                volume: Int = SpeechSettings.defaultVolume) {
        self.state = state
        self.data = data
        self.clock = clock
        self.newID = newID
        self.speaker = speaker
        self.speechStrings = speechStrings
        self.volume = volume
        refreshWaitingCount()
    }

    /// Says the first screen; front ends call it once before reading keys.
    public func start() {
        guard speaker != nil, state.speechVoice != .silent else { return reportSpeechTrouble() }
        perform(.speak(state.utterance(speechStrings(state.speechVoice.stringsLocale))))
    }

    public func send(_ action: Action) {
        let context = Context(moment: clock(), newID: newID(), strings: speaker == nil ? nil : speechStrings)
        let effects = state.reduce(action, context)
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case let .enqueue(submission):
            do {
                try data.enqueue(sealer?.seal(submission) ?? submission)
                sealer?.forget(submission.id)
                if submission.json["channel"] == .string("assisted") {
                    audit(.consent, [("id", .string(submission.id)), ("helper", submission.json["body"]?["helper"]?["id"] ?? .null),
                                     ("proxy", .bool(true)), ("given_at", submission.json["body"]?["consent"]?["proxy_confirmed_at"] ?? .null)])
                }
                audit(.submissionConfirmed, [("id", .string(submission.id)), ("service_id", .string(submission.serviceID)),
                                             ("channel", submission.json["channel"] ?? .null),
                                             ("masked_id", submission.maskedIdentity.map(JSONValue.string) ?? .null),
                                             ("consent", submission.json["body"]?["consent"]?["given_at"] ?? .null)])
                refreshWaitingCount()
                sync?.wake()
                send(.saved(submissionID: submission.id))
            } catch {
                switch error as? DurableWriteError {
                case .diskFull: send(.saveFailed(.diskFull))
                case .notWritable, .readOnly: send(.saveFailed(.notWritable))
                case .exists, .failed, nil: send(.saveFailed(.other))
                }
            }
        case let .record(record):
            do { try data.store(record) } catch { recordFailures.append(error.description) }
            if record.kind == .helpRequest { audit(.helpCall, [("id", .string(record.id))]) }
            sync?.wake()
        case .repeatPrompt:
            repeatRequested = true
        case .bell:
            bellRequested = true
        case let .checkHelper(id, pin):
            send(checkHelper(id, pin))
        case let .dashboard(command):
            runDashboard(command)
        case let .helperLoggedOut(helper):
            audit(.logout, [("helper", .string(helper.id))])
        case let .findProgress(identityNumber):
            if let sync {
                sync.findProgress(identityNumber: identityNumber)
            } else {
                send(.progressFound(ProgressFinder(data: data, client: nil).find(identityNumber: identityNumber)))
            }
        case let .speak(utterance):
            speaker?.use(pronunciations: state.catalog.pronunciations)
            speaker?.say(utterance, settings: SpeechSettings(careMode: state.careMode, volume: volume))
            reportSpeechTrouble()
        case .stopSpeech:
            speaker?.stop()
        }
    }

    /// Brings the status line up to date with the sender: online or not, and how many wait.
    /// Front ends call it between keys.
    public func refreshStatus() {
        if state.isEmptyHome, let catalog = sync?.takeNewCatalog() { send(.adoptCatalog(catalog)) }
        if let items = sync?.takeFoundProgress(wanted: state.screen == .progressSearching) { send(.progressFound(items)) }
        let online = sync?.online ?? false
        if online != state.online { _ = state.reduce(.setOnline(online), Context(moment: clock(), newID: "")) }
        let paused = sync?.paused ?? false
        if paused != state.syncPaused { _ = state.reduce(.setSyncPaused(paused), Context(moment: clock(), newID: "")) }
        refreshWaitingCount()
    }

    /// Waits (at most `timeout`) for a progress query to come back: plain mode prints only settled screens.
    public func settle(timeout: TimeInterval = 20) {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while state.screen == .progressSearching, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            refreshStatus()
        }
    }

    /// Carries out the dashboard's commands; what went wrong is said on the next screen.
    private func runDashboard(_ command: DashboardCommand) {
        let desk = QueueDesk(data: data)
        let strings = speechStrings(state.locale)
        do {
            switch command {
            case let .load(search):
                var view = desk.view(search: search, now: clock())
                view.message = dashboardMessage
                dashboardMessage = nil
                refreshWaitingCount()
                send(.dashboardLoaded(view))
            case let .retry(id):
                try desk.retry(id, at: clock())
                sync?.wake()
            case let .withdraw(id):
                try desk.withdraw(id, at: clock(), helper: state.helper?.id)
            case .export:
                dashboardMessage = exportToUSB(strings)
            case .importReceipts:
                dashboardMessage = importFromUSB(strings)
            case let .progress(id):
                let service = data.submissions.read(id, in: .sent)?.facts.serviceID ?? ""
                switch sync?.portal.progress(of: id) {
                case let .status(_, status, _, message)?: dashboardMessage = .progress(service: service, status: status, message: message)
                default: dashboardMessage = .progressUnavailable
                }
            }
        } catch {
            switch error {
            case .lock(.busy): dashboardMessage = .busy
            case let .lock(.folder(why)), let .disk(why): dashboardMessage = .disk(why.message(strings))
            case .gone: dashboardMessage = .gone
            }
        }
    }

    /// The folder on the USB stick for bundles and receipts (`usb_folder`, `--usb-folder`).
    public var usbFolder: URL?

    private var usbFolderPresent: URL? {
        var isFolder: ObjCBool = false
        guard let usbFolder, FileManager.default.fileExists(atPath: usbFolder.path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        return usbFolder
    }

    private func exportToUSB(_ strings: Strings) -> DashboardMessage {
        guard let folder = usbFolderPresent else { return .noUSBFolder }
        do {
            let done = try Exporter(data: data).export(to: folder, kioskID: state.kioskID, at: clock())
            guard let file = done.file else { return done.damaged.isEmpty ? .nothingToExport : .damagedFound(done.damaged.count) }
            return .exported(count: done.count, file: file.lastPathComponent)
        } catch {
            switch error {
            case .lock(.busy): return .busy
            case let .lock(.folder(why)), let .disk(why): return .disk(why.message(strings))
            }
        }
    }

    private func importFromUSB(_ strings: Strings) -> DashboardMessage {
        guard let folder = usbFolderPresent else { return .noUSBFolder }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".receipts.json") }.sorted()
        guard !files.isEmpty else { return .noReceipts }
        var sent = 0, quarantined = 0, read = 0
        var rejected: [ReceiptRejection: Int] = [:]
        for name in files {
            do {
                let done = try ReceiptsImporter(data: data, now: clock).importReceipts(folder.appendingPathComponent(name))
                sent += done.sent
                quarantined += done.quarantined
                rejected.merge(done.rejectedCounts, uniquingKeysWith: +)
                read += 1
            } catch {
                switch error {
                case .lock(.busy): return .busy
                case let .lock(.folder(why)), let .disk(why): return .disk(why.message(strings))
                case .file, .notReceipts: continue   // counted out: only files that were read are said
                }
            }
        }
        return .imported(sent: sent, quarantined: quarantined, files: read, rejected: rejected)
    }

    /// Why the last dashboard command did nothing, for the next view of the dashboard.
    private var dashboardMessage: DashboardMessage?

    /// Five wrong PINs lock a helper for five minutes; the clock is the runtime's, so tests move it.
    private var loginGuard = LoginGuard()

    private func checkHelper(_ id: String, _ pin: String) -> Action {
        let now = clock().date
        if case let .locked(seconds) = loginGuard.check(id, now: now) {
            return .helperRefused(.locked(minutesLeft: (seconds + 59) / 60))
        }
        guard let helper = HelperDirectory(data: data).helper(id) else {
            // An unknown number is not written down: it may be something else typed by mistake.
            audit(.failedPIN, [("known", .bool(false))])
            return .helperRefused(.unknownHelper)
        }
        guard helper.pin.matches(pin) else {
            audit(.failedPIN, [("helper", .string(id))])
            guard let left = loginGuard.failed(id, now: now) else {
                audit(.lockout, [("helper", .string(id)), ("seconds", .number(LoginGuard.lockSeconds))])
                return .helperRefused(.locked(minutesLeft: Int(LoginGuard.lockSeconds / 60)))
            }
            return .helperRefused(.wrongPIN(triesLeft: left))
        }
        loginGuard.succeeded(id)
        audit(.login, [("helper", .string(id))])
        return .helperVerified(HelperSession(id: helper.id, name: helper.name))
    }

    /// The audit trail never stops a resident: a line that cannot be written is kept for the helper.
    private func audit(_ event: AuditLog.Event, _ details: [(String, JSONValue)]) {
        do { try data.audit.append(event, at: clock(), details) } catch { recordFailures.append(error.description) }
    }

    /// Shows on the status line why the kiosk is silent (no audio device, a missing voice).
    private func reportSpeechTrouble() {
        guard let speaker, speaker.trouble != state.speechTrouble else { return }
        _ = state.reduce(.setSpeechTrouble(speaker.trouble), Context(moment: clock(), newID: ""))
    }

    private func refreshWaitingCount() {
        let count = data.submissions.waitingCount
        if count != state.waitingCount { _ = state.reduce(.setWaitingCount(count), Context(moment: clock(), newID: "")) }
    }
}
