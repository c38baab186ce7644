/// The box a resident types into. A long entry wraps inside the box (up to `maxLines` lines,
/// then the end is shown, which is where typing goes on); the cursor mark sits after the last
/// character, inside the box.
struct InputBox: Widget {
    var text: String
    var spacing: Int
    static let maxLines = 3
    static let minimumWidth = 24

    /// The lines shown for a box `width` columns wide: "│ " + text + the cursor + "│".
    func lines(width: Int) -> [String] {
        let inner = max(1, width - 5)
        let wrapped = text.isEmpty ? [""] : DisplayWidth.wrap(text, width: inner)
        guard wrapped.count > InputBox.maxLines else { return wrapped }
        var shown = Array(wrapped.suffix(InputBox.maxLines))
        shown[0] = "…" + DisplayWidth.truncate(shown[0], to: inner - 1)
        return shown
    }

    func rows(width: Int) -> Int? { lines(width: width).count + 2 }

    var gapAfter: Int { spacing - 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        let lines = lines(width: area.width)
        let widest = lines.map(DisplayWidth.of).max() ?? 0
        let boxWidth = min(area.width, max(InputBox.minimumWidth, widest + 5))
        let left = area.column
        b.put("┌" + String(repeating: "─", count: boxWidth - 2) + "┐", row: area.row, column: left, style: Style(.focus))
        for (i, line) in lines.enumerated() {
            let row = area.row + 1 + i
            b.put("│", row: row, column: left, style: Style(.focus))
            let end = b.put(line, row: row, column: left + 2, style: Style(.text, bold: true))
            if i == lines.count - 1 { b.put("▏", row: row, column: end, style: Style(.focus)) }
            b.put("│", row: row, column: left + boxWidth - 1, style: Style(.focus))
        }
        b.put("└" + String(repeating: "─", count: boxWidth - 2) + "┘", row: area.row + lines.count + 1, column: left, style: Style(.focus))
    }
}
