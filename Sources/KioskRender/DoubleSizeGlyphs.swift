/// What may stand on a double-size row (`ScreenBuffer.putDouble`).
///
/// xterm 379 (Debian 12) draws a double-size row from its one TrueType font, scaled; a
/// character that font lacks comes from a fallback font, and xterm crashes drawing one of those
/// on a double-size row (seen with “ and ” under the kiosk's font setup, docs/kiosk.md). So a
/// double row holds only ASCII and full-width CJK characters; the few others the catalog and the
/// screen texts use become look-alikes from those ranges, and anything else a space.
enum DoubleSizeGlyphs {
    static let lookAlikes: [Character: String] = [
        "“": "〝", "”": "〞", "‘": "'", "’": "'", "…": "...", "—": "－", "–": "-",
        "·": "・", "•": "・", "→": "->", "≥": ">=", "≤": "<=", "×": "x",
    ]

    static func safe(_ text: String) -> String {
        var out = ""
        for c in text {
            if let v = c.unicodeScalars.first?.value, c.unicodeScalars.count == 1, (0x20...0x7E).contains(v) || isCJK(v) {
                out.append(c)
            } else if let replacement = lookAlikes[c] {
                out += replacement
            } else {
                out.append(" ")
            }
        }
        return out
    }

    /// Full-width CJK ranges the kiosk font (Noto Sans Mono CJK SC) draws itself.
    static func isCJK(_ v: UInt32) -> Bool {
        (0x2E80...0x303E).contains(v) || (0x3041...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
            || (0xFE30...0xFE4F).contains(v) || (0xFF01...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
    }
}
