/// Text wrapped to the width, one line every `spacing` rows (2 in care mode), left or centred.
/// Wrapped once, when made for its width: measuring and drawing use the same lines.
struct Paragraph: Widget {
    let lines: [String]
    let width: Int
    var style: Style
    var spacing: Int
    var centred = false

    init(text: String, width: Int, style: Style, spacing: Int, centred: Bool = false) {
        lines = DisplayWidth.wrap(text, width: width)
        self.width = width
        self.style = style
        self.spacing = spacing
        self.centred = centred
    }

    func rows(width: Int) -> Int? {
        guard width == self.width else { return nil }
        return lines.isEmpty ? 0 : (lines.count - 1) * spacing + 1
    }

    var gapAfter: Int { spacing - 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        for (i, line) in lines.enumerated() {
            let column = centred ? area.column + DisplayWidth.centreOffset(line, in: area.width) : area.column
            b.put(line, row: area.row + i * spacing, column: column, style: style)
        }
    }
}
