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

/// Options as boxed buttons of at least 3 rows by 12 columns, as many to a row as fit, one
/// blank row and two columns between them: care-mode touch targets.
struct OptionButtons: Widget {
    var options: [ScreenContent.Option]

    var labels: [String] { options.map { ($0.focused ? "▶ " : "") + "\($0.number)  \($0.label)" + ($0.selected ? " ✓" : "") } }

    func grid(width: Int) -> (buttonWidth: Int, perRow: Int) {
        let widest = labels.map(DisplayWidth.of).max() ?? 0
        let buttonWidth = min(width, max(KioskScreen.buttonMinWidth, widest + 4))
        return (buttonWidth, max(1, (width + 2) / (buttonWidth + 2)))
    }

    func rows(width: Int) -> Int? {
        guard !options.isEmpty else { return 0 }
        let rowsNeeded = (options.count + grid(width: width).perRow - 1) / grid(width: width).perRow
        return rowsNeeded * (KioskScreen.buttonHeight + 1) - 1
    }

    var gapAfter: Int { 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        let (buttonWidth, perRow) = grid(width: area.width)
        let labels = labels
        for (i, o) in options.enumerated() {
            let top = area.row + (i / perRow) * (KioskScreen.buttonHeight + 1)
            let left = area.column + (i % perRow) * (buttonWidth + 2)
            let emphasised = o.selected || o.focused
            drawBox(DisplayWidth.truncate(labels[i], to: buttonWidth - 4), top: top, left: left, width: buttonWidth,
                    style: Style(emphasised ? .focus : .text, bold: emphasised), into: &b)
            b.targets.append(HitTarget(row: top, column: left, height: KioskScreen.buttonHeight, width: buttonWidth, key: .digit(o.number)))
        }
    }
}
