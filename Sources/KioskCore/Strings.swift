import Foundation

/// The UI strings of one display language, loaded from `locales/<tag>.json`.
/// Every key is written literally as a `tr` call with a string literal somewhere in Sources/, so a test can check
/// that each key exists in every locale file and that no file holds an unused key.
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

    /// The string for `key` with `{name}` placeholders filled in.
    public func tr(_ key: String, _ args: [String: String] = [:]) -> String {
        var text = table[key] ?? key
        for (name, value) in args { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
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
