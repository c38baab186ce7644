import KioskCore

/// Plain mode in its own words. The screens' key hints are values (`KeyHint`); the full screen
/// words them by the keypad's keys (按返回键, 按更正键), plain mode by what it reads (`esc`, `f1`, an
/// empty line for 确认): `plain.keys.x` for each (a test checks that every hint has plain words).
/// The home screen's sentence about F2, F3 and F4 is `plain.home_keys` (`text(of:)`). The status
/// line leaves out care mode, which only changes the full screen's layout.
enum PlainWords {
    static func apply(to content: ScreenContent, _ state: WizardState, _ s: Strings) -> ScreenContent {
        var c = content
        c.keys = c.keyHints.map { s.tr(words($0)) }
        // Plain lines have no colour: "错误：" marks the line that says what was wrong.
        c.error = c.error.map { s.tr(.plainErrorPrefix) + $0 }
        if c.functionKeys != nil {
            c.notes.append(s.tr(.plainHomeKeys))
            c.functionKeys = nil
        }
        c.status = c.statusItems.filter { $0.kind != .careMode }.map(\.words).joined(separator: s.tr(.statusSeparator))
        return c
    }

    /// Plain mode's words for a key hint.
    static func words(_ hint: KeyHint) -> Phrase {
        switch hint {
        case .anyKeyBack: return .plainKeysAnyKeyBack
        case .back: return .plainKeysBack
        case .backDisagree: return .plainKeysBackDisagree
        case .backPage: return .plainKeysBackPage
        case .backToChange: return .plainKeysBackToChange
        case .backspace: return .plainKeysBackspace
        case .callStaff: return .plainKeysCallStaff
        case .changeNumber: return .plainKeysChangeNumber
        case .chooseNumber: return .plainKeysChooseNumber
        case .enterAgree: return .plainKeysEnterAgree
        case .enterContinue: return .plainKeysEnterContinue
        case .enterHome: return .plainKeysEnterHome
        case .enterNextPage: return .plainKeysEnterNextPage
        case .enterRetry: return .plainKeysEnterRetry
        case .enterSkip: return .plainKeysEnterSkip
        case .enterStart: return .plainKeysEnterStart
        case .enterSubmit: return .plainKeysEnterSubmit
        case .starHide: return .plainKeysStarHide
        case .starShow: return .plainKeysStarShow
        case .typeThenEnter: return .plainKeysTypeThenEnter
        }
    }
}
