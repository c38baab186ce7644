import KioskCore

/// Options one per line, "1. label", each line a target for a tap: standard mode.
struct OptionList: Widget {
    var options: [ScreenContent.Option]

    func rows(width: Int) -> Int? { options.count }

    var gapAfter: Int { 0 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        for (i, o) in options.enumerated() {
            let emphasised = o.selected || o.focused
            let line = DisplayWidth.truncate((o.focused ? "▶ " : "") + "\(o.number). \(o.label)" + (o.selected ? " ✓" : ""), to: area.width)
            b.put(line, row: area.row + i, column: area.column, style: Style(emphasised ? .focus : .text, bold: emphasised))
            b.targets.append(HitTarget(row: area.row + i, column: area.column, height: 1, width: max(DisplayWidth.of(line), 6), key: .digit(o.number)))
        }
    }
}

/// Options as boxed buttons of at least 3 rows by 12 columns, one blank row and two columns
/// between them: care-mode touch targets. All of one width in a grid, as many to a row as fit;
/// but when one long label (其他（请工作人员帮您写）) would leave a grid of one or two columns
/// taller than the screen, each button takes its own width and the rows fill up, so that eight
/// places still fit 80×24 as buttons.
///
/// `double`: the labels at double size over a line (`drawDoubleButton`), measured in double cells;
/// the focus is "＞" and a chosen option says `chosenMark`, as ▶ and ✓ cannot stand on a double row.
struct OptionButtons: Widget {
    var options: [ScreenContent.Option]
    var double = false
    var chosenMark = ""

    var labels: [String] { options.map { label($0, focused: $0.focused, selected: $0.selected) } }

    private func label(_ o: ScreenContent.Option, focused: Bool, selected: Bool) -> String {
        double ? (focused ? "＞" : "") + "\(o.number)  \(o.label)" + (selected ? chosenMark : "")
            : (focused ? "▶ " : "") + "\(o.number)  \(o.label)" + (selected ? " ✓" : "")
    }

    /// What each button is measured by. Double: its label with the focus mark, so that no button
    /// grows and no other moves as the arrow keys move the focus (a chosen mark is there from the
    /// screen's first frame and stays). Single: the label itself, as the 80×24 layouts were fitted to it.
    private var measuredLabels: [String] { double ? options.map { label($0, focused: true, selected: $0.selected) } : labels }

    /// Where each button goes: its line of buttons, left column and width, in the frame's columns.
    typealias Place = (line: Int, left: Int, width: Int)

    /// Columns per unit of layout: a double cell is two of the frame's.
    private var unit: Int { double ? 2 : 1 }

    func places(width frameWidth: Int) -> [Place] {
        let width = frameWidth / unit, padding = 4 / unit, gap = 2 / unit
        let widths = measuredLabels.map { min(width, max(KioskScreen.buttonMinWidth / unit, DisplayWidth.of(double ? DoubleSizeGlyphs.safe($0) : $0) + padding)) }
        // The grid: every button as wide as the widest.
        let cell = widths.max() ?? KioskScreen.buttonMinWidth / unit
        let perRow = max(1, (width + gap) / (cell + gap))
        let grid = widths.indices.map { i in (line: i / perRow, left: (i % perRow) * (cell + gap), width: cell) }
        // The flow: each its own width, a new line when the next does not fit.
        var flow: [Place] = []
        var line = 0, left = 0
        for w in widths {
            if left > 0, left + w > width { line += 1; left = 0 }
            flow.append((line, left, w))
            left += w + gap
        }
        let chosen = (flow.last?.line ?? 0) < (grid.last?.line ?? 0) ? flow : grid
        return chosen.map { ($0.line, $0.left * unit, $0.width * unit) }
    }

    /// A double label's lines in a button `width` columns wide: one, or two where it is longer
    /// than the line (an answer being checked, "您的身份证号码是多少？　答：5119…"), cut after that.
    func doubleLines(_ label: String, width: Int) -> [String] {
        let cells = max(1, width / 2 - 1)
        let lines = DisplayWidth.wrapAtPhrases(DoubleSizeGlyphs.safe(label), width: cells)
        return lines.count <= 2 ? lines : [lines[0], DisplayWidth.truncate(lines[1...].joined(), to: cells)]
    }

    /// The height of each line of buttons: a box's three rows and a blank row between boxes; a
    /// double label's lines and the line under it, with no blank row (the line parts them). With
    /// the places and each double label's lines, worked out once for measuring and drawing alike.
    func layout(width: Int) -> (places: [Place], heights: [Int], lines: [[String]]) {
        let places = places(width: width)
        guard let last = places.last else { return ([], [], []) }
        var heights = Array(repeating: KioskScreen.buttonHeight, count: last.line + 1)
        let lines = double ? zip(labels, places).map { doubleLines($0, width: $1.width) } : []
        let measured = double ? zip(measuredLabels, places).map { doubleLines($0, width: $1.width) } : []
        for (place, labelLines) in zip(places, measured) {
            heights[place.line] = max(heights[place.line], 2 * labelLines.count + 1)
        }
        return (places, heights, lines)
    }

    func rows(width: Int) -> Int? {
        let heights = layout(width: width).heights
        guard !heights.isEmpty else { return 0 }
        return double ? heights.reduce(0, +) : heights.reduce(0, +) + heights.count - 1
    }

    var gapAfter: Int { 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        let labels = labels
        let (places, heights, doubleLabels) = layout(width: area.width)
        for (i, (o, place)) in zip(options, places).enumerated() {
            let top = area.row + heights[..<place.line].reduce(0, +) + (double ? 0 : place.line)
            let left = area.column + place.left
            let emphasised = o.selected || o.focused
            let style = Style(emphasised ? .focus : .text, bold: emphasised)
            var height = KioskScreen.buttonHeight
            if double {
                drawDoubleButton(doubleLabels[i], top: top, left: left, width: place.width, style: style, into: &b)
                height = 2 * doubleLabels[i].count + 1
            } else {
                drawBox(DisplayWidth.truncate(labels[i], to: place.width - 4), top: top, left: left, width: place.width, style: style, into: &b)
            }
            b.targets.append(HitTarget(row: top, column: left, height: height, width: place.width, key: .digit(o.number)))
        }
    }
}
