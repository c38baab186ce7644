/// Text wrapped to the width, one line every `spacing` rows (2 in care mode), left or centred.
struct Paragraph: Widget {
    var text: String
    var style: Style
    var spacing: Int
    var centred = false

    func rows(width: Int) -> Int? {
        let lines = DisplayWidth.wrap(text, width: width).count
        return lines == 0 ? 0 : (lines - 1) * spacing + 1
    }

    var gapAfter: Int { spacing - 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        for (i, line) in DisplayWidth.wrap(text, width: area.width).enumerated() {
            let column = centred ? area.column + DisplayWidth.centreOffset(line, in: area.width) : area.column
            b.put(line, row: area.row + i * spacing, column: column, style: style)
        }
    }
}
