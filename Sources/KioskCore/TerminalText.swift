/// Text that reaches a terminal or standard output: the renderer's cells, plain mode's lines and
/// every message. Text from outside (catalog strings, what is typed, portal messages) may carry
/// escape sequences that would move the cursor, retitle the window, or hide what is on screen;
/// this removes every control character (C0, DEL, C1, so ESC and CSI), line and paragraph
/// separators, and the bidirectional overrides that could make text read differently than stored.
/// The printable rest of an escape sequence ("[31m") stays visible and harmless.
public enum TerminalText {
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.filter { !isUnsafe($0) }))
    }

    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || v == 0x2028 || v == 0x2029
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }
}
