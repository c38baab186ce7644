import Foundation
import KioskCore
import KioskOutbox
import KioskRender
import KioskSync
import KioskSpeech

/// `carekiosk` and its subcommands. Returns the exit status; prints nothing but words meant for people.
public enum CareKiosk {
    public static func main(_ args: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        guard let resources = Resources.locate(environment: environment) else {
            printError("carekiosk: cannot find locales/zh-Hans.json; set CAREKIOSK_HOME to the folder that holds locales/ and catalog/")
            return 2
        }
        // Messages about the command line itself come in the default language, or the one asked for.
        let requested = args.firstIndex(of: "--locale").flatMap { args.indices.contains($0 + 1) ? args[$0 + 1] : nil }
        let strings: Strings
        do { strings = try resources.strings(requested.flatMap { resources.availableLocales.contains($0) ? $0 : nil } ?? Catalog.fallbackLocale) }
        catch { printError("carekiosk: \(error)"); return 2 }

        var options: Options
        do { options = try Options.parse(args) } catch {
            printError(describe(error, strings))
            return 2
        }
        do { options = try Configuration.load(explicit: options.configPath, environment: environment).merged(with: options) } catch {
            printError(error.message(strings))
            return 2
        }
        if let locale = options.locale, !resources.availableLocales.contains(locale) {
            printError(strings.tr("cli.unknown_locale", ["locale": locale, "available": resources.availableLocales.joined(separator: ", ")]))
            return 2
        }
        // A portal key that is given must be usable, whatever the command: a kiosk must never look sealed when it is not.
        let sealer: SubmissionSealer?
        do { sealer = try options.sealer() } catch {
            printError(error.message(strings))
            return 2
        }
        switch options.command {
        case .help:
            print(strings.tr("cli.usage"))
            return 0
        case let .catalogCheck(files):
            return checkCatalogs(files, strings)
        case .kiosk:
            return runKiosk(options, resources, strings, environment, sealer: sealer)
        case .sync:
            return SyncCommand.run(options, strings, environment)
        case .status:
            return StatusCommand.run(options, strings, environment)
        case .export:
            return BundleCommands.export(options, strings, environment)
        case let .upload(file):
            return BundleCommands.upload(file, options, strings, environment)
        case let .importReceipts(file):
            return BundleCommands.importReceipts(file, options, strings, environment)
        case .auditVerify:
            return BundleCommands.verifyAudit(options, strings, environment)
        case let .helperAdd(id, name):
            return HelperCommand.add(id, name, options, strings, environment)
        case let .speak(text):
            return SpeakCommand.run(text, options, SpeechSetup(resources, strings: { (try? resources.strings($0)) ?? strings }), strings)
        }
    }

    static func describe(_ error: Options.ParseError, _ s: Strings) -> String {
        switch error {
        case let .unknownOption(o): return s.tr("cli.unknown_option", ["option": o])
        case let .missingValue(o): return s.tr("cli.missing_value", ["option": o])
        case let .badValue(o, v): return s.tr("cli.bad_value", ["option": o, "value": v])
        case .missingFile: return s.tr("cli.missing_file")
        }
    }

    /// Loads a catalog file, or gives one line per problem: `FILE: PATH: what is wrong`.
    static func loadCatalog(_ path: String, _ s: Strings) -> (catalog: Catalog?, problems: [String]) {
        let data: Data
        do { data = try BoundedFile.read(URL(fileURLWithPath: path), limit: CatalogUpdater.largestCatalog) } catch {
            return (nil, [error.message(s)])
        }
        switch CatalogLoader.load(data) {
        case let .success(catalog): return (catalog, [])
        case let .failure(error): return (nil, error.problems.map { "\(path): \($0.path): \($0.message(s))" })
        }
    }

    static func checkCatalogs(_ files: [String], _ s: Strings) -> Int32 {
        var status: Int32 = 0
        for file in files {
            let loaded = loadCatalog(file, s)
            if let catalog = loaded.catalog {
                print(s.tr("catalog.ok", ["file": file, "count": "\(catalog.services.count)", "version": catalog.version]))
            } else {
                loaded.problems.forEach(printError)
                status = 1
            }
        }
        return status
    }

