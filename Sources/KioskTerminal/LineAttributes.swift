import KioskRender

/// DEC line attributes (ESC # 3 top half, ESC # 4 bottom half, ESC # 5 single size), written
/// around ncurses' refresh. ncurses knows nothing of them: it addresses a double row by its
/// own columns, which xterm draws twice as wide, so the frame puts double text in the left
/// half of such a row and leaves the right half blank.
public enum LineAttributes {
    /// Saves and restores the cursor around our writes, so ncurses' idea of where the cursor
    /// is stays true.
    static func wrapped(_ body: String) -> String { body.isEmpty ? "" : "\u{1B}7" + body + "\u{1B}8" }

    static func move(_ row: Int) -> String { "\u{1B}[\(row + 1);1H" }

    /// Before the refresh: rows that were double and no longer are, and double rows whose text
    /// changes, go back to single size, so that ncurses' writes across the whole row land where
    /// it thinks they do. The changed ones become double again after the refresh, which makes
    /// xterm draw them anew from what it holds: written in place, a double row kept pieces of
    /// glyphs from the text before (seen when the heading changed from one screen to the next).
    public static func before(previous: [RowSize], next: [RowSize], changed: Set<Int>) -> (bytes: String, rows: [Int]) {
        let rows = previous.indices.filter { previous[$0] != .single && ($0 >= next.count || next[$0] == .single || changed.contains($0)) }
        return (wrapped(rows.map { move($0) + "\u{1B}#5" }.joined()), rows)
    }

    /// After the refresh: every row gets its size, single rows too, so no row keeps an
    /// attribute from an earlier frame (a clear screen or a resize may have moved them).
    public static func after(_ rows: [RowSize]) -> String {
        wrapped(rows.indices.map { row in
            move(row) + (rows[row] == .doubleTop ? "\u{1B}#3" : rows[row] == .doubleBottom ? "\u{1B}#4" : "\u{1B}#5")
        }.joined())
    }
}
