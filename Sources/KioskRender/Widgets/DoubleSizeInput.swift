/// The answer being typed, at double size: the text and a cursor mark on a double row, a line
/// under it the width of the field. Line-drawing box sides would not line up with the single
/// rows above and below, so the field is underlined instead of boxed. A long entry shows its end.
struct DoubleSizeInput: Widget {
    var text: String
    var gap: Int

    func rows(width: Int) -> Int? { 3 }

    var gapAfter: Int { gap }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        let columns = area.width / 2
        let fieldColumns = min(columns, max(12, DisplayWidth.of(text) + 2))
        let safe = DoubleSizeGlyphs.safe(text)
        // "_" and "..." rather than the "▏" and "…" of the single-size box: see DoubleSizeGlyphs.
        let shown = DisplayWidth.of(safe) > fieldColumns - 1 ? "..." + String(safe.suffix(max(1, fieldColumns - 5))) : safe
        DoubleSizeGlyphs.put(shown + "_", top: area.row, in: area, centred: false,
                             style: Style(.text, bold: true), into: &b)
        b.put(String(repeating: "─", count: min(area.width, fieldColumns * 2)), row: area.row + 2, column: area.column, style: Style(.focus))
    }
}
