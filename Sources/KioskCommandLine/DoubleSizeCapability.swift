/// Whether the terminal draws DEC double-size rows (ESC # 3 / ESC # 4), which care mode uses
/// to set its key texts at twice the height and width.
///
/// `double_size_text` (`--double-size-text`): `auto` (the default) says yes only for xterm
/// itself: `TERM` starts with `xterm`, `XTERM_VERSION` is set (xterm sets it for its child),
/// and neither tmux (`TMUX`) nor screen (`STY`) sits in between, since both drop the line
/// attributes. Other terminals that call themselves xterm (VTE, kitty, the Linux console never
/// does) set no `XTERM_VERSION`. `on` trusts the terminal, `off` keeps the single-size layout.
public enum DoubleSizeCapability {
    public static let settings = ["auto", "on", "off"]

    public static func enabled(_ setting: String?, environment: [String: String]) -> Bool {
        switch setting ?? "auto" {
        case "on": return true
        case "off": return false
        default:
            let term = environment["TERM"] ?? ""
            return term.hasPrefix("xterm") && !(environment["XTERM_VERSION"] ?? "").isEmpty
                && environment["TMUX"] == nil && environment["STY"] == nil
        }
    }
}
