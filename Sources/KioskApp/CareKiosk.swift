import Foundation
import KioskCore
import KioskOutbox

/// `carekiosk` and its subcommands. Returns the exit status; prints nothing but words meant for
/// people. The commands that talk to the portal (`sync`, `upload`) run in `carekiosk-sender`,
/// the one program that links the networking library; this one hands them over.
public enum CareKiosk {
    public static func main(_ args: [String], environment: [String: String] = ProcessInfo.processInfo.environment) -> Int32 {
        guard let invocation = Invocation.prepare(args, environment: environment) else { return 2 }
        let (options, strings) = (invocation.options, invocation.strings)
        switch options.command {
        case .help:
            print(HelpText.text(strings))
            return 0
        case let .catalogCheck(files):
            return CatalogCheck.run(files, strings)
        case .kiosk:
            return KioskLaunch.run(invocation)
        case .sync, .upload:
            SenderProgram.exec(args, strings)
        case .status:
            return StatusCommand.run(options, strings, environment)
        case .export:
            return BundleCommands.export(options, strings, environment)
        case let .importReceipts(file):
            return BundleCommands.importReceipts(file, options, strings, environment)
        case .auditVerify:
            return BundleCommands.verifyAudit(options, strings, environment)
        case let .helperAdd(id, name):
            return HelperCommand.add(id, name, options, strings, environment)
        case let .speak(text):
            return SpeakCommand.run(text, options, SpeechSetup(invocation.resources, strings: invocation.lookup), strings)
        }
    }

    /// `--kiosk-id` or `kiosk_id`, else the default.
    public static func kioskID(_ options: Options, _ environment: [String: String]) -> String {
        options.kioskID ?? defaultKioskID(environment)
    }

    static func defaultKioskID(_ environment: [String: String]) -> String {
        if let id = environment["CAREKIOSK_KIOSK_ID"], !id.isEmpty { return id }
        return "kiosk-" + ProcessInfo.processInfo.hostName.lowercased()
    }

    public static func printError(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.clean(line) + "\n").utf8))
    }

    /// A line of a command's output, cleaned of control characters like every message.
    public static func printOut(_ line: String) {
        print(TerminalText.clean(line))
    }
}

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
            CareKiosk.printError(strings.tr(.cliUnknownLocale, ["locale": locale, "available": resources.availableLocales.joined(separator: ", ")]))
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

/// `carekiosk-sender`, beside this program.
enum SenderProgram {
    static var path: String {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("carekiosk-sender").path
    }

    /// Hands a portal command to the sender: the same arguments, the same standard streams.
    static func exec(_ args: [String], _ s: Strings) -> Never {
        let argv = ([path] + args).map { strdup($0) } + [nil]
        execv(path, argv)
        CareKiosk.printError(s.tr(.senderMissing, ["path": path]))
        exit(2)
    }
}
