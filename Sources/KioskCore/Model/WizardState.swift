import Foundation

/// A key the resident or helper pressed (the keypad contract: README.md, "The keypad").
public enum Key: Equatable, Sendable {
    case digit(Int)
    /// A character typed on a full keyboard (a helper filling in text).
    case character(Character)
    case enter, escape, backspace
    case up, down, tab
    case f1, f2, f3, f4

    /// A key that answers: a number to choose or to type, or a character typed.
    var isDigitOrCharacter: Bool {
        switch self {
        case .digit, .character: return true
        default: return false
        }
    }
}

public enum Action: Equatable, Sendable {
    case key(Key)
    /// Plain line mode: the whole line is typed into the field and confirmed.
    case typeLine(String)
    /// The runtime wrote the submission durably; only now may the confirmation appear.
    case saved(submissionID: ItemID)
    case saveFailed(submissionID: ItemID, SaveFailure)
    case setOnline(Bool)
    /// The portal refused the kiosk's token: sending is paused until a helper fixes it.
    case setSyncPaused(Bool)
    case setWaitingCount(Int)
    /// The speaker cannot speak (no audio device, a missing voice), or can again (nil).
    case setSpeechTrouble(SpeechTrouble?)
    /// The screen's renderer says how many of care mode's large answer buttons a page of the
    /// answers being checked holds at the screen's size (`KioskScreen.answersPerCarePage`), when
    /// the kiosk starts and whenever the window changes; plain mode lists lines and says nothing.
    case setAnswersPerCarePage(Int)
    /// The screen's renderer says how many pages the text of the screen now shown runs over, and
    /// the first with the question and its answers on it (`ScreenBuffer.textPages`,
    /// `textAnswersPage`), after each frame where either changed.
    case setTextPages(Int, answersPage: Int)
    /// Time passes (the runtime sends one every second or so): the inactivity rules look at the clock.
    case tick
    /// The runtime found the resident's earlier submissions (查询办理进度).
    case progressFound([ProgressItem])
    /// The runtime checked a helper's PIN.
    case helperChecked(HelperCheck)
    /// The kiosk can speak from now on: the current screen is said.
    case speechStarted
    /// A newly downloaded catalog; taken only on the empty home screen, so no question changes
    /// under a resident.
    case adoptCatalog(Catalog)
    /// The runtime read the queue for the dashboard.
    case dashboardLoaded(DashboardView)
    /// A dashboard command (export, import, retry, withdraw, a progress lookup) is done.
    case dashboardDone(DashboardMessage)
}

/// What the kiosk knows of the world, handed to the runtime with each tick so that it posts only
/// what changed, and whether a newer catalog may be taken now (the empty home screen). Only the
/// model makes one (`knownFacts`); the runtime reads it.
public struct KnownFacts: Equatable, Sendable {
    public let waitingCount: Int
    public let online: Bool
    public let syncPaused: Bool
    public let mayAdoptCatalog: Bool
}

/// Why the runtime could not write a confirmed submission. The answers are kept either way.
public enum SaveFailure: Equatable, Sendable {
    case diskFull
    case notWritable
    case other
}

/// What the reducer needs from outside, given with every action so that it never reads a
/// clock or a random source itself.
public struct Context: Sendable {
    public var moment: Moment
    /// A fresh lowercase UUID v4; used only when the action creates something (a submission).
    public var newID: ItemID

    public init(moment: Moment, newID: ItemID) {
        self.moment = moment
        self.newID = newID
    }
}

/// A page inside one service's wizard.
public enum Page: Equatable, Sendable {
    case intro
    /// A material the resident may supply later (容缺受理) or may not have.
    case material(String)
    case privacy
    case question(String)
    case review
}

