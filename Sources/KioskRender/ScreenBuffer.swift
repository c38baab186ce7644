import Foundation
import KioskCore

/// What a piece of text is for; the theme gives each role its colour.
public enum Role: String, CaseIterable, Sendable {
    case text, heading, focus, error, success, muted, background
}

public struct Style: Equatable, Hashable, Sendable {
    public var role: Role
    public var bold: Bool

    public init(_ role: Role = .text, bold: Bool = false) {
        self.role = role
        self.bold = bold
    }
}

/// One terminal cell. A wide character fills its cell and marks the next one as its continuation.
public struct Cell: Equatable, Sendable {
    public var character: Character
    public var style: Style
    /// The right half of a wide character: the terminal draws nothing here.
    public var isContinuation: Bool

    public static let blank = Cell(character: " ", style: Style(), isContinuation: false)
}

/// A place on screen that a mouse click or a touch activates.
public struct HitTarget: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public var height: Int
    public var width: Int
    public var key: Key

    public func contains(row r: Int, column c: Int) -> Bool {
        r >= row && r < row + height && c >= column && c < column + width
    }
}

/// How a row's characters are drawn: at their own size, or as the top or the bottom half of text
/// at twice the height and width (DEC double-height lines, ESC # 3 and ESC # 4), which the
/// terminal back end draws where the terminal can (`Terminal.draw`). A double row holds half the
/// columns: the terminal addresses its cells by the row's own columns and shows each twice as
/// wide, so its text sits in the left half and the cells from `width / 2` on stay blank.
public enum RowSize: Equatable, Sendable {
    case single, doubleTop, doubleBottom
}

/// A whole frame, built in memory; the terminal backend writes only what changed.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    public var targets: [HitTarget] = []
    /// One size per row; a double line is a pair, its top half above its bottom half (`putDouble`).
    public private(set) var rowSizes: [RowSize]
    /// Pages the screen's text runs over at this size (care mode with everything double, which
    /// shows a long text a page at a time); the front end tells the model (`.setTextPages`).
    public var textPages = 1
    /// The first of those pages with what is answered on it (the question, the field, the options).
    public var textAnswersPage = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
        rowSizes = Array(repeating: .single, count: self.height)
    }

    /// Whether any row is double: the terminal back end sends line sizes only then (and once after).
    public var hasDoubleRows: Bool { rowSizes.contains { $0 != .single } }

    public subscript(row: Int, column: Int) -> Cell { cells[row * width + column] }

    /// Writes text from (row, column), clipped at the right edge; returns the column after it.
    /// A wide character that would not fit whole is not drawn. Control characters and escape
    /// sequences never reach a cell (`TerminalText.clean`), so the terminal draws only text.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: Style = Style()) -> Int {
        put(text, row: row, column: column, style: style, limit: width)
    }

    /// `put`, clipped at column `limit`: the row's width, or half of it on a double row.
    @discardableResult
    private mutating func put(_ text: String, row: Int, column: Int, style: Style, limit: Int) -> Int {
        guard row >= 0, row < height else { return column }
        var col = column
        for c in TerminalText.clean(text) {
            let w = DisplayWidth.of(c)
            if w == 0 { continue }
            if col < 0 { col += w; continue }
            if col + w > limit { break }
            clearHalf(row, col)
            cells[row * width + col] = Cell(character: c, style: style, isContinuation: false)
            if w == 2 {
                clearHalf(row, col + 1)
                cells[row * width + col + 1] = Cell(character: " ", style: style, isContinuation: true)
            }
            col += w
        }
        return col
    }

    /// One line at twice the height and width on rows `row` (top half) and `row + 1` (bottom
    /// half), both carrying the same text, from the first double cell at or right of the frame's
    /// `column`; cut at the double row's half width. Only characters that a double row can show
    /// stand there (`DoubleSizeGlyphs.safe`), so an ellipsis from truncation becomes "...".
    public mutating func putDouble(_ text: String, row: Int, column: Int, style: Style = Style()) {
        guard row >= 0, row + 1 < height else { return }
        let safe = DoubleSizeGlyphs.safe(text)
        for (r, size) in [(row, RowSize.doubleTop), (row + 1, .doubleBottom)] {
            rowSizes[r] = size
            put(safe, row: r, column: (column + 1) / 2, style: style, limit: width / 2)
        }
    }

    /// Overwriting half of a wide character blanks its other half, so no broken glyph remains.
    private mutating func clearHalf(_ row: Int, _ col: Int) {
        let i = row * width + col
        if cells[i].isContinuation, col > 0 { cells[i - 1] = Cell(character: " ", style: cells[i - 1].style, isContinuation: false) }
        if !cells[i].isContinuation, DisplayWidth.of(cells[i].character) == 2, col + 1 < width {
            cells[i + 1] = Cell(character: " ", style: cells[i].style, isContinuation: false)
        }
    }

    /// Paints a rectangle with one style (button backgrounds, highlight bars).
    public mutating func fill(row: Int, column: Int, height h: Int, width w: Int, style: Style) {
        for r in max(0, row)..<min(height, row + h) {
            for c in max(0, column)..<min(width, column + w) {
                cells[r * width + c] = Cell(character: " ", style: style, isContinuation: false)
            }
        }
    }

    /// The frame as plain text, one line per row, trailing spaces removed: for snapshot tests.
    public var text: String {
        (0..<height).map { r in
            var line = ""
            for c in 0..<width where !self[r, c].isContinuation { line.append(self[r, c].character) }
            return line.trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }

    /// Runs of cells that differ from `previous`, row by row: what the terminal must redraw.
    public func changes(since previous: ScreenBuffer?) -> [(row: Int, column: Int, cells: ArraySlice<Cell>)] {
        guard let previous, previous.width == width, previous.height == height else {
            return (0..<height).map { r in (r, 0, cells[(r * width)..<((r + 1) * width)]) }
        }
        var runs: [(Int, Int, ArraySlice<Cell>)] = []
        for r in 0..<height {
            var c = 0
            while c < width {
                let i = r * width + c
                if cells[i] == previous.cells[i] { c += 1; continue }
                var end = c
                while end < width, cells[r * width + end] != previous.cells[r * width + end] { end += 1 }
                // Never start a run on the right half of a wide character.
                let start = (c > 0 && cells[i].isContinuation) ? c - 1 : c
                runs.append((r, start, cells[(r * width + start)..<(r * width + end)]))
                c = end
            }
        }
        return runs
    }
}