    static func runKiosk(_ options: Options, _ resources: Resources, _ strings: Strings, _ environment: [String: String],
                         sealer: SubmissionSealer?) -> Int32 {
        guard let data = openDataFolder(options, strings, environment) else { return 2 }
        let clock = AppClock(environment: environment)
        let catalog: Catalog
        switch chooseCatalog(options, resources, data, strings) {
        case let .success(c): catalog = c
        case let .failure(problems):
            printError(strings.tr("catalog.refused"))
            problems.lines.forEach(printError)
            return 2
        }
        let locale = options.locale ?? Catalog.fallbackLocale
        var byLocale: [String: Strings] = [strings.locale: strings]
        for tag in resources.availableLocales where byLocale[tag] == nil {
            do { byLocale[tag] = try resources.strings(tag) } catch { printError("carekiosk: \(error)"); return 2 }
        }
        let tables = byLocale
        let lookup: @Sendable (String) -> Strings = { tables[$0] ?? strings }
        let plain = options.plain || !isInteractive(environment)
        var state = WizardState(catalog: catalog, kioskID: kioskID(options, environment),
                                today: clock.now().civilDate, locale: locale,
                                availableLocales: resources.availableLocales, careMode: options.careMode ?? true,
                                speechVoice: options.voice.flatMap(SpeechVoice.init(option:)))
        // Plain mode serves screen readers, which speak for themselves: it is silent unless --voice is given.
        let speaker: Speaker? = plain && options.voice == nil ? nil
            : ESpeakSpeaker(texts: SpeechSetup(resources, strings: lookup).text)
        if let seconds = options.inactivitySeconds { state.inactivityTimeout = seconds }
        state.earliestPlausibleDay = ClockCheck.earliestPlausibleDay(newestCatalog: CatalogUpdater.storedDay(in: data))
        let runtime = KioskRuntime(state: state, data: data, clock: clock.now, speaker: speaker, speechStrings: lookup,
                                   volume: options.volume ?? SpeechSettings.defaultVolume)
        runtime.sealer = sealer
        runtime.usbFolder = options.usbFolder.map { URL(fileURLWithPath: $0) }
        if options.portalURL != nil {
            // A portal that is configured wrongly is said once, on the way in; the kiosk still works offline.
            do {
                let settings = try options.portalSettings(kioskID: state.kioskID)
                runtime.sync = BackgroundSync(data: data, client: PortalClient(settings: settings), batchSize: options.batchSize ?? 50)
                runtime.sync?.start()
            } catch {
                printError(error.message(strings))
            }
        }
        runtime.start()
        if plain {
            PlainMode(runtime: runtime, strings: lookup).run()
            return 0
        }
        let careTheme: Theme, standardTheme: Theme
        do {
            careTheme = try resources.theme(options.careTheme)
            standardTheme = try resources.theme("standard")
        } catch {
            printError("carekiosk: \(error)")
            return 2
        }
        return TerminalFrontEnd(runtime: runtime, strings: lookup, glyphs: UnifontHex(), careTheme: careTheme,
                                standardTheme: standardTheme, kiosk: options.kiosk).run()
    }

    struct CatalogProblems: Error { var lines: [String] }

    /// `--catalog FILE` if given; else the last good catalog downloaded from the portal; else the bundled one.
    static func chooseCatalog(_ options: Options, _ resources: Resources, _ data: DataFolder, _ strings: Strings) -> Result<Catalog, CatalogProblems> {
        if options.catalogPath == nil, let downloaded = CatalogUpdater.stored(in: data) { return .success(downloaded) }
        let loaded = loadCatalog(options.catalogPath ?? resources.defaultCatalog.path, strings)
        guard let catalog = loaded.catalog else { return .failure(CatalogProblems(lines: loaded.problems)) }
        return .success(catalog)
    }

    /// The full screen needs a terminal on both ends and a TERM that can address the screen.
    static func isInteractive(_ environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return isatty(0) == 1 && isatty(1) == 1 && !term.isEmpty && term != "dumb"
    }

    /// `--kiosk-id` or `kiosk_id`, else the default.
    static func kioskID(_ options: Options, _ environment: [String: String]) -> String {
        options.kioskID ?? defaultKioskID(environment)
    }

    static func defaultKioskID(_ environment: [String: String]) -> String {
        if let id = environment["CAREKIOSK_KIOSK_ID"], !id.isEmpty { return id }
        return "kiosk-" + ProcessInfo.processInfo.hostName.lowercased()
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.clean(line) + "\n").utf8))
    }
}
