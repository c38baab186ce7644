import CKioskSystem
import CNcursesw
import Foundation
import KioskCore
import KioskRender

/// What the terminal reported.
public enum TerminalInput: Equatable, Sendable {
    case key(Key)
    /// A mouse click or a touch at a cell.
    case click(row: Int, column: Int)
    case resize
    /// Nothing within the wait; time to look at the clock.
    case timeout
    /// SIGTERM, SIGHUP (or SIGINT outside kiosk mode): end now, restoring the terminal.
    case terminate(signal: Int32)
    /// The descriptor given to `read` became readable (a result came in for the screen).
    case woken
    /// A key that means nothing here (Ctrl-C in kiosk mode, an unknown escape sequence).
    case ignored
}

/// The only code that talks to ncurses. Draws buffers (only the cells that changed) and reads keys.
public final class Terminal {
    private let window: UnsafeMutablePointer<WINDOW>
    private let kiosk: Bool
    private var previous: ScreenBuffer?
    private var theme: Theme?
    private let richColour: Bool
    private let anyColour: Bool
    /// The row sizes the terminal has now, as last sent (none sent: every row single).
    private var sentRows: [RowSize] = []
    /// Colour pairs that look like the theme's but are other pairs (`useTwinColours`), for the
    /// theme in use: nil until a frame of it first has double rows, false where there are none.
    private var twins: Bool?

    /// Starts ncurses on the alternate screen. In kiosk mode Ctrl-C, Ctrl-Z and Ctrl-\ do nothing.
    /// Nil when the terminal cannot be used (no terminfo entry for `TERM`). Double rows are drawn
    /// as the frames have them: the layout makes them only where the terminal draws them
    /// (`DoubleSizeCapability`, `KioskScreen.doubleSize`).
    public init?(kiosk: Bool) {
        setlocale(LC_ALL, "")
        var modes = termios()
        let haveModes = tcgetattr(STDOUT_FILENO, &modes) == 0
        // Before initscr, so that ncurses leaves these handlers alone.
        kiosk_install_termination_handlers(kiosk ? 1 : 0)
        if kiosk { for sig in [SIGINT, SIGTSTP, SIGQUIT] { signal(sig, SIG_IGN) } }
        guard let screen = initscr() else { return nil }
        window = screen
        self.kiosk = kiosk
        if kiosk {
            raw() // the terminal sends Ctrl-C, Ctrl-Z and Ctrl-\ as keys, which are ignored
        } else {
            cbreak()
        }
        noecho()
        nonl()
        keypad(window, true)
        NumericKeypad.teach()
        set_escdelay(25) // Esc is "back": it must not wait for a sequence that never comes
        curs_set(0)
        _ = mousemask(kiosk_button1_events(), nil)
        mouseinterval(0) // no click delay
        anyColour = has_colors()
        if anyColour {
            start_color()
        }
        richColour = anyColour && kiosk_colors() >= 256
        if haveModes { Terminal.armRestore(modes) }
    }

