/// The box a resident types into; the cursor mark sits at the end of what is typed, and a long
/// entry shows its end.
struct InputBox: Widget {
    var text: String
    var spacing: Int

    func rows(width: Int) -> Int? { 3 }

    var gapAfter: Int { spacing - 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        let boxWidth = min(area.width, max(24, DisplayWidth.of(text) + 4))
        let left = area.column
        b.put("┌" + String(repeating: "─", count: boxWidth - 2) + "┐", row: area.row, column: left, style: Style(.focus))
        b.put("│", row: area.row + 1, column: left, style: Style(.focus))
        let shown = DisplayWidth.of(text) > boxWidth - 4 ? "…" + String(text.suffix(boxWidth - 6)) : text
        let end = b.put(shown, row: area.row + 1, column: left + 2, style: Style(.text, bold: true))
        b.put("▏", row: area.row + 1, column: end, style: Style(.focus))
        b.put("│", row: area.row + 1, column: left + boxWidth - 1, style: Style(.focus))
        b.put("└" + String(repeating: "─", count: boxWidth - 2) + "┘", row: area.row + 2, column: left, style: Style(.focus))
    }
}
