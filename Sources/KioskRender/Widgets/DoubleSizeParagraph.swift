/// Text at twice the height and width (care mode where the terminal draws DEC double-size
/// lines): each line takes two rows, the top and the bottom half, and holds half the columns,
/// so it is wrapped at half the width. Wrapped once, when made for its width.
struct DoubleSizeParagraph: Widget {
    let lines: [String]
    let width: Int
    var style: Style
    var centred = false
    /// Blank rows after the paragraph: 1 in the roomy care layout, 0 in the tight one.
    var gap: Int

    init(text: String, width: Int, style: Style, gap: Int, centred: Bool = false) {
        lines = DisplayWidth.wrap(DoubleSizeGlyphs.safe(text), width: max(1, width / 2))
        self.width = width
        self.style = style
        self.gap = gap
        self.centred = centred
    }

    func rows(width: Int) -> Int? {
        guard width == self.width else { return nil }
        return lines.count * 2
    }

    var gapAfter: Int { gap }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        for (i, line) in lines.enumerated() {
            DoubleSizeGlyphs.put(line, top: area.row + 2 * i, in: area, centred: centred, style: style, into: &b)
        }
    }
}
