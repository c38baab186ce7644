import Foundation

/// The UI strings of one display language, loaded from `locales/<tag>.json`, worded from a
/// `Phrase` (generated from the locale files, so that a key the code names exists and each of its
/// placeholders is given).
public struct Strings: Sendable {
    public let locale: String
    public let table: [String: String]

    public init(locale: String, table: [String: String]) {
        self.locale = locale
        self.table = table
    }

    /// Parses a locale file: one flat JSON object of key to string.
    public init(locale: String, json data: Data) throws {
        guard case let .object(members) = try JSONValue.parse(data) else {
            throw StringsError.notAnObject(locale)
        }
        var table: [String: String] = [:]
        for (key, value) in members {
            guard let s = value.stringValue else { throw StringsError.notAString(locale, key) }
            table[key] = s
        }
        self.init(locale: locale, table: table)
    }

    /// The words of `phrase` with its `{name}` placeholders filled in, in one pass over the text
    /// (a value that itself holds `{other}` stays as it is). A key missing from the locale file
    /// stops a debug build and the tests; a released kiosk shows the key rather than nothing.
    /// `Phrase` is generated from the locale files, so the code gives every placeholder a value.
    public func tr(_ phrase: Phrase) -> String {
        guard let template = table[phrase.key] else {
            assertionFailure("locales/\(locale).json has no \(phrase.key)")
            return phrase.key
        }
        let args = phrase.arguments
        guard !args.isEmpty, template.contains("{") else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}"), let value = args[String(rest[rest.index(after: open)..<close])] else {
                out.append("{")
                rest = rest[rest.index(after: open)...]
                continue
            }
            out += value
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }
}

public enum StringsError: Error, CustomStringConvertible {
    case notAnObject(String)
    case notAString(String, String)

    public var description: String {
        switch self {
        case let .notAnObject(locale): return "locales/\(locale).json: not a JSON object"
        case let .notAString(locale, key): return "locales/\(locale).json: \(key): not a string"
        }
    }
}
