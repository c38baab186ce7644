import Foundation
import KioskCore

/// Lays out one frame: `render(state, width:height:)` builds every cell, each with a role that the
/// terminal's theme colours (`Terminal.use`); no terminal calls here.
public struct KioskScreen {
    public static let minimumWidth = 40
    public static let minimumHeight = 14
    /// Care-mode touch targets: at least 3 rows by 12 columns.
    public static let buttonMinWidth = 12
    public static let buttonHeight = 3

    public var strings: Strings
    public var glyphs: GlyphSource?
    /// The terminal draws double-size rows (xterm): care mode then sets its key texts at twice
    /// the height and width instead of the Unifont heading.
    public var doubleSize: Bool

    public init(strings: Strings, glyphs: GlyphSource?, doubleSize: Bool = false) {
        self.strings = strings
        self.glyphs = glyphs
        self.doubleSize = doubleSize
    }

    public func render(_ state: WizardState, width: Int, height: Int) -> ScreenBuffer {
        render(state.content(strings), width: width, height: height)
    }

    /// The frame of what a screen says: the renderer reads nothing of the model but this.
    public func render(_ content: ScreenContent, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        guard width >= KioskScreen.minimumWidth, height >= KioskScreen.minimumHeight else {
            drawTooSmall(&buffer)
            return buffer
        }
        // Most generous layout first; fall back step by step until the frame fits.
        let care = content.careMode
        let careLayouts = [Layout(bigTitle: true, spacing: 2, buttons: true), Layout(bigTitle: false, spacing: 2, buttons: true),
                           Layout(bigTitle: false, spacing: 1, buttons: true), Layout(bigTitle: false, spacing: 1, buttons: false)]
        let attempts: [Layout] = care
            ? (doubleSize ? [Layout(bigTitle: false, spacing: 2, buttons: true, everythingDouble: true)] + Layout.withDoubleText(careLayouts) : careLayouts)
            : [Layout(bigTitle: false, spacing: 1, buttons: false)]
        for layout in attempts {
            var candidate = ScreenBuffer(width: width, height: height)
            if draw(content, layout: layout, into: &candidate) { return candidate }
        }
        _ = draw(content, layout: attempts.last!, into: &buffer)
        return buffer
    }

    /// How many answers a page of the check-answers screen holds in care mode at this size: as many
    /// of the large answer buttons, one to a row, as fit with the roomy line spacing around the
    /// page's heading, its page line, what the keys do and the on-screen keys; one at least, nine
    /// at most. The front end tells the model (`.setAnswersPerCarePage`) at the start and on a resize.
    /// Where everything can be double, that layout's count when it holds two at least; else the
    /// single-size one's (80×24), which the frame then falls back to.
    public func answersPerCarePage(width: Int, height: Int) -> Int {
        func fitting(_ layout: Layout) -> Int {
            var fits = 1
            for count in 2...WizardState.optionsPerPage {
                var buffer = ScreenBuffer(width: width, height: height)
                // On one page: answers that would go on over pages are a page too many.
                guard draw(answersPage(count, width: width, double: layout.everythingDouble), layout: layout, into: &buffer), buffer.textPages == 1 else { break }
                fits = count
            }
            return fits
        }
        if doubleSize {
            let double = fitting(Layout(bigTitle: false, spacing: 2, buttons: true, everythingDouble: true))
            if double >= 2 { return double }
        }
        return fitting(Layout(bigTitle: false, spacing: 2, buttons: true))
    }

    /// A page of answers being checked with `count` answers, each as wide as a long one (an
    /// identity-number question with its masked answer) so that it takes a row of its own.
    /// Where everything is double, the answer is as long as the identity number's
    /// ("您的身份证号码是多少？　答：5119**********0016", two double lines on 1024×768); a longer one
    /// is cut after two lines (`OptionButtons.doubleLines`), as a box cuts it after one.
    private func answersPage(_ count: Int, width: Int, double: Bool) -> ScreenContent {
        let question = String(repeating: "号", count: double ? 11 : max(1, width / 4))
        let label = strings.tr(.reviewItem(label: question, answer: "5119**********0016"))
        var c = ScreenContent(title: strings.tr(.reviewTitle), question: strings.tr(.reviewQuestion),
                              options: (1...count).map { ScreenContent.Option(number: $0, label: label) },
                              morePages: strings.tr(.screenAnswerPages(page: "1", pages: "2")),
                              keyHints: [.enterNextPage, .changeNumber, .starHide, .back])
        c.keys = c.keyHints.map { strings.tr($0.screenWords) }
        c.careMode = true
        c.buttons = [.hideAnswers, .confirm, .back, .staff]
        c.status = " "
        return c
    }

    struct Layout {
        var bigTitle: Bool
        /// Rows from one line of text to the next: 2 in care mode (≥ 1.3 lines), 1 otherwise.
        var spacing: Int
        /// Options as boxed buttons (care-mode touch targets) rather than one line each.
        var buttons: Bool
        /// Heading, question, answer, error, reference and the answer being typed at double size,
        /// on double rows; never with `bigTitle`.
        var doubleText = false
        /// Every text double, a long one over pages (`drawEverythingDouble`): tried first where the
        /// terminal has double rows.
        var everythingDouble = false

        /// Care mode where the terminal has double-size rows: double text first, roomiest first,
        /// but boxed touch targets come before double text, so the single-size care layouts with
        /// buttons are tried before double text with one-line options.
        static func withDoubleText(_ care: [Layout]) -> [Layout] {
            [Layout(bigTitle: false, spacing: 2, buttons: true, doubleText: true), Layout(bigTitle: false, spacing: 1, buttons: true, doubleText: true)]
                + care.filter(\.buttons) + [Layout(bigTitle: false, spacing: 1, buttons: false, doubleText: true)] + care.filter { !$0.buttons }
        }
    }

