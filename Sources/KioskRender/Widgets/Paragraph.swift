/// Text wrapped to the width, left or centred. At its own size one line every `spacing` rows (2 in
/// care mode); `double`, at twice the height and width, each line a pair of double rows with the
/// next pair right under it, wrapped at half the width (care mode where the terminal draws
/// double rows). Wrapped once, when made for its width: measuring and drawing use the same lines.
struct Paragraph: Widget {
    let lines: [String]
    let width: Int
    var style: Style
    var spacing: Int
    var centred = false
    let double: Bool
    /// Blank rows before the next widget: `spacing - 1` unless told (the reference keeps one).
    let gapAfter: Int

    init(text: String, width: Int, style: Style, spacing: Int, centred: Bool = false, double: Bool = false, gap: Int? = nil) {
        lines = double ? DisplayWidth.wrapAtPhrases(DoubleSizeGlyphs.safe(text), width: max(1, width / 2)) : DisplayWidth.wrap(text, width: width)
        self.width = width
        self.style = style
        self.spacing = spacing
        self.centred = centred
        self.double = double
        gapAfter = gap ?? spacing - 1
    }

    /// Double lines already wrapped (a page of a longer text, `TextPages`), one pair under the next.
    init(doubleLines: [String], width: Int, style: Style, centred: Bool = false, gap: Int = 1) {
        lines = doubleLines
        self.width = width
        self.style = style
        spacing = 2
        self.centred = centred
        double = true
        gapAfter = gap
    }

    func rows(width: Int) -> Int? {
        guard width == self.width else { return nil }
        if double { return lines.count * 2 }
        return lines.isEmpty ? 0 : (lines.count - 1) * spacing + 1
    }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        guard double else {
            for (i, line) in lines.enumerated() {
                let column = centred ? area.column + DisplayWidth.centreOffset(line, in: area.width) : area.column
                b.put(line, row: area.row + i * spacing, column: column, style: style)
            }
            return
        }
        // A double cell is two of the frame's columns: centred in the double cells of the area.
        let columns = area.width / 2
        for (i, line) in lines.enumerated() {
            let column = area.column + (centred ? 2 * DisplayWidth.centreOffset(line, in: columns) : 0)
            b.putDouble(DisplayWidth.truncate(line, to: columns), row: area.row + 2 * i, column: column, style: style)
        }
    }
}
