/// What may stand on a double-size row, and how a line is put there.
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

    /// Puts one line on the two rows from `top` (top half, then bottom half), in the columns of a
    /// double row: `area`'s columns halved. Both rows carry the same text; the terminal shows the
    /// upper half of the glyphs on one and the lower half on the other.
    static func put(_ line: String, top: Int, in area: Rect, centred: Bool, style: Style, into b: inout ScreenBuffer) {
        let columns = area.width / 2
        let left = (area.column + 1) / 2 + (centred ? DisplayWidth.centreOffset(line, in: columns) : 0)
        for (row, half) in [(top, DoubleRow.top), (top + 1, DoubleRow.bottom)] {
            b.put(DisplayWidth.truncate(line, to: columns), row: row, column: left, style: style)
            b.doubleRows[row] = half
        }
    }
}