public enum Screen: Equatable, Sendable {
    case home
    case category(String)
    /// A service that needs the portal at once, chosen while offline.
    case needsNetwork(serviceID: String)
    /// A service under way, which carries its answers and where in it the resident is.
    case service(ServiceVisit)
    /// The confirmation and the rating, which carry the 办件编号 and the slip.
    case receipt(ReceiptRoom)
    /// 查询办理进度: the identity number is asked, looked up, and the items shown.
    case progress(ProgressRoom)
    /// A helper logs in: their number, then their PIN, and why a try was refused.
    case helperLogin(HelperLoginRoom)
    /// The helper's dashboard (帮办员工作台), which carries its own pages and messages.
    case dashboard(DashboardRoom)
}

/// Screens laid over any other, that go back to it with one key.
public enum Overlay: Equatable, Sendable {
    case staffCalled
    case language
}

/// A short message on the next screen, gone with the next key.
public enum Notice: Equatable, Sendable {
    case thanksForRating
    case cleared
    case helperLoggedIn
    case helperLoggedOut
    /// The resident said no on "请您本人确认": nothing was submitted.
    case residentDeclined
    /// F3: the screen is said again, or it cannot be (no audio device, a missing voice): either
    /// way the key does something one can see.
    case repeating, cannotRepeat
}

public enum MaterialChoice: String, Equatable, Sendable {
    case provided, deferred, notApplicable
}

/// One resident's pass through one service. Wiped when the service ends or the kiosk clears.
public struct Session: Equatable, Sendable {
    public var service: Service
    public var answers: Answers = [:]
    /// Questions the resident has been through, answered or left empty (optional ones).
    public var visited: Set<String> = []
    public var materials: [String: MaterialChoice] = [:]
    /// When the privacy notice was accepted.
    public var consentGivenAt: Moment?
    /// 帮办代办: when the resident agreed on screen that the helper may submit for them.
    public var residentConsentAt: Moment?
    /// The resident came from the check-answers screen and goes back there when done.
    public var changing = false
    /// Built on confirm; kept until the runtime says it is on disk, and re-sent unchanged on retry.
    public var pending: Submission?

    public init(service: Service) { self.service = service }
}

/// What the resident hears is decided where the model changes: each property a resident would
/// notice changing says so (`say`) in its `didSet`, and the reducer hands what was said on as one
/// `.announce` effect. The words are found later, from the model as it then is (`spoken`).
public struct WizardState: Equatable, Sendable {
    public static let otherCategoryID = Catalog.otherCategoryID
    public static let optionsPerPage = 9

    /// What the action being reduced asks to be said; empty between actions.
    var said: [Announcement] = []

