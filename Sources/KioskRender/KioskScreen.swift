import Foundation
import KioskCore

/// Lays out one frame: `render(state, size, theme)` builds every cell; no terminal calls here.
public struct KioskScreen {
    public static let minimumWidth = 40
    public static let minimumHeight = 14
    /// Care-mode touch targets: at least 3 rows by 12 columns.
    public static let buttonMinWidth = 12
    public static let buttonHeight = 3

    public var strings: Strings
    public var glyphs: GlyphSource?

    public init(strings: Strings, glyphs: GlyphSource?) {
        self.strings = strings
        self.glyphs = glyphs
    }

    public func render(_ state: WizardState, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        guard width >= KioskScreen.minimumWidth, height >= KioskScreen.minimumHeight else {
            drawTooSmall(&buffer)
            return buffer
        }
        let content = state.content(strings)
        // Most generous layout first; fall back step by step until the frame fits.
        let care = state.careMode
        let attempts: [Layout] = care
            ? [Layout(bigTitle: true, spacing: 2, buttons: true), Layout(bigTitle: false, spacing: 2, buttons: true),
               Layout(bigTitle: false, spacing: 1, buttons: true), Layout(bigTitle: false, spacing: 1, buttons: false)]
            : [Layout(bigTitle: false, spacing: 1, buttons: false)]
        for layout in attempts {
            var candidate = ScreenBuffer(width: width, height: height)
            if draw(content, state: state, layout: layout, into: &candidate) { return candidate }
        }
        _ = draw(content, state: state, layout: attempts.last!, into: &buffer)
        return buffer
    }

    struct Layout {
        var bigTitle: Bool
        /// Rows from one line of text to the next: 2 in care mode (≥ 1.3 lines), 1 otherwise.
        var spacing: Int
        /// Options as boxed buttons (care-mode touch targets) rather than one line each.
        var buttons: Bool
    }

