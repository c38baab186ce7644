import Foundation
import KioskCore

/// Where the kiosk's data files live: `locales/`, `themes/`, `catalog/default.json`. The screen
/// reads a theme with `theme(_:)`, in KioskApp (themes are KioskRender's).
/// `CAREKIOSK_HOME` names the folder; otherwise the kiosk looks upward from its own executable,
/// which finds the source tree when run from `.build/`, and an installed `share/carekiosk`.
public struct Resources: Sendable {
    public let root: URL

    public init(root: URL) { self.root = root }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> Resources? {
        if let home = environment["CAREKIOSK_HOME"], !home.isEmpty {
            return Resources(root: URL(fileURLWithPath: home))
        }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        while dir.path != "/" {
            for candidate in [dir, dir.appendingPathComponent("share/carekiosk")] {
                if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("locales/zh-Hans.json").path) {
                    return Resources(root: candidate)
                }
            }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    public var defaultCatalog: URL { root.appendingPathComponent("catalog/default.json") }
    public var localesFolder: URL { root.appendingPathComponent("locales") }

    /// Display languages there are locale files for, zh-Hans first.
    public var availableLocales: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: localesFolder.path)) ?? []
        let tags = names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        return tags.filter { $0 == Catalog.fallbackLocale } + tags.filter { $0 != Catalog.fallbackLocale }
    }

    /// The themes `--care-theme` may name: the files in themes/, without `.json`.
    public var themeNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("themes").path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    public func strings(_ locale: String) throws -> Strings {
        let url = localesFolder.appendingPathComponent("\(locale).json")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ResourceError.missingLocale(url.path) }
        return try Strings(locale: locale, json: data)
    }
}

public enum ResourceError: Error, CustomStringConvertible {
    case missingLocale(String)
    case missingTheme(String)

    public var description: String {
        switch self {
        case let .missingLocale(path): return "\(path): locale file not found"
        case let .missingTheme(path): return "\(path): theme file not found"
        }
    }
}
