import KioskCore

/// Care mode on a terminal with double-size rows: every text the resident reads at twice the
/// height and width, the options and on-screen keys too (labels over a line); only the status line
/// and the rule under it stay single. A double line holds half the columns, so a long text (a
/// service's summary and materials, the privacy notice) is shown a page at a time: the heading on
/// every page, what the resident answers (question, input, options) on the last, Enter turning to
/// the next page and 返回 to the one before (the model's `textPage`, told how many there are by
/// the front end from `ScreenBuffer.textPages`).
extension KioskScreen {
    /// The chrome: the status line and its rule, the key legend in one or two double lines
    /// (what does not fit is cut), the on-screen keys right under it (a double label over a line).
    static let doubleLegendLines = 2

    /// Draws `c` with everything double; false when even the page of what is answered (with the
    /// heading) does not fit, and the single-size care layouts are tried.
    func drawEverythingDouble(_ c: ScreenContent, into b: inout ScreenBuffer) -> Bool {
        let w = b.width, h = b.height
        let inner = Rect(row: 0, column: 2, width: w - 4, height: h)
        let barHeight = c.buttons.isEmpty ? 0 : KioskScreen.buttonHeight
        // The legend takes one double line where its words fit in one, else two.
        for legendLines in 1...KioskScreen.doubleLegendLines {
            // The legend right above the keys, a blank row above it (the body's last gap).
            let legendTop = h - barHeight - 2 * legendLines
            let body = Rect(row: 2, column: inner.column, width: inner.width, height: legendTop - 1 - 2)
            guard body.height > 0, let plan = DoublePage(c, body: body, screen: self) else { continue }
            // As many legend lines on every page of the screen as its longest legend needs, or the
            // pages would be cut differently from one page to the next. The warning, or else a
            // notice (谢谢您的评价！) with the way to the next page beside it, takes the legend's
            // place in those lines, so that nothing moves when it comes, unless it needs more.
            let cells = max(1, inner.width / 2)
            let needed = (0..<plan.pages.count).map { KioskScreen.phraseLines(plan.legend(c, strings, page: $0), width: cells).count }.max() ?? 1
            let legend = c.warning.map { DisplayWidth.wrapAtPhrases(DoubleSizeGlyphs.safe($0), width: cells) }
                ?? c.notice.map { KioskScreen.phraseLines([$0] + plan.pageHint(strings), width: cells) }
                ?? KioskScreen.phraseLines(plan.legend(c, strings, page: plan.page), width: cells)
            guard max(needed, legend.count) <= legendLines || legendLines == KioskScreen.doubleLegendLines else { continue }

            drawStatus(c, into: &b)
            guard plan.stack.draw(in: body, into: &b) else { return false }
            b.textPages = plan.pages.count
            b.textAnswersPage = plan.pages.firstAnswersPage
            let shown = Array(legend.prefix(legendLines))
            Paragraph(doubleLines: shown, width: inner.width, style: KioskScreen.legendStyle(c))
                .draw(in: Rect(row: legendTop + 2 * (legendLines - shown.count), column: inner.column, width: inner.width, height: 2 * shown.count), into: &b)
            ButtonBar(items: c.buttons.map(button), boxed: true, double: true)
                .draw(in: Rect(row: h - barHeight, column: inner.column, width: inner.width, height: barHeight), into: &b)
            return true
        }
        return false
    }

    /// On every page: the heading with the progress beside it (or under it where the two do not
    /// fit one line), and the 办件编号 where there is one.
    fileprivate func headWidgets(_ c: ScreenContent, width: Int) -> [any Widget] {
        let title = DoubleSizeGlyphs.safe(c.title), progress = c.progress.map(DoubleSizeGlyphs.safe)
        let heading: [any Widget]
        if let progress, DisplayWidth.of(title) + 2 + DisplayWidth.of(progress) <= width / 2 {
            heading = [HeadingLine(title: title, progress: progress)]
        } else {
            heading = [double(c.title, Style(.heading, bold: true), width, centred: true), double(c.progress, Style(.muted), width)].compactMap { $0 }
        }
        // The 办件编号 on every page: "记下上面的办件编号" is said on the last.
        let reference = double(c.reference?.line, Style(.success, bold: true), width)
        return heading + [reference].compactMap { $0 }
    }

    /// Together on one page: what the resident answers, and the error about it under it, so that
    /// the question and the field stay where they were. `hint: false`: the error takes the hint's
    /// place instead, where both do not fit (the field then stays where it was, or nearly).
    fileprivate func answerWidgets(_ c: ScreenContent, width: Int, hint: Bool = true) -> [any Widget] {
        let error = double(c.error, Style(.error, bold: true), width)
        var widgets: [any Widget] = [double(c.question, Style(.heading, bold: true), width),
                                     hint ? double(c.hint, Style(.muted), width) : error, double(c.currentAnswer, Style(.text), width)].compactMap { $0 }
        if let input = c.input { widgets.append(InputBox(text: input, spacing: 2, double: true)) }
        widgets.append(OptionButtons(options: c.options, double: true, chosenMark: strings.tr(.optionChosenMark)))
        if hint, let error { widgets.append(error) }
        return widgets
    }

