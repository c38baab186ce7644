import Foundation

/// Characters the kiosk's own screen cannot draw. The session's terminal (xterm with one font,
/// scripts/session/fonts.conf) takes Latin-1 and its neighbours, U+0080–U+02FF, out of its font
/// so that Chinese sits edge to edge, and xterm takes no other font for them: "·" came out as an
/// empty box on a screenshot (docs/kiosk.md, "Characters the session draws"). Characters above
/// come from the font or a fallback font; scripts/session_font_test.py checks the shipped texts
/// against the fonts themselves.
public enum UndrawableText {
    public static func characters(in text: String) -> [Character] {
        var seen: [Character] = []
        for ch in text where ch.unicodeScalars.contains(where: { (0x80...0x2FF).contains($0.value) }) && !seen.contains(ch) {
            seen.append(ch)
        }
        return seen
    }

    /// Every text of a catalog with such a character, by its JSON path (the paths of
    /// `CatalogProblem`). Pronunciations are spoken and never shown.
    public static func inCatalog(_ data: Data) -> [(path: String, characters: [Character])] {
        guard let root = try? JSONValue.parse(data) else { return [] }
        var found: [(path: String, characters: [Character])] = []
        func walk(_ value: JSONValue, _ path: String) {
            switch value {
            case let .string(text):
                let bad = characters(in: text)
                if !bad.isEmpty { found.append((path, bad)) }
            case let .array(items):
                for (index, item) in items.enumerated() { walk(item, "\(path)[\(index)]") }
            case let .object(members):
                for (key, item) in members where key != "pronunciations" {
                    walk(item, path.isEmpty ? key : "\(path).\(key)")
                }
            default: break
            }
        }
        walk(root, "")
        return found
    }
}
