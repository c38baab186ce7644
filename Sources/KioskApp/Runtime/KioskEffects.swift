import Foundation
import KioskCore
import KioskOutbox
import KioskSpeech
import KioskSync

/// The kiosk's effect interpreter. Speech runs at once (eSpeak speaks on its own thread); the
/// data folder, the USB stick and PIN hashing run one after another on a worker thread; questions
/// for the portal run on another, through the sender. Every result comes back as an action.
public final class KioskEffects: EffectInterpreter, @unchecked Sendable {
    let work: QueueWork
    let sealer: SubmissionSealer?
    let usbFolder: URL?
    let sender: SenderLink?
    private var speaker: Speaker?
    private var volume: Int
    /// The speaker's trouble as last posted (nil: nothing posted yet).
    private var reportedTrouble: SpeechTrouble??
    /// The current catalog's readings: the starting catalog's, then the last `.pronounce`'s.
    private var readings: CatalogReadings

    private let worker = DispatchQueue(label: "carekiosk.queue-work")
    private let lookups = DispatchQueue(label: "carekiosk.portal-questions")
    private let watcher = DispatchQueue(label: "carekiosk.watch")
    private let watching = NSLock()
    private var watchBusy = false
    /// The downloaded catalog the kiosk runs on, by modification time: a newer one is adopted.
    private var catalogStamp: Date?

    /// `readings`: those of the catalog the kiosk starts on; a catalog adopted later brings its own (`.pronounce`).
    init(work: QueueWork, sealer: SubmissionSealer?, usbFolder: URL?, sender: SenderLink?, volume: Int, catalogStamp: Date?,
         readings: CatalogReadings) {
        self.work = work
        self.readings = readings
        self.sealer = sealer
        self.usbFolder = usbFolder
        self.sender = sender
        self.volume = volume
        self.catalogStamp = catalogStamp
    }

    /// Waits until what was handed to the data folder is written: the kiosk ends only then.
    public func finishWrites() { worker.sync {} }

    /// Waits until the work handed out so far is done (tests).
    public func waitUntilIdle() {
        worker.sync {}
        lookups.sync {}
        watcher.sync {}
    }

    /// From now on `.speak` goes to this speaker.
    func attach(_ speaker: Speaker, volume: Int) {
        self.speaker = speaker
        self.volume = volume
    }

    public func perform(_ effect: Effect, post: @escaping @Sendable (Action) -> Void) {
        switch effect {
        case let .enqueue(submission):
            worker.async { [work, sealer, sender] in
                post(work.enqueue(submission, sealer: sealer))
                post(.setWaitingCount(work.data.submissions.waitingCount))
                sender?.wake()
            }
        case let .record(record):
            worker.async { [work, sender] in
                work.store(record)
                sender?.wake()
            }
        case let .audit(event):
            worker.async { [work] in work.audit(event) }
        case let .checkHelper(id, pin):
            worker.async { [work] in post(.helperChecked(work.checkHelper(id, pin: pin))) }
        case let .keepLoginGuard(counts):
            worker.async { [work] in work.keep(counts) }
        case let .dashboard(command):
            dashboard(command, post)
        case let .findProgress(identityNumber):
            lookups.async { [work, sender] in
                let finder = ProgressFinder(data: work.data)
                post(.progressFound(finder.find(identityNumber: identityNumber) { sender?.progress(of: $0) ?? [:] }))
            }
        case let .speak(utterance):
            guard let speaker else { return }
            // The catalog's readings for the voice this is said in.
            speaker.use(pronunciations: readings.words(for: utterance.voice))
            speaker.say(utterance, settings: SpeechSettings(careMode: utterance.slower, volume: volume))
            // Said once when it changes: the status line shows it.
            if reportedTrouble != .some(speaker.trouble) {
                reportedTrouble = .some(speaker.trouble)
                post(.setSpeechTrouble(speaker.trouble))
            }
        case let .pronounce(catalogReadings):
            readings = catalogReadings
        case let .lookAround(known):
            lookAround(known, post)
        case .stopSpeech:
            speaker?.stop()
        case .repeatPrompt, .bell:
            break // the front end's own, handed to it by the runtime
        case .announce:
            break // worded into `.speak` by the runtime (`voiced`) before effects come here
        }
    }

    private func dashboard(_ command: DashboardCommand, _ post: @escaping @Sendable (Action) -> Void) {
        switch command {
        case let .load(search): worker.async { [work] in post(work.loadDashboard(search: search)) }
        case let .retry(id, locale):
            worker.async { [work, sender] in
                post(work.retry(id, locale: locale))
                sender?.wake()
            }
        case let .withdraw(id, helper, locale): worker.async { [work] in post(work.withdraw(id, helper: helper, locale: locale)) }
        case let .export(kioskID, locale):
            worker.async { [work, usbFolder] in post(work.export(to: usbFolder, kioskID: kioskID, locale: locale)) }
        case let .importReceipts(locale): worker.async { [work, usbFolder] in post(work.importReceipts(from: usbFolder, locale: locale)) }
        case let .progress(id):
            lookups.async { [work, sender] in
                let service = work.data.submissions.read(id, in: .sent)?.facts.serviceID ?? ""
                switch sender?.progress(of: [id])[id] {
                case let .status(_, status, _, message)?: post(.dashboardDone(.progress(service: service, status: status, message: message)))
                default: post(.dashboardDone(.progressUnavailable))
                }
            }
        }
    }

    /// The facts of the world, looked at once a tick on a thread of their own (a slow disk or a
    /// stuck sender never holds up the screen): how many items wait, whether the sender reached
    /// the portal, and a newer downloaded catalog, taken only on the empty home screen.
    private func lookAround(_ known: KnownFacts, _ post: @escaping @Sendable (Action) -> Void) {
        let idle = watching.withLock { () -> Bool in
            if watchBusy { return false }
            watchBusy = true
            return true
        }
        guard idle else { return }
        let now = work.clock()
        watcher.async { [self] in
            defer { watching.withLock { watchBusy = false } }
            let waiting = work.data.submissions.waitingCount
            if waiting != known.waitingCount { post(.setWaitingCount(waiting)) }
            sender?.keepRunning()
            let status = sender?.status(now: now)
            if (status?.online ?? false) != known.online { post(.setOnline(status?.online ?? false)) }
            if (status?.paused ?? false) != known.syncPaused { post(.setSyncPaused(status?.paused ?? false)) }
            if known.mayAdoptCatalog, sender != nil, let catalog = newerCatalog() { post(.adoptCatalog(catalog)) }
        }
    }

    private func newerCatalog() -> Catalog? {
        let file = work.data.catalogFolder.appendingPathComponent("current.json")
        guard let stamp = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date,
              stamp != catalogStamp, let catalog = CatalogUpdater.stored(in: work.data) else { return nil }
        catalogStamp = stamp
        return catalog
    }
}
