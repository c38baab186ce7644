/// Text in Unifont half-block glyphs, eight times normal size, centred: the care-mode heading
/// and key figures (the reference number) where the terminal cannot enlarge text itself.
struct BigGlyphs: Widget {
    var lines: [String]?
    var style: Style

    init(_ text: String, glyphs: GlyphSource?, style: Style) {
        lines = glyphs.flatMap { BigText.render(text, glyphs: $0) }
        self.style = style
    }

    func rows(width: Int) -> Int? {
        guard let lines, let first = lines.first, DisplayWidth.of(first) <= width else { return nil }
        return lines.count
    }

    var gapAfter: Int { 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        for (i, line) in (lines ?? []).enumerated() {
            b.put(line, row: area.row + i, column: area.column + DisplayWidth.centreOffset(line, in: area.width), style: style)
        }
    }
}
