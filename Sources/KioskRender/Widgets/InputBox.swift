/// The box a resident types into. A long entry wraps inside the box (up to `maxLines` lines,
/// then the end is shown, which is where typing goes on); the cursor mark sits after the last
/// character, inside the box.
///
/// `double`: the answer at twice the height and width, on a pair of double rows with a line under
/// it the width of the field. Line-drawing box sides would not line up with the single rows above
/// and below, so the field is underlined instead of boxed; a long entry shows its end.
struct InputBox: Widget {
    var text: String
    var spacing: Int
    var double = false
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

    func rows(width: Int) -> Int? { double ? 3 : lines(width: width).count + 2 }

    var gapAfter: Int { spacing - 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        guard !double else { return drawUnderlined(in: area, into: &b) }
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

    private func drawUnderlined(in area: Rect, into b: inout ScreenBuffer) {
        let columns = area.width / 2
        let fieldColumns = min(columns, max(12, DisplayWidth.of(text) + 2))
        let safe = DoubleSizeGlyphs.safe(text)
        // "_" and "..." rather than the "▏" and "…" of the box: a double row shows neither.
        let shown = DisplayWidth.of(safe) > fieldColumns - 1 ? "..." + String(safe.suffix(max(1, fieldColumns - 5))) : safe
        b.putDouble(DisplayWidth.truncate(shown + "_", to: columns), row: area.row, column: area.column, style: Style(.text, bold: true))
        b.put(String(repeating: "─", count: min(area.width, fieldColumns * 2)), row: area.row + 2, column: area.column, style: Style(.focus))
    }
}