    /// What may run over pages before the answers: the paragraphs. (The reference is in the head,
    /// already as large as anything here, so not again in big digits.)
    fileprivate func textPieces(before c: ScreenContent, width: Int) -> [TextPages.Piece] {
        pieces(c.paragraphs.map { ($0, Style(.text), false) }, width: width)
    }

    /// After the answers, where they fit on its page (else they are said, not shown): the notes
    /// (the home screen's reminder) and the sentence about the function keys, which matter less
    /// than what there is to choose and would otherwise push the choices to a second page.
    fileprivate func textPieces(after c: ScreenContent, width: Int) -> [TextPages.Piece] {
        pieces(c.notes.map { ($0, Style(.text), false) } + [(c.functionKeys.map { strings.tr($0.screenWords) }, Style(.text), false)], width: width)
    }

    private func pieces(_ texts: [(String?, Style, Bool)], width: Int) -> [TextPages.Piece] {
        texts.compactMap { text, style, centred in
            text.map { .text(TextPages.Block(lines: DisplayWidth.wrapAtPhrases(DoubleSizeGlyphs.safe($0), width: max(1, width / 2)), style: style, centred: centred)) }
        }
    }

    private func double(_ s: String?, _ style: Style, _ width: Int, centred: Bool = false) -> Paragraph? {
        s.map { Paragraph(text: $0, width: width, style: style, spacing: 2, centred: centred, double: true, gap: 1) }
    }

    /// Rows the widgets take one under the other with their gaps (an empty one takes none), the
    /// gap after the last one included when something follows them (`trailingGap`).
    /// Phrases ("按确认键开始办理", "按返回键回上一步") into double lines of `width` cells, each
    /// phrase whole on one line where it fits in one, two spaces between phrases.
    static func phraseLines(_ phrases: [String], width: Int) -> [String] {
        var lines: [String] = []
        for phrase in phrases.map(DoubleSizeGlyphs.safe) {
            if let last = lines.last, DisplayWidth.of(last) + 2 + DisplayWidth.of(phrase) <= width {
                lines[lines.count - 1] = last + "  " + phrase
            } else {
                lines += DisplayWidth.wrapAtPhrases(phrase, width: width)
            }
        }
        return lines
    }

    fileprivate func rows(of widgets: [any Widget], width: Int, trailingGap: Bool = true) -> Int {
        var total = 0, lastGap = 0
        for widget in widgets {
            guard let rows = widget.rows(width: width) else { return Int.max / 2 }
            guard rows > 0 else { continue }
            total += rows + widget.gapAfter
            lastGap = widget.gapAfter
        }
        return trailingGap ? total : total - lastGap
    }
}

/// One frame's body where everything is double: the pages of its text and the page shown.
private struct DoublePage {
    let pages: TextPages
    let page: Int
    let stack: VerticalStack

    init?(_ c: ScreenContent, body: Rect, screen: KioskScreen) {
        let head = screen.headWidgets(c, width: body.width)
        let capacity = body.height - screen.rows(of: head, width: body.width)
        func rows(_ widgets: [any Widget]) -> Int { screen.rows(of: widgets, width: body.width, trailingGap: false) }
        // An error takes the hint's place where both do not fit beside the answer.
        var hint = true
        if c.error != nil, rows(screen.answerWidgets(c, width: body.width)) > capacity { hint = false }
        // Options that do not fit under the question go on over pages, the question on each; not
        // where the model pages them already ("第 1 页，共 3 页"), which the front end sized to fit.
        var chunks = [c.options]
        if rows(screen.answerWidgets(c, width: body.width, hint: hint)) > capacity, c.options.count > 1, c.morePages == nil {
            // As many as fit on each page in turn, one at least.
            chunks = []
            var start = 0
            while start < c.options.count {
                // More options take more rows: the most that fit, by halving.
                var fits = 1, over = c.options.count - start + 1
                while over - fits > 1 {
                    let n = (fits + over) / 2
                    var part = c
                    part.options = Array(c.options[start..<(start + n)])
                    if rows(screen.answerWidgets(part, width: body.width, hint: hint)) <= capacity { fits = n } else { over = n }
                }
                chunks.append(Array(c.options[start..<(start + fits)]))
                start += fits
            }
        }
        let answers = chunks.map { chunk in
            var part = c
            part.options = chunk
            return screen.answerWidgets(part, width: body.width, hint: hint)
        }
        let pieces = screen.textPieces(before: c, width: body.width) + answers.indices.map { TextPages.Piece.answers(rows: rows(answers[$0]), part: $0) }
        guard var pages = TextPages(pieces, capacity: capacity) else { return nil }
        pages.addWhereThereIsRoom(screen.textPieces(after: c, width: body.width), capacity: capacity)
        self.pages = pages
        page = min(c.textPage, pages.count - 1)
        var stack = VerticalStack()
        head.forEach { stack.add($0) }
        for piece in pages.pieces(on: page) {
            switch piece {
            case let .text(block): stack.add(Paragraph(doubleLines: block.lines, width: body.width, style: block.style, centred: block.centred))
            case let .answers(_, part): answers[part].forEach { stack.add($0) }
            }
        }
        self.stack = stack
    }