    private func drawTooSmall(_ buffer: inout ScreenBuffer) {
        let lines = DisplayWidth.wrap(strings.tr(.screenTooSmall), width: max(1, buffer.width))
        let top = max(0, (buffer.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            buffer.put(line, row: top + i, column: DisplayWidth.centreOffset(line, in: buffer.width), style: Style(.error, bold: true))
        }
    }

    /// Draws the frame; false when it does not fit in this layout. The chrome (status line, rule,
    /// what the keys do, the on-screen keys) has fixed rows; the body stacks between them.
    private func draw(_ c: ScreenContent, layout: Layout, into b: inout ScreenBuffer) -> Bool {
        if layout.everythingDouble { return drawEverythingDouble(c, into: &b) }
        let w = b.width, h = b.height
        let inner = Rect(row: 0, column: 2, width: w - 4, height: h)
        drawStatus(c, into: &b)

        let bar = ButtonBar(items: c.buttons.map(button), boxed: layout.buttons)
        let barHeight = bar.rows(width: inner.width) ?? 1
        let keysRow = h - barHeight - 1
        // The inactivity warning, or else a notice (谢谢您的评价！, 帮办员已退出。), takes the row of
        // the key legend: the screen does not move under a resident who is reading; the warning is
        // said calmly, not in the colour of success or error.
        Line(text: c.warning ?? c.notice ?? c.keys.joined(separator: "  "), style: KioskScreen.legendStyle(c))
            .draw(in: Rect(row: keysRow, column: 2, width: inner.width, height: 1), into: &b)
        bar.draw(in: Rect(row: h - barHeight, column: 2, width: inner.width, height: barHeight), into: &b)

        let body = Rect(row: 2, column: inner.column, width: inner.width, height: keysRow - 2)
        return bodyWidgets(c, layout: layout, width: body.width).draw(in: body, into: &b)
    }

    /// The body, top to bottom: title, progress, paragraphs, the reference in big digits on
    /// the confirmation, question, hint, current answer, the input box, the options, the error.
    private func bodyWidgets(_ c: ScreenContent, layout: Layout, width: Int) -> VerticalStack {
        var stack = VerticalStack()
        /// A `key` text is at double size in the double-text layouts; the rest at its own size.
        func text(_ s: String?, _ style: Style, centred: Bool = false, key: Bool = false) {
            if let s { stack.add(Paragraph(text: s, width: width, style: style, spacing: layout.spacing, centred: centred, double: key && layout.doubleText)) }
        }
        if layout.bigTitle {
            stack.add(BigGlyphs(c.title, glyphs: glyphs, style: Style(.heading)))
        } else {
            text(c.title, Style(.heading, bold: true), centred: true, key: true)
        }
        text(c.progress, Style(.muted))
        text(c.reference?.line, Style(.text))
        for p in c.paragraphs + c.notes { text(p, Style(.text)) }
        text(c.functionKeys.map { strings.tr($0.screenWords) }, Style(.text))
        if let number = c.reference?.number {
            // The reference is in its line already; big digits are added when they fit.
            let reference = Reference.grouped(number)
            stack.add(layout.doubleText
                ? Paragraph(text: reference, width: width, style: Style(.success, bold: true), spacing: layout.spacing, centred: true, double: true, gap: 1)
                : BigGlyphs(reference, glyphs: glyphs, style: Style(.success)), optional: true)
        }
        text(c.question, Style(.heading, bold: true), key: true)
        text(c.hint, Style(.muted))
        text(c.currentAnswer, Style(.text), key: true)
        if let input = c.input { stack.add(InputBox(text: input, spacing: layout.spacing, double: layout.doubleText)) }
        stack.add(layout.buttons ? OptionButtons(options: c.options) as any Widget : OptionList(options: c.options))
        // Under what it is about, so that the question and the field stay where they were.
        text(c.error, Style(.error, bold: true), key: true)
        text(c.morePages, Style(.muted))
        return stack
    }

    /// The background, the status line and the rule under it: the same in every layout.
    func drawStatus(_ c: ScreenContent, into b: inout ScreenBuffer) {
        b.fill(row: 0, column: 0, height: b.height, width: b.width, style: Style(.background))
        Line(text: " " + c.status, style: Style(.muted)).draw(in: Rect(row: 0, column: 0, width: b.width, height: 1), into: &b)
        Line(text: String(repeating: "─", count: b.width), style: Style(.muted)).draw(in: Rect(row: 1, column: 0, width: b.width, height: 1), into: &b)
    }

    /// The legend's row: calm, never in red. The warning in the heading's colour, a notice in the
    /// colour of success, what the keys do muted.
    static func legendStyle(_ c: ScreenContent) -> Style {
        c.warning != nil ? Style(.heading, bold: true) : c.notice != nil ? Style(.success, bold: true) : Style(.muted)
    }

    /// An on-screen key's label and the key it presses.
    func button(_ button: ScreenContent.Button) -> (label: String, key: Key) {
        switch button {
        // A keypad has no X: the on-screen X (beside 确认) types it, as the keypad's `*` does.
        case .x: return ("X", .character("*"))
        case .backspace: return (strings.tr(.buttonBackspace), .backspace)
        case .hideAnswers: return (strings.tr(.buttonHide), .character("*"))
        case .showAnswers: return (strings.tr(.buttonShow), .character("*"))
        case .confirm: return (strings.tr(.buttonConfirm), .enter)
        case .back: return (strings.tr(.buttonBack), .escape)
        case .staff: return (strings.tr(.buttonStaff), .f1)
        }
    }
}
