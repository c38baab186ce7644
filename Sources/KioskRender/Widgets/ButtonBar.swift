import KioskCore

/// The on-screen keys along the bottom (confirm, back, call staff), each a target that does
/// what its key does: boxed buttons in care mode, "[label]" otherwise. Those that do not fit
/// the width are left out, from the right.
struct ButtonBar: Widget {
    var items: [(label: String, key: Key)]
    var boxed: Bool
    /// Labels at double size over a line (`drawDoubleButton`); only with `boxed`.
    var double = false

    func rows(width: Int) -> Int? { boxed ? KioskScreen.buttonHeight : 1 }

    var gapAfter: Int { 0 }

    func draw(in area: Rect, into b: inout ScreenBuffer) {
        var column = area.column
        for (label, key) in items {
            let width = double ? max(KioskScreen.buttonMinWidth, 2 * DisplayWidth.of(DoubleSizeGlyphs.safe(label)) + 4)
                : boxed ? max(KioskScreen.buttonMinWidth, DisplayWidth.of(label) + 4) : DisplayWidth.of(label) + 2
            guard column + width <= area.column + area.width else { break }
            if double {
                drawDoubleButton([label], top: area.row, left: column, width: width, style: Style(.focus, bold: true), into: &b)
            } else if boxed {
                drawBox(label, top: area.row, left: column, width: width, style: Style(.focus, bold: true), into: &b)
            } else {
                b.put("[\(label)]", row: area.row, column: column, style: Style(.focus, bold: true))
            }
            b.targets.append(HitTarget(row: area.row, column: column, height: boxed ? KioskScreen.buttonHeight : 1, width: width, key: key))
            column += width + 2
        }
    }
}
