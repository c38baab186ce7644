import KioskCore

/// Plain mode in its own words. The screens' key legends name the keypad's keys (按返回键,
/// 按更正键); plain mode reads words instead (`esc`, `f1`, an empty line for 确认), so each
/// legend `keys.x` is replaced by its `plain.keys.x` (a test checks that every `keys.x` has one). The status line leaves out care mode,
/// which only changes the full screen's layout.
enum PlainWords {
    static func apply(to content: ScreenContent, _ state: WizardState, _ s: Strings) -> ScreenContent {
        var c = content
        let words = legend(s)
        c.keys = c.keys.map { words[$0] ?? $0 }
        // The home screen's sentence about F2, F3 and F4, in the words plain mode reads.
        let homeKeys: Set<String> = [s.tr(.homeKeys), s.tr(.homeKeysInCareMode)]
        c.paragraphs = c.paragraphs.map { homeKeys.contains($0) ? s.tr(.plainHomeKeys) : $0 }
        c.status = state.statusLine(s, showingCareMode: false)
        return c
    }

    /// What each legend of the full screen says, to what plain mode says instead.
    static func legend(_ s: Strings) -> [String: String] {
        var words: [String: String] = [:]
        for key in StringKey.allCases where key.rawValue.hasPrefix("keys.") {
            guard let plain = plainKey(key) else { continue }
            words[s.tr(key)] = s.tr(plain)
        }
        return words
    }

    /// Plain mode's words for a legend of the full screen (nil for any other string).
    static func plainKey(_ key: StringKey) -> StringKey? {
        switch key {
        case .keysAnyKeyBack: return .plainKeysAnyKeyBack
        case .keysBack: return .plainKeysBack
        case .keysBackDisagree: return .plainKeysBackDisagree
        case .keysBackPage: return .plainKeysBackPage
        case .keysBackToChange: return .plainKeysBackToChange
        case .keysBackspace: return .plainKeysBackspace
        case .keysCallStaff: return .plainKeysCallStaff
        case .keysChangeNumber: return .plainKeysChangeNumber
        case .keysChooseNumber: return .plainKeysChooseNumber
        case .keysEnterContinue: return .plainKeysEnterContinue
        case .keysEnterHome: return .plainKeysEnterHome
        case .keysEnterRetry: return .plainKeysEnterRetry
        case .keysEnterSkip: return .plainKeysEnterSkip
        case .keysEnterStart: return .plainKeysEnterStart
        case .keysEnterSubmit: return .plainKeysEnterSubmit
        case .keysTypeThenEnter: return .plainKeysTypeThenEnter
        case .keysEnterNextPage: return .plainKeysEnterNextPage
        case .keysEnterAgree: return .plainKeysEnterAgree
        case .keysStarHide: return .plainKeysStarHide
        case .keysStarShow: return .plainKeysStarShow
        default: return nil
        }
    }
}
