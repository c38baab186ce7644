import Foundation
import KioskCommandLine
import KioskCore
import KioskOutbox
import KioskRender
import KioskSpeech
import KioskSync
import KioskTerminal

/// `carekiosk` with no command: the kiosk itself, on the full screen or in plain line mode.
/// Only what the first screen needs is done before it is shown; speech starts after it.
enum KioskLaunch {
    static func run(_ invocation: Invocation) -> Int32 {
        let (options, strings, environment) = (invocation.options, invocation.strings, invocation.environment)
        guard let data = CareKiosk.openDataFolder(options, strings, environment) else { return 2 }
        let clock = AppClock(environment: environment)
        let catalog: Catalog
        // The downloaded catalog's publication day also bounds the clock (ClockCheck).
        let downloaded = CatalogUpdater.stored(in: data)
        if options.catalogPath == nil, let downloaded {
            catalog = downloaded
        } else {
            switch CatalogCheck.load(options.catalogPath ?? invocation.resources.defaultCatalog.path, strings) {
            case let .success(c): catalog = c
            case let .failure(problems):
                CareKiosk.printError(strings.tr(.catalogRefused))
                problems.lines.forEach(CareKiosk.printError)
                return 2
            }
        }
        // Plain mode serves screen readers, which speak for themselves: it is silent unless --voice is given.
        let plain = options.plain || !isInteractive(environment)
        let setup = KioskSetup(kioskID: CareKiosk.kioskID(options, environment), locale: options.locale ?? Catalog.fallbackLocale,
                               availableLocales: invocation.resources.availableLocales, careMode: options.careMode ?? true,
                               speechVoice: options.voice.flatMap(SpeechVoice.init(option:)),
                               inactivityTimeout: options.inactivitySeconds ?? 120,
                               earliestPlausibleDay: ClockCheck.earliestPlausibleDay(catalog: downloaded))
        let sender = senderLink(options, data, strings, kioskID: setup.kioskID)
        let work = QueueWork(data: data, clock: clock.now, strings: invocation.lookup)
        let interpreter = KioskEffects(work: work,
                                       sealer: invocation.sealer, usbFolder: options.usbFolder.map { URL(fileURLWithPath: $0) },
                                       sender: sender, volume: options.volume ?? SpeechSettings.defaultVolume,
                                       catalogStamp: catalogStamp(data), readings: catalog.readings)
        var state = WizardState(catalog: catalog, setup: setup, today: clock.now().civilDate)
        state.restore(loginGuard: work.keptLoginGuard())
        let runtime = KioskRuntime(state: state, interpreter: interpreter, clock: clock.now)
        Exporter(data: data).finishInterrupted(at: clock.now())
        // A rating or a call for staff handed to the worker is written before the kiosk ends.
        defer {
            interpreter.finishWrites()
            sender?.stop()
        }
        sender?.keepRunning()
        // The first screen shows the queue as it is; the sender's status and the rest come with
        // the first tick, after the first screen.
        runtime.send(.setWaitingCount(data.submissions.waitingCount))
        let speak = {
            guard !plain || options.voice != nil else { return }
            let speaker = ESpeakSpeaker(texts: SpeechSetup(invocation.resources, strings: invocation.lookup).text)
            interpreter.attach(speaker, volume: options.volume ?? SpeechSettings.defaultVolume)
            runtime.startSpeaking(invocation.lookup)
        }
        if plain {
            let front = PlainMode(runtime: runtime, strings: invocation.lookup)
            speak()
            return front.run()
        }
        let careTheme: Theme, standardTheme: Theme
        do {
            careTheme = try invocation.resources.theme(options.careTheme ?? "care")
            standardTheme = try invocation.resources.theme("standard")
        } catch {
            CareKiosk.printError(ThemeMessages.describe(error, strings, available: invocation.resources.themeNames))
            return 2
        }
        let doubleSize = DoubleSizeCapability.enabled(options.doubleSizeText, environment: environment)
        guard let terminal = Terminal(kiosk: options.kiosk) else {
            CareKiosk.printError(strings.tr(.cliNoTerminal(term: environment["TERM"] ?? "")))
            return 2
        }
        defer { terminal.end() }
        terminal.followsThemeBackground = doubleSize // xterm, where OSC 11 is known
        let front = TerminalFrontEnd(runtime: runtime, strings: invocation.lookup, glyphs: UnifontHex(),
                                     careTheme: careTheme, standardTheme: standardTheme, doubleSize: doubleSize)
        // Under systemd: ready once the resident sees the first screen, then a heartbeat from the
        // loop that answers keys, so that a screen that hangs is restarted (docs/kiosk.md).
        let service = ServiceNotifier(environment: environment)
        return front.run(terminal, afterFirstFrame: {
            service?.ready()
            speak()
        }, eachTurn: { service?.loopTurned() })
    }

    /// The sender for a configured portal; a portal that is configured wrongly is said once, on
    /// the way in, and the kiosk works offline.
    static func senderLink(_ options: Options, _ data: DataFolder, _ strings: Strings, kioskID: String) -> SenderLink? {
        guard options.portalURL != nil else { return nil }
        do { _ = try options.portalSettings(kioskID: kioskID) } catch {
            CareKiosk.printError(error.message(strings))
            return nil
        }
        return SenderLink(executable: SenderProgram.path, arguments: options.senderArguments(dataDir: data.root.path, kioskID: kioskID),
                          data: data, timeout: options.requestTimeout)
    }

    static func catalogStamp(_ data: DataFolder) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: data.catalogFolder.appendingPathComponent("current.json").path))?[.modificationDate] as? Date
    }

    /// The full screen needs a terminal on both ends and a TERM that can address the screen.
    static func isInteractive(_ environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return isatty(0) == 1 && isatty(1) == 1 && !term.isEmpty && term != "dumb"
    }
}