    /// How the kiosk is set up; care mode and the language go back to it for every new resident.
    public internal(set) var setup: KioskSetup
    /// Replaced only by `.adoptCatalog`, on the empty home screen.
    public internal(set) var catalog: Catalog
    public var kioskID: String { setup.kioskID }
    public internal(set) var locale: String { didSet { if locale != oldValue { say(.wholeScreen) } } }
    public var availableLocales: [String] { setup.availableLocales }
    public internal(set) var careMode: Bool { didSet { if careMode != oldValue { say(.careMode(on: careMode)); textStartsOver() } } }
    /// The helper acting for residents, while logged in.
    public internal(set) var helper: HelperSession?
    /// Wrong PINs lock a number, and many lock the kiosk's login (`LoginGuard`); kept in the
    /// model, so the reducer decides, and in the data folder, so a restart does not clear them.
    public internal(set) var loginGuard = LoginGuard()
    /// How many keys of the helper's login sequence were pressed on the home screen so far.
    var helperKeysPressed = 0
    /// When the first key of the helper's login sequence was pressed: the sequence must be quick.
    var helperKeysStarted: Date?
    var careModeBeforeConsent: Bool?
    /// The language the kiosk speaks in (F4), chosen apart from the display language.
    public internal(set) var speechVoice: SpeechVoice { didSet { if speechVoice != oldValue { say(.wholeScreen) } } }
    /// Why the kiosk cannot speak, shown on the status line.
    public internal(set) var speechTrouble: SpeechTrouble?
    public internal(set) var online = false
    public internal(set) var syncPaused = false
    public internal(set) var waitingCount = 0
    public internal(set) var screen: Screen = .home {
        didSet { if screen.place != oldValue.place { say(.wholeScreen); textStartsOver() } }
    }
    public internal(set) var overlay: Overlay? { didSet { if overlay != oldValue { say(.wholeScreen); textStartsOver() } } }
    /// Which page of a text too long for one screen is shown (care mode with everything at double
    /// size, `KioskScreen.drawEverythingDouble`): Enter turns to the next, 返回 to the one before.
    /// Back to the first wherever the resident goes next.
    public internal(set) var textPage = 0
    /// How many pages the screen's text runs over, as the front end's renderer says
    /// (`.setTextPages`); one where no renderer says (plain mode, tmux, the console).
    public internal(set) var textPageCount = 1
    /// The first page with the question and its answers, as the renderer says.
    public internal(set) var textAnswersPage = 0
    /// The renderer has said so for the screen shown now (not yet after `textStartsOver`).
    public internal(set) var textPagesReported = false
    /// How many answers a page of the check-answers screen holds in care mode: what the screen's
    /// renderer says fits (`.setAnswersPerCarePage`); nine, like any list, where no screen says.
    public internal(set) var answersPerCarePage = WizardState.optionsPerPage
    /// Which page of more than nine options is shown; `0` turns it.
    public internal(set) var optionPage = 0 { didSet { if optionPage != oldValue { say(.wholeScreen); textStartsOver() } } }
    /// The option the arrow keys (or Tab) moved to, by its place on screen; Enter activates it.
    public internal(set) var focus: Int? { didSet { if focus != nil, focus != oldValue { say(.focusedOption) } } }
    public internal(set) var input = ""
    public internal(set) var error: ValidationError? { didSet { if let error { say(.error(error)) } } }
    public internal(set) var notice: Notice? {
        didSet {
            if notice != oldValue { noticeShownAt = nil }
            if notice != nil, notice != oldValue { say(.wholeScreen) }
        }
    }
    /// When the notice was first seen by a tick: a banner for one resident ("谢谢您的评价！",
    /// "帮办员已退出。") goes after `noticeSeconds`, not with the next resident's first key.
    var noticeShownAt: Date?
    /// The service the resident backed out of (返回 on its first page), kept until they open it
    /// again, open another one, or the kiosk goes home or clears.
    var parked: ServiceVisit?
    var knownFacts: KnownFacts {
        KnownFacts(waitingCount: waitingCount, online: online, syncPaused: syncPaused, mayAdoptCatalog: isEmptyHome)
    }
    /// Confirmed submissions that could not be saved and whose resident has gone (the kiosk
    /// cleared): kept in memory only, tried again every minute, and staff are asked to come.
    public internal(set) var unsaved: [Submission] = []
    /// When the unsaved submissions were last tried again.
    var unsavedTriedAt: Date?
    /// When staff were last called (F1): the room hears one call a minute at most.
    var staffCalledAt: Date?
    /// F1 came again within that minute: the screen says staff were called already.
    public internal(set) var staffCalledAlready = false
    /// Seconds without a key before the kiosk clears; announced on the home screen.
    public var inactivityTimeout: Int { setup.inactivityTimeout }
    /// When the last key was pressed (or the clock last stood still): the inactivity rule's start.
    public internal(set) var lastActivity: Date?
    /// Seconds left before clearing, while the warning shows.
    public internal(set) var inactivityWarning: Int? {
        didSet { if let inactivityWarning, inactivityWarning != oldValue { say(.inactivityWarning(seconds: inactivityWarning)) } }
    }
    /// The kiosk's calendar day, from the last action's context (ages, skip logic); never before
    /// `earliestPlausibleDay`, so that a clock stuck in 1970 turns no birth date into the future.
    public internal(set) var today: CivilDate
    /// The kiosk's clock says a day before `earliestPlausibleDay`: it is wrong, and says so.
    public internal(set) var clockSuspect = false
    /// See `ClockCheck`.
    public var earliestPlausibleDay: CivilDate { setup.earliestPlausibleDay }

