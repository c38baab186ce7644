import Foundation
import KioskCore
import KioskOutbox
import KioskSync

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
    /// Set when the portal's public key is configured: every submission is sealed before it is written.
    public var sealer: SubmissionSealer?

    public init(state: WizardState, data: DataFolder,
                clock: @escaping () -> Moment = { Moment.now() },
                newID: @escaping () -> String = { UUID().uuidString.lowercased() }) {
        self.state = state
        self.data = data
        self.clock = clock
        self.newID = newID
        refreshWaitingCount()
    }

    public func send(_ action: Action) {
        let effects = state.reduce(action, Context(moment: clock(), newID: newID()))
        for effect in effects { perform(effect) }
    }

    private func perform(_ effect: Effect) {
        switch effect {
        case let .enqueue(submission):
            do {
                try data.enqueue(sealer?.seal(submission) ?? submission)
                sealer?.forget(submission.id)
                refreshWaitingCount()
                sync?.wake()
                send(.saved(submissionID: submission.id))
            } catch {
                switch error as? DurableWriteError {
                case .diskFull: send(.saveFailed(.diskFull))
                case .notWritable: send(.saveFailed(.notWritable))
                case .failed, nil: send(.saveFailed(.other))
                }
            }
        case let .record(record):
            do { try data.store(record) } catch { recordFailures.append(error.description) }
            sync?.wake()
        case .repeatPrompt:
            repeatRequested = true
        case .bell:
            bellRequested = true
        case let .findProgress(identityNumber):
            if let sync {
                sync.findProgress(identityNumber: identityNumber)
            } else {
                send(.progressFound(ProgressFinder(data: data, client: nil).find(identityNumber: identityNumber)))
            }
        }
    }

    /// Brings the status line up to date with the sender: online or not, and how many wait.
    /// Front ends call it between keys.
    public func refreshStatus() {
        if state.screen == .home, state.session == nil, state.overlay == nil, let catalog = sync?.takeNewCatalog() {
            adopt(catalog)
        }
        if let items = sync?.takeFoundProgress() { send(.progressFound(items)) }
        let online = sync?.online ?? false
        if online != state.online { _ = state.reduce(.setOnline(online), Context(moment: clock(), newID: "")) }
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

    /// Starts using a newly downloaded catalog. Only called on the empty home screen, so no
    /// resident ever sees a question change under them.
    func adopt(_ catalog: Catalog) {
        var fresh = WizardState(catalog: catalog, kioskID: state.kioskID, today: state.today, locale: state.locale,
                                availableLocales: state.availableLocales, careMode: state.careMode)
        fresh.online = state.online
        fresh.waitingCount = state.waitingCount
        fresh.inactivityTimeout = state.inactivityTimeout
        state = fresh
    }

    private func refreshWaitingCount() {
        let count = data.submissions.waitingCount
        if count != state.waitingCount { _ = state.reduce(.setWaitingCount(count), Context(moment: clock(), newID: "")) }
    }
}