    private func drawTooSmall(_ buffer: inout ScreenBuffer) {
        let lines = DisplayWidth.wrap(strings.tr("screen.too_small"), width: max(1, buffer.width))
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            buffer.put(line, row: top + i, column: DisplayWidth.centreOffset(line, in: buffer.width), style: Style(.error, bold: true))
        }
    }

    /// Draws the frame; false when it does not fit in this layout.
    private func draw(_ c: ScreenContent, state: WizardState, layout: Layout, into b: inout ScreenBuffer) -> Bool {
        let w = b.width, h = b.height
        let inner = w - 4
        b.fill(row: 0, column: 0, height: h, width: w, style: Style(.background))
        b.put(DisplayWidth.truncate(" " + c.status, to: w), row: 0, column: 0, style: Style(.muted))
        b.put(String(repeating: "─", count: w), row: 1, column: 0, style: Style(.muted))

        // The bottom: what the keys do, then the on-screen keys (buttons in care mode).
        let bar = bottomBar(state, buttons: layout.buttons)
        let barHeight = layout.buttons ? KioskScreen.buttonHeight : 1
        let keysRow = h - barHeight - 1
        b.put(DisplayWidth.truncate(c.keys.joined(separator: "  "), to: inner), row: keysRow, column: 2, style: Style(.muted))
        drawBar(bar, row: h - barHeight, buttons: layout.buttons, into: &b)

        var row = 2
        let limit = keysRow - 1
        func text(_ s: String, _ style: Style, spacing: Int = layout.spacing, centred: Bool = false) -> Bool {
            for line in DisplayWidth.wrap(s, width: inner) {
                if row > limit { return false }
                b.put(line, row: row, column: centred ? DisplayWidth.centreOffset(line, in: w) : 2, style: style)
                row += spacing
            }
            return true
        }

        if let notice = c.notice, !text(notice, Style(.success, bold: true)) { return false }
        if layout.bigTitle, let glyphs, let big = BigText.render(c.title, glyphs: glyphs), DisplayWidth.of(big[0]) <= inner {
            if row + big.count > limit { return false }
            for line in big {
                b.put(line, row: row, column: DisplayWidth.centreOffset(line, in: w), style: Style(.heading))
                row += 1
            }
            row += 1
        } else {
            if layout.bigTitle { return false }
            if !text(c.title, Style(.heading, bold: true), centred: true) { return false }
        }
        if let progress = c.progress, !text(progress, Style(.muted)) { return false }
        if let error = c.error, !text(error, Style(.error, bold: true)) { return false }
        for p in c.paragraphs where !text(p, Style(.text)) { return false }
        if case let .confirmed(id) = state.screen, state.overlay == nil {
            // The reference is in the paragraphs already; big digits are added when they fit.
            _ = bigFigure(WizardState.reference(id), &row, limit, &b)
        }
        if let q = c.question, !text(q, Style(.heading, bold: true)) { return false }
        if let hint = c.hint, !text(hint, Style(.muted)) { return false }
        if let current = c.currentAnswer, !text(current, Style(.text)) { return false }
        if let input = c.input {
            // A box the resident types into; the cursor sits at its end.
            let boxWidth = min(inner, max(24, DisplayWidth.of(input) + 4))
            if row + 3 > limit + 1 { return false }
            b.put("┌" + String(repeating: "─", count: boxWidth - 2) + "┐", row: row, column: 2, style: Style(.focus))
            b.put("│", row: row + 1, column: 2, style: Style(.focus))
            let shown = DisplayWidth.of(input) > boxWidth - 4 ? "…" + String(input.suffix(boxWidth - 6)) : input
            let end = b.put(shown, row: row + 1, column: 4, style: Style(.text, bold: true))
            b.put("▏", row: row + 1, column: end, style: Style(.focus))
            b.put("│", row: row + 1, column: 2 + boxWidth - 1, style: Style(.focus))
            b.put("└" + String(repeating: "─", count: boxWidth - 2) + "┘", row: row + 2, column: 2, style: Style(.focus))
            row += 3 + (layout.spacing - 1)
        }
        if !drawOptions(c.options, row: &row, limit: limit, buttons: layout.buttons, into: &b) { return false }
        if let more = c.morePages, !text(more, Style(.muted)) { return false }
        return true
    }

    /// A key figure (the reference number) in big digits, when they fit.
    private func bigFigure(_ figure: String, _ row: inout Int, _ limit: Int, _ b: inout ScreenBuffer) -> Bool {
        guard let glyphs, let big = BigText.render(figure, glyphs: glyphs), DisplayWidth.of(big[0]) <= b.width - 4,
              row + big.count <= limit else { return false }
        for line in big {
            b.put(line, row: row, column: DisplayWidth.centreOffset(line, in: b.width), style: Style(.success))
            row += 1
        }
        row += 1
        return true
    }

    private func drawOptions(_ options: [ScreenContent.Option], row: inout Int, limit: Int, buttons: Bool, into b: inout ScreenBuffer) -> Bool {
        guard !options.isEmpty else { return true }
        let inner = b.width - 4
        if !buttons {
            for o in options {
                if row > limit { return false }
                let mark = o.selected ? " ✓" : ""
                let line = DisplayWidth.truncate("\(o.number). \(o.label)\(mark)", to: inner)
                b.put(line, row: row, column: 2, style: Style(o.selected ? .focus : .text, bold: o.selected))
                b.targets.append(HitTarget(row: row, column: 2, height: 1, width: max(DisplayWidth.of(line), 6), key: .digit(o.number)))
                row += 1
            }
            return true
        }
        // Buttons: at least 3 rows by 12 columns, one column of space between them.
        let labels = options.map { "\($0.number)  \($0.label)" + ($0.selected ? " ✓" : "") }
        let widest = labels.map(DisplayWidth.of).max() ?? 0
        let buttonWidth = min(inner, max(KioskScreen.buttonMinWidth, widest + 4))
        let perRow = max(1, (inner + 2) / (buttonWidth + 2))
        let rowsNeeded = (options.count + perRow - 1) / perRow
        if row + rowsNeeded * (KioskScreen.buttonHeight + 1) - 1 > limit + 1 { return false }
        for (i, o) in options.enumerated() {
            let top = row + (i / perRow) * (KioskScreen.buttonHeight + 1)
            let left = 2 + (i % perRow) * (buttonWidth + 2)
            let style = Style(o.selected ? .focus : .text, bold: o.selected)
            drawBox(DisplayWidth.truncate(labels[i], to: buttonWidth - 4), top: top, left: left, width: buttonWidth, style: style, into: &b)
            b.targets.append(HitTarget(row: top, column: left, height: KioskScreen.buttonHeight, width: buttonWidth, key: .digit(o.number)))
        }
        row += rowsNeeded * (KioskScreen.buttonHeight + 1)
        return true
    }

    private func drawBox(_ label: String, top: Int, left: Int, width: Int, style: Style, into b: inout ScreenBuffer) {
        b.put("┌" + String(repeating: "─", count: width - 2) + "┐", row: top, column: left, style: style)
        b.put("│", row: top + 1, column: left, style: style)
        b.put(label, row: top + 1, column: left + 2, style: style)
        b.put("│", row: top + 1, column: left + width - 1, style: style)
        b.put("└" + String(repeating: "─", count: width - 2) + "┘", row: top + 2, column: left, style: style)
    }

    /// On-screen keys for touch: confirm, back and call staff, each doing what its key does.
    private func bottomBar(_ state: WizardState, buttons: Bool) -> [(String, Key)] {
        var items: [(String, Key)] = []
        if state.overlay == nil, state.screen != .home { items.append((strings.tr("button.confirm"), .enter)) }
        if state.overlay != nil || state.screen != .home { items.append((strings.tr("button.back"), .escape)) }
        items.append((strings.tr("button.staff"), .f1))
        return items
    }

    private func drawBar(_ items: [(String, Key)], row: Int, buttons: Bool, into b: inout ScreenBuffer) {
        var column = 2
        for (label, key) in items {
            let width = buttons ? max(KioskScreen.buttonMinWidth, DisplayWidth.of(label) + 4) : DisplayWidth.of(label) + 2
            guard column + width <= b.width - 2 else { break }
            if buttons {
                drawBox(label, top: row, left: column, width: width, style: Style(.focus, bold: true), into: &b)
            } else {
                b.put("[\(label)]", row: row, column: column, style: Style(.focus, bold: true))
            }
            b.targets.append(HitTarget(row: row, column: column, height: buttons ? KioskScreen.buttonHeight : 1, width: width, key: key))
            column += width + 2
        }
    }
}