    public init(catalog: Catalog, setup: KioskSetup, today: CivilDate) {
        self.catalog = catalog
        self.setup = setup
        self.today = today
        locale = setup.locale
        careMode = setup.careMode
        speechVoice = setup.speechVoice
        setClock(today)
    }

    public init(catalog: Catalog, kioskID: String, today: CivilDate, locale: String = Catalog.fallbackLocale,
                availableLocales: [String] = ["zh-Hans", "en"], careMode: Bool = true, speechVoice: SpeechVoice? = nil) {
        self.init(catalog: catalog, setup: KioskSetup(kioskID: kioskID, locale: locale, availableLocales: availableLocales,
                                                      careMode: careMode, speechVoice: speechVoice), today: today)
    }
}

/// How a kiosk is set up (configuration and command line): what every resident starts with.
public struct KioskSetup: Equatable, Sendable {
    public var kioskID: String
    public var locale: String
    public var availableLocales: [String]
    public var careMode: Bool
    public var speechVoice: SpeechVoice
    /// Seconds without a key before the screen clears (the warning comes 30 s before).
    public var inactivityTimeout: Int
    /// A clock before this day cannot be right (`ClockCheck`).
    public var earliestPlausibleDay: CivilDate

    public init(kioskID: String, locale: String = Catalog.fallbackLocale, availableLocales: [String] = ["zh-Hans", "en"],
                careMode: Bool = true, speechVoice: SpeechVoice? = nil, inactivityTimeout: Int = 120,
                earliestPlausibleDay: CivilDate = ClockCheck.earliestPlausibleDay()) {
        self.kioskID = kioskID
        self.locale = locale
        self.availableLocales = availableLocales
        self.careMode = careMode
        self.speechVoice = speechVoice ?? .default(forDisplay: locale)
        self.inactivityTimeout = inactivityTimeout
        self.earliestPlausibleDay = earliestPlausibleDay
    }
}

extension WizardState {
    /// The runtime is working on something the next key must not overtake (a save, a search,
    /// the dashboard's list, a PIN check); plain mode waits for it before reading on.
    public var isWaitingForWork: Bool {
        switch screen {
        case .service(let visit) where visit.step == .saving: return true
        case .progress(.searching): return true
        case let .helperLogin(room): return room.isChecking
        case let .dashboard(room): return room.isLoading
        default: return false
        }
    }

    /// Takes the day from the clock, noting whether the clock can be believed.
    mutating func setClock(_ day: CivilDate) {
        clockSuspect = day < earliestPlausibleDay
        today = max(day, earliestPlausibleDay)
    }
}

/// The screen families' own pages, for front ends and tests that ask where the kiosk is.
extension WizardState {
    /// The service under way, carried by its screen; changing it changes the screen. Leaving the
    /// service is a change of screen (`show`), never an assignment of nil here.
    var visit: ServiceVisit? {
        get { if case let .service(visit) = screen { return visit } else { return nil } }
        set {
            assert(newValue != nil, "leave a service by showing another screen")
            if let newValue { screen = .service(newValue) }
        }
    }

    public internal(set) var session: Session? {
        get { visit?.session }
        set {
            assert(newValue != nil, "leave a service by showing another screen")
            if let newValue { visit?.session = newValue }
        }
    }

    /// Where in the service the resident is.
    public var step: ServiceVisit.Step? { visit?.step }
    public var page: Page? { visit?.page }

    public internal(set) var answersHidden: Bool {
        get { visit?.answersHidden ?? false }
        set { visit?.answersHidden = newValue }
    }

    public internal(set) var writingOther: Bool {
        get { visit?.writingOther ?? false }
        set { visit?.writingOther = newValue }
    }

    /// The helper's login, while it is on screen.
    public var helperLogin: HelperLoginRoom? {
        if case let .helperLogin(room) = screen { return room }
        return nil
    }

    public var dashboardPage: DashboardRoom.Page? {
        if case let .dashboard(room) = screen { return room.page }
        return nil
    }

    /// The confirmation or the rating, and the submission they are about.
    public var receipt: ReceiptRoom? {
        if case let .receipt(room) = screen { return room }
        return nil
    }
}