    /// "第 1 页，共 2 页，按确认键看下一页" on every page but the last.
    func pageHint(_ strings: Strings, page: Int? = nil) -> [String] {
        let page = page ?? self.page
        return page < pages.count - 1 ? [strings.tr(.screenTextPages(page: "\(page + 1)", pages: "\(pages.count)"))] : []
    }

    /// The way to the next page, and what the keys do on the page of the answers.
    func legend(_ c: ScreenContent, _ strings: Strings, page: Int) -> [String] {
        // The model's pages of options ("第 1 页，共 3 页，按 0 看下一页") are said here too, first.
        var words = pageHint(strings, page: page)
        if let more = c.morePages, page >= pages.firstAnswersPage { words.insert(more, at: 0) }
        // After the first page 返回 turns back a page (`turnTextPage`), and the legend says so.
        if page >= pages.firstAnswersPage {
            words += page == 0 ? c.keys : c.keyHints.map { [.back, .backDisagree, .backToChange].contains($0) ? KeyHint.backPage : $0 }.map { strings.tr($0.screenWords) }
        }
        return words
    }
}

/// The heading and the progress on one double line: the service's name at the left in the
/// heading's colour, "第 2 步，共 4 步" at the right, muted.
private struct HeadingLine: Widget {
    var title: String
    var progress: String

    func rows(width: Int) -> Int? { 2 }

    var gapAfter: Int { 1 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        b.putDouble(title, row: area.row, column: area.column, style: Style(.heading, bold: true))
        let right = area.column + 2 * (area.width / 2 - DisplayWidth.of(progress))
        b.putDouble(progress, row: area.row, column: right, style: Style(.muted))
    }
}

/// A screen's text in double lines, and what the resident answers, cut into pages of `capacity`
/// rows: a line is two rows, a blank row between pieces. A text block can go on over a page
/// break; each part of the answers stays together on a page of its own, or under the text's end
/// (nil when one alone does not fit on a page).
struct TextPages {
    struct Block {
        var lines: [String]
        var style: Style
        var centred: Bool
    }

    enum Piece {
        case text(Block)
        /// What is answered, or one page of it (`part`) where its options run over pages.
        case answers(rows: Int, part: Int)
    }

    private var pages: [[Piece]] = [[]]
    /// Rows used on the last page.
    private var used = 0
    /// The first page with what is answered on it; those after it hold the rest of its options.
    private(set) var firstAnswersPage = 0

    var count: Int { pages.count }

    func pieces(on page: Int) -> [Piece] { pages[page] }

    init?(_ pieces: [Piece], capacity: Int) {
        for (index, piece) in pieces.enumerated() {
            switch piece {
            case let .answers(rows, part):
                guard rows <= capacity else { return nil }
                if used > 0, part > 0 || used + 1 + rows > capacity { newPage() }
                if part == 0 { firstAnswersPage = pages.count - 1 }
                used += (used > 0 ? 1 : 0) + rows
                pages[pages.count - 1].append(piece)
            case let .text(block):
                guard !block.lines.isEmpty, capacity >= 2 else { continue }
                // A block that fits on a page of its own is not cut: it starts a new page instead.
                if used > 0, used + 1 + 2 * block.lines.count > capacity, 2 * block.lines.count <= capacity { newPage() }
                // A lead-in ("需要准备的材料：") is not left at the foot of a page: what it leads to
                // begins under it, or both go to the next page.
                if used > 0, let last = block.lines.last?.last, last == "：" || last == ":", index + 1 < pieces.count {
                    let company: Int
                    switch pieces[index + 1] {
                    case let .text(next): company = next.lines.isEmpty ? 0 : 1 + 2
                    case let .answers(rows, _): company = 1 + rows
                    }
                    let together = 2 * block.lines.count + company
                    if used + 1 + together > capacity, together <= capacity { newPage() }
                }
                var part = Block(lines: [], style: block.style, centred: block.centred)
                for line in block.lines {
                    // The blank row before a new piece, on a page that has something already.
                    let gap = part.lines.isEmpty && used > 0 ? 1 : 0
                    if used + gap + 2 > capacity {
                        if !part.lines.isEmpty { pages[pages.count - 1].append(.text(part)) }
                        newPage()
                        part.lines = []
                    } else {
                        used += gap
                    }
                    part.lines.append(line)
                    used += 2
                }
                pages[pages.count - 1].append(.text(part))
            }
        }
    }

    private mutating func newPage() {
        pages.append([])
        used = 0
    }

    /// Adds each text whole to the last page where it fits under what is there, else leaves it out.
    mutating func addWhereThereIsRoom(_ pieces: [Piece], capacity: Int) {
        for case let .text(block) in pieces where !block.lines.isEmpty {
            let rows = (used > 0 ? 1 : 0) + 2 * block.lines.count
            guard used + rows <= capacity else { continue }
            used += rows
            pages[pages.count - 1].append(.text(block))
        }
    }
}
