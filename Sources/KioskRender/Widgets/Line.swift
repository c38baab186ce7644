/// One line of text cut to the width with an ellipsis: the status line, the rule under it and
/// the line that says what the keys do.
struct Line: Widget {
    var text: String
    var style: Style

    func rows(width: Int) -> Int? { 1 }

    var gapAfter: Int { 0 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        b.put(DisplayWidth.truncate(text, to: area.width), row: area.row, column: area.column, style: style)
    }
}
