import CNcursesw
import KioskCore

/// The numeric keypad, the same in either of its modes. In numeric mode its keys send plain
/// digits, `*`, `.` and a carriage return, which need nothing. In application mode (which
/// ncurses turns on with the keypad, and which xterm, tmux and the Linux console honour) they
/// send `ESC O` and a letter; most terminfo entries name only a few of these (tmux's names no
/// Enter), so an unnamed one would reach the kiosk as Esc, "back", throwing typed digits away.
/// Every one is therefore taught to ncurses here, under key codes of the kiosk's own.
enum NumericKeypad {
    /// `ESC O` + letter (VT100 application keypad) and the key it stands for.
    static let keys: [(letter: Character, key: Key)] = [
        ("p", .digit(0)), ("q", .digit(1)), ("r", .digit(2)), ("s", .digit(3)), ("t", .digit(4)),
        ("u", .digit(5)), ("v", .digit(6)), ("w", .digit(7)), ("x", .digit(8)), ("y", .digit(9)),
        ("M", .enter), ("j", .character("*")), ("n", .character(".")), ("k", .character("+")),
        ("m", .character("-")), ("o", .character("/")), ("X", .character("=")),
    ]

    /// Key codes above every ncurses code (KEY_MAX is 0777).
    static let firstCode: Int32 = 0x1000

    /// Binds each application-mode sequence to its own code; run once after `keypad(window, true)`.
    static func teach() {
        for (i, entry) in keys.enumerated() {
            _ = define_key("\u{1B}O\(entry.letter)", firstCode + Int32(i))
        }
    }

    /// The key a code from `teach` stands for, or the keypad's named keys that terminfo may give
    /// instead (KEY_A1 … KEY_C3: the corners and centre of the keypad).
    static func key(forCode code: Int32) -> Key? {
        let index = Int(code - firstCode)
        if keys.indices.contains(index) { return keys[index].key }
        switch code {
        case kiosk_key_a1(): return .digit(7)
        case kiosk_key_a3(): return .digit(9)
        case kiosk_key_b2(): return .digit(5)
        case kiosk_key_c1(): return .digit(1)
        case kiosk_key_c3(): return .digit(3)
        default: return nil
        }
    }
}