    /// What a crash writes to put the terminal back, worked out now because a signal handler
    /// may not call ncurses: leave the alternate screen, show the cursor, plain attributes,
    /// keypad and mouse reporting off.
    private static func armRestore(_ modes: termios) {
        var bytes: [CChar] = []
        for capability in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = kiosk_tigetstr(capability) else { continue }
            bytes += Array(UnsafeBufferPointer(start: value, count: strlen(value)))
        }
        bytes += Array("\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1006l".utf8CString.dropLast())
        var saved = modes
        kiosk_arm_terminal_restore(STDOUT_FILENO, bytes, Int32(bytes.count), &saved)
    }

    public var size: (width: Int, height: Int) { (Int(kiosk_getmaxx(window)), Int(kiosk_getmaxy(window))) }

    /// xterm's own background, outside the cells, follows the theme's (OSC 11): the window is the
    /// screen's size, which is seldom a whole number of cells, and the strips left over at the
    /// right and the bottom were xterm's black under the white of standard mode. Set for xterm
    /// (double-size rows detected), where the sequence is known; other terminals are not sent it.
    public var followsThemeBackground = false

    /// With 256 colours the theme's own colours; with fewer, light text on dark, and meaning is
    /// carried by words, bold and reverse alone.
    public func use(_ theme: Theme) {
        guard theme != self.theme else { return }
        self.theme = theme
        previous = nil
        guard anyColour else { return }
        if followsThemeBackground, richColour {
            let (r, g, b) = Palette.rgb(theme.color(.background))
            send(String(format: "\u{1B}]11;rgb:%02x/%02x/%02x\u{07}", r, g, b))
        }
        for (i, role) in Role.allCases.enumerated() {
            let fg = richColour ? Int16(theme.color(role)) : Int16(COLOR_WHITE)
            let bg = richColour ? Int16(theme.color(.background)) : Int16(COLOR_BLACK)
            init_pair(Int16(i + 1), fg, bg)
        }
        wbkgdset(window, chtype(kiosk_color_pair(Int32(Role.allCases.firstIndex(of: .background)! + 1))))
        // The last theme's twins sit on spare palette entries that this theme may use: xterm's
        // own palette back. This theme's twins are set when a frame of it has double rows.
        if twins == true { send("\u{1B}]104\u{07}") }
        twins = nil
    }

    /// xterm 379 draws a run of text on a double-size row glyph after glyph one double cell
    /// apart, also for Chinese characters, which need two: they overlap. A run ends where the
    /// colour changes, and a run of one character is placed right. So on double rows every
    /// other cell uses a twin pair: a spare palette entry set to the same colour. False when
    /// the terminal cannot set colours or the theme leaves too few spare.
    private func useTwinColours(_ theme: Theme?) -> Bool {
        guard let theme, richColour, can_change_color() else { return false }
        let used = Set(theme.colors.values)
        let spare = (16..<256).reversed().filter { !used.contains($0) }
        let count = Role.allCases.count
        guard spare.count >= count else { return false }
        // From xterm's own palette, which the themes' contrast was worked out for (`Palette`).
        send("\u{1B}]104\u{07}")
        let bg = Int16(theme.color(.background))
        for (i, role) in Role.allCases.enumerated() {
            let (r, g, b) = Palette.rgb(theme.color(role))
            // Rounded up, so that xterm's conversion back to 0-255 gives the very same colour.
            func scaled(_ v: Int) -> Int16 { Int16((v * 1000 + 254) / 255) }
            init_color(Int16(spare[i]), scaled(r), scaled(g), scaled(b))
            init_pair(Int16(i + 1 + count), Int16(spare[i]), bg)
        }
        return true
    }

    /// Writes the cells that differ from the last frame, then updates the terminal once. Row
    /// sizes are sent while the frame or the one before it has double rows: a terminal that is
    /// never given one (standard mode, tmux, the Linux console) gets no line attributes at all.
    public func draw(_ buffer: ScreenBuffer) {
        let rows = buffer.rowSizes
        var runs = buffer.changes(since: previous)
        let double = buffer.hasDoubleRows
        let sizes = double || sentRows.contains { $0 != .single }
        if double, twins == nil { twins = useTwinColours(theme) }
        if sizes {
            let changed = Set(runs.map(\.row))
            let before = LineAttributes.before(previous: sentRows, next: rows, changed: changed)
            send(before.bytes)
            // Back to single size, such a row is written whole: what the terminal holds right of
            // the half is not what ncurses believes.
            for row in before.rows where row < buffer.height { wredrawln(window, Int32(row), 1) }
            // A row that changes size changes colour pairs (twins), so it is written whole.
            let resized = (0..<buffer.height).filter { (sentRows.indices.contains($0) ? sentRows[$0] : .single) != rows[$0] }
            for row in Set(before.rows).union(resized).sorted() where row < buffer.height {
                runs.append((row, 0, buffer.cells[(row * buffer.width)..<((row + 1) * buffer.width)]))
            }
        }
        let twinPairs = twins == true
        for run in runs {
            var column = run.column
            for cell in run.cells {
                defer { column += 1 }
                if cell.isContinuation { continue }
                var attrs = kiosk_a_normal()
                if cell.style.bold || (!richColour && [.heading, .error, .focus].contains(cell.style.role)) { attrs |= kiosk_a_bold() }
                var pair = anyColour ? Int16(Role.allCases.firstIndex(of: cell.style.role)! + 1) : 0
                if twinPairs, rows[run.row] != .single, (column / 2) % 2 == 1 { pair += Int16(Role.allCases.count) }
                var wide = Array(String(cell.character).unicodeScalars.map { wchar_t(bitPattern: $0.value) }.prefix(4))
                wide.append(0)
                _ = kiosk_put_char(window, Int32(run.row), Int32(column), wide, attrs, pair)
            }
        }
        previous = buffer
        wnoutrefresh(window)
        doupdate()
        if sizes {
            send(LineAttributes.after(rows))
            sentRows = rows
        }
    }

    /// Bytes straight to the terminal, between ncurses' refreshes (its own buffer is empty then).
    private func send(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written <= 0 { if errno == EINTR { continue }; return }
            bytes = bytes.dropFirst(written)
        }
    }

    /// Forgets what is on screen, so the next frame is written whole (after a resize).
    public func invalidate() {
        previous = nil
        clearok(window, true)
    }

    public func bell() { beep() }

    /// Waits up to `milliseconds` for one input, or until `wake` becomes readable.
    public func read(milliseconds: Int32, wake: Int32) -> TerminalInput {
        if let sig = Terminal.terminationRequested { return .terminate(signal: sig) }
        // What ncurses already holds comes first; then wait on the keyboard and `wake` together.
        wtimeout(window, 0)
        var ch: wint_t = 0
        var status = wget_wch(window, &ch)
        if status == ERR {
            var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, milliseconds)
            if let sig = Terminal.terminationRequested { return .terminate(signal: sig) }
            guard ready > 0 else { return .timeout }
            guard fds[0].revents != 0 else { return .woken }
            wtimeout(window, 30)
            status = wget_wch(window, &ch)
            if status == ERR { return .timeout }
        }
        let code = Int32(ch)
        if status == kiosk_key_code_yes() {
            switch code {
            case kiosk_key_resize(): return .resize
            case kiosk_key_enter(): return .key(.enter)
            case kiosk_key_backspace(): return .key(.backspace)
            case kiosk_key_up(): return .key(.up)
            case kiosk_key_down(): return .key(.down)
            case kiosk_key_f(1): return .key(.f1)
            case kiosk_key_f(2): return .key(.f2)
            case kiosk_key_f(3): return .key(.f3)
            case kiosk_key_f(4): return .key(.f4)
            case kiosk_key_mouse():
                var event = MEVENT()
                guard getmouse(&event) == OK else { return .ignored }
                let pressed = kiosk_button1_clicked() | kiosk_button1_pressed()
                guard event.bstate & pressed != 0 else { return .ignored }
                return .click(row: Int(event.y), column: Int(event.x))
            default: return NumericKeypad.key(forCode: code).map(TerminalInput.key) ?? .ignored
            }
        }
        switch code {
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 9: return .key(.tab)
        case 48...57: return .key(.digit(Int(code) - 48))
        case 0..<32: return .ignored // Ctrl-C, Ctrl-Z, Ctrl-\ and other control keys
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return .ignored }
            return .key(.character(Character(scalar)))
        }
    }

    /// The signal that asked the kiosk to end (SIGTERM, SIGHUP), if one came.
    public static var terminationRequested: Int32? {
        let sig = kiosk_termination_requested()
        return sig == 0 ? nil : sig
    }

    /// Leaves the alternate screen and gives the terminal back as it was.
    public func end() {
        kiosk_arm_terminal_restore(-1, nil, 0, nil)
        if followsThemeBackground { send("\u{1B}]111\u{07}") } // xterm's own background back
        endwin()
    }
}
