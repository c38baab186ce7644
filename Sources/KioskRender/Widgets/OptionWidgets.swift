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
struct OptionButtons: Widget {
    var options: [ScreenContent.Option]

    var labels: [String] { options.map { ($0.focused ? "▶ " : "") + "\($0.number)  \($0.label)" + ($0.selected ? " ✓" : "") } }

    /// Where each button goes: its line of buttons, left column and width.
    typealias Place = (line: Int, left: Int, width: Int)

    func places(width: Int) -> [Place] {
        let widths = labels.map { min(width, max(KioskScreen.buttonMinWidth, DisplayWidth.of($0) + 4)) }
        // The grid: every button as wide as the widest.
        let cell = widths.max() ?? KioskScreen.buttonMinWidth
        let perRow = max(1, (width + 2) / (cell + 2))
        let grid = widths.indices.map { i in (line: i / perRow, left: (i % perRow) * (cell + 2), width: cell) }
        // The flow: each its own width, a new line when the next does not fit.
        var flow: [Place] = []
        var line = 0, left = 0
        for w in widths {
            if left > 0, left + w > width { line += 1; left = 0 }
            flow.append((line, left, w))
            left += w + 2
        }
        return (flow.last?.line ?? 0) < (grid.last?.line ?? 0) ? flow : grid
    }

    func rows(width: Int) -> Int? {
        guard let last = places(width: width).last else { return 0 }
        return (last.line + 1) * (KioskScreen.buttonHeight + 1) - 1
    }

    var gapAfter: Int { 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        let labels = labels
        for (i, (o, place)) in zip(options, places(width: area.width)).enumerated() {
            let top = area.row + place.line * (KioskScreen.buttonHeight + 1)
            let left = area.column + place.left
            let emphasised = o.selected || o.focused
            drawBox(DisplayWidth.truncate(labels[i], to: place.width - 4), top: top, left: left, width: place.width,
                    style: Style(emphasised ? .focus : .text, bold: emphasised), into: &b)
            b.targets.append(HitTarget(row: top, column: left, height: KioskScreen.buttonHeight, width: place.width, key: .digit(o.number)))
        }
    }
}
