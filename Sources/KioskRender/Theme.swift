import Foundation
import KioskCore

/// Colours per role, from a file in `themes/`. Colours are xterm palette indices (0-255) or the
/// names of the 16 basic colours; contrast is computed from xterm's default palette.
public struct Theme: Equatable, Sendable {
    public var name: String
    /// A care theme needs 7:1 contrast for every text colour, not 4.5:1.
    public var isCare: Bool
    public var colors: [Role: Int]

    public static let basicNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
                                    "bright-black", "bright-red", "bright-green", "bright-yellow",
                                    "bright-blue", "bright-magenta", "bright-cyan", "bright-white"]

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case syntax(String, line: Int, column: Int)
        case missingRole(String, Role)
        case badColour(String, Role, String)

        public var description: String {
            switch self {
            case let .syntax(file, line, column): return "\(file): JSON syntax error at line \(line), column \(column)"
            case let .missingRole(file, role): return "\(file): colors.\(role.rawValue): missing"
            case let .badColour(file, role, value): return "\(file): colors.\(role.rawValue): \"\(value)\" is not a colour (0-255 or a basic colour name)"
            }
        }
    }

    public static func load(_ data: Data, file: String) throws(LoadError) -> Theme {
        let json: JSONValue
        do { json = try JSONValue.parse(data) } catch { throw .syntax(file, line: error.line, column: error.column) }
        var colors: [Role: Int] = [:]
        for role in Role.allCases {
            guard let value = json["colors"]?[role.rawValue] else { throw .missingRole(file, role) }
            if let index = value.intValue, (0...255).contains(index) { colors[role] = index }
            else if let name = value.stringValue, let index = basicNames.firstIndex(of: name) { colors[role] = index }
            else { throw .badColour(file, role, value.stringValue ?? value.encoded()) }
        }
        return Theme(name: json["name"]?.stringValue ?? file, isCare: json["care_mode"]?.boolValue ?? false, colors: colors)
    }

    public func color(_ role: Role) -> Int { colors[role] ?? 7 }

    /// The roles drawn as text on the background.
    public static let textRoles: [Role] = [.text, .heading, .focus, .error, .success, .muted]
}

/// xterm's default 256-colour palette and the WCAG 2 contrast ratio.
public enum Palette {
    static let basic: [(Int, Int, Int)] = [
        (0x00, 0x00, 0x00), (0xCD, 0x00, 0x00), (0x00, 0xCD, 0x00), (0xCD, 0xCD, 0x00),
        (0x00, 0x00, 0xEE), (0xCD, 0x00, 0xCD), (0x00, 0xCD, 0xCD), (0xE5, 0xE5, 0xE5),
        (0x7F, 0x7F, 0x7F), (0xFF, 0x00, 0x00), (0x00, 0xFF, 0x00), (0xFF, 0xFF, 0x00),
        (0x5C, 0x5C, 0xFF), (0xFF, 0x00, 0xFF), (0x00, 0xFF, 0xFF), (0xFF, 0xFF, 0xFF),
    ]

    public static func rgb(_ index: Int) -> (Int, Int, Int) {
        switch index {
        case 0..<16: return basic[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let i = index - 16
            return (levels[i / 36], levels[(i / 6) % 6], levels[i % 6])
        default:
            let grey = 8 + (index - 232) * 10
            return (grey, grey, grey)
        }
    }

    public static func luminance(_ index: Int) -> Double {
        let (r, g, b) = rgb(index)
        func channel(_ v: Int) -> Double {
            let s = Double(v) / 255
            return s <= 0.03928 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }

    public static func contrast(_ a: Int, _ b: Int) -> Double {
        let (la, lb) = (luminance(a), luminance(b))
        return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
    }
}
