import Foundation
import KioskCore
import KioskOutbox

/// What every command starts from: the data files, the command line over the configuration file,
/// the strings for messages, and the portal key checked (a kiosk must never look sealed when it
/// is not). Nil after saying what is wrong.
public struct Invocation {
    public let resources: Resources
    public let options: Options
    /// Messages come in the language asked for (`--locale`, `locale`), else the system's
    /// (`LC_ALL`, `LC_MESSAGES`, `LANG`), else Chinese.
    public let strings: Strings
    public let environment: [String: String]
    public let sealer: SubmissionSealer?
    private let tables: LocaleTables

    /// The strings of a display language, each file read once, when first asked for.
    public var lookup: @Sendable (String) -> Strings { { [tables] in tables.strings($0) } }

    public static func prepare(_ args: [String], environment: [String: String]) -> Invocation? {
        guard let resources = Resources.locate(environment: environment) else {
            CareKiosk.printError("carekiosk: cannot find locales/zh-Hans.json; set CAREKIOSK_HOME to the folder that holds locales/ and catalog/")
            return nil
        }
        // Until the command line is read, messages come in the language it names, else the system's.
        let system = SystemLocale.tag(environment, available: resources.availableLocales)
        let requested = args.firstIndex(of: "--locale").flatMap { args.indices.contains($0 + 1) ? args[$0 + 1] : nil }
        var strings: Strings
        do { strings = try resources.strings(requested.flatMap { resources.availableLocales.contains($0) ? $0 : nil } ?? system ?? Catalog.fallbackLocale) }
        catch { CareKiosk.printError("carekiosk: \(error)"); return nil }
        var options: Options
        do { options = try Options.parse(args) } catch {
            CareKiosk.printError(error.message(strings))
            return nil
        }
        do { options = try Configuration.apply(to: options, environment: environment) } catch {
            CareKiosk.printError(error.message(strings))
            return nil
        }
        if let locale = options.locale, !resources.availableLocales.contains(locale) {
            CareKiosk.printError(strings.tr(.cliUnknownLocale(locale: locale, available: resources.availableLocales.joined(separator: ", "))))
            return nil
        }
        // From here on, in the language of the command line or the configuration, else the system's.
        if let chosen = options.locale ?? system, chosen != strings.locale {
            do { strings = try resources.strings(chosen) } catch { CareKiosk.printError("carekiosk: \(error)"); return nil }
        }
        let sealer: SubmissionSealer?
        do { sealer = try options.sealer() } catch {
            CareKiosk.printError(error.message(strings))
            return nil
        }
        return Invocation(resources: resources, options: options, strings: strings, environment: environment, sealer: sealer,
                          tables: LocaleTables(resources: resources, first: strings))
    }
}

/// The locale files, each read once, when first needed (a kiosk that never shows English never
/// reads en.json). A file that cannot be read falls back to the first table.
final class LocaleTables: @unchecked Sendable {
    private let resources: Resources
    private let first: Strings
    private let lock = NSLock()
    private var loaded: [String: Strings] = [:]

    init(resources: Resources, first: Strings) {
        self.resources = resources
        self.first = first
    }

    func strings(_ tag: String) -> Strings {
        if tag == first.locale { return first }
        return lock.withLock {
            if let table = loaded[tag] { return table }
            let table = (try? resources.strings(tag)) ?? first
            loaded[tag] = table
            return table
        }
    }
}
