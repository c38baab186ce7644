/// A rectangle of the frame, in cells.
struct Rect {
    var row: Int
    var column: Int
    var width: Int
    var height: Int
}

/// One piece of a frame, drawn into the rectangle a layout gives it (as in ratatui). A widget
/// says how many rows it needs at a width; nil means it cannot be drawn at that width at all
/// (big glyphs wider than the screen). It draws only inside its rectangle.
protocol Widget {
    /// Rows with something drawn in them, from the first to the last.
    func rows(width: Int) -> Int?
    /// Blank rows the next widget keeps from this one.
    var gapAfter: Int { get }
    func draw(in area: Rect, into buffer: inout ScreenBuffer)
}

/// Widgets one under the other in the frame's body. A widget that does not fit fails the whole
/// stack (the screen then tries a tighter layout), unless it is marked optional: then it is left out.
struct VerticalStack {
    var items: [(widget: any Widget, optional: Bool)] = []

    mutating func add(_ widget: any Widget, optional: Bool = false) { items.append((widget, optional)) }

    /// Draws every widget into `area`; false when a required one does not fit.
    func draw(in area: Rect, into buffer: inout ScreenBuffer) -> Bool {
        var row = area.row
        let bottom = area.row + area.height
        for (widget, optional) in items {
            let rows = widget.rows(width: area.width)
            // Nothing to draw (an empty paragraph or list) takes no room, not even its gap.
            if rows == 0 { continue }
            guard let rows, row + rows <= bottom else {
                if optional { continue }
                return false
            }
            widget.draw(in: Rect(row: row, column: area.column, width: area.width, height: rows), into: &buffer)
            row += rows + widget.gapAfter
        }
        return true
    }
}

/// A box of line-drawing characters with a label inside: a button in care mode.
func drawBox(_ label: String, top: Int, left: Int, width: Int, style: Style, into b: inout ScreenBuffer) {
    b.put("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, style: style)
    b.put("│", row: top + 1, column: left, style: style)
    b.put(label, row: top + 1, column: left + 2, style: style)
    b.put("│", row: top + 1, column: left + width - 1, style: style)
    b.put("└" + String(repeating: "─", count: width - 2) + "┘", row: top + 2, column: left, style: style)
}

/// A button of care mode on a terminal with double-size rows: its label at double size on a pair
/// of rows (or two), a line under it the button's width. Box sides cannot stand on double rows (a double
/// cell is two of the rows around it), so the line marks the button, as it marks the input field.
/// `left` and `width` are the frame's columns; `left` is even, on a double cell's edge.
func drawDoubleButton(_ lines: [String], top: Int, left: Int, width: Int, style: Style, into b: inout ScreenBuffer) {
    for (i, line) in lines.enumerated() {
        b.putDouble(DisplayWidth.truncate(DoubleSizeGlyphs.safe(line), to: max(1, width / 2 - 1)), row: top + 2 * i, column: left + 2, style: style)
    }
    b.put(String(repeating: "─", count: width), row: top + 2 * lines.count, column: left, style: style)
}
