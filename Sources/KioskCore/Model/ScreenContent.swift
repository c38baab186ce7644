import Foundation

/// Everything one screen says, in the display language, with sensitive values masked.
/// Plain mode prints it; the terminal renderer lays it out; speech reads it.
public struct ScreenContent: Equatable, Sendable {
    public struct Option: Equatable, Sendable {
        public var number: Int
        public var label: String
        public var selected: Bool
        /// Where the arrow keys are: Enter chooses it.
        public var focused = false
    }

    /// A 办件编号 to be written down: the screen shows `line` (and the number large where it fits),
    /// speech says `lead` and reads the number digit by digit in groups of four.
    public struct ReferenceLine: Equatable, Sendable {
        public var line: String
        public var lead: String
        public var number: String
    }

    public var title: String
    public var progress: String?
    /// The confirmation's 办件编号, before the paragraphs.
    public var reference: ReferenceLine?
    public var notice: String?
    /// The inactivity warning: shown where it moves nothing else (the full screen puts it in the
    /// row of the key legend, where a notice goes too when there is no warning).
    public var warning: String?
    public var paragraphs: [String] = []
    /// Said after the paragraphs, and shown under the options where every text is double and the
    /// screen runs over pages: what matters less than what there is to choose (the home screen's
    /// reminder that answers are cleared).
    public var notes: [String] = []
    /// After the paragraphs: the home screen's sentence about F2, F3 and F4, worded by each front end.
    public var functionKeys: FunctionKeysSentence?
    public var question: String?
    public var hint: String?
    public var currentAnswer: String?
    public var input: String?
    public var error: String?
    public var options: [Option] = []
    public var morePages: String?
    /// The on-screen keys for touch, beside the keypad's own: each does what its key does.
    public enum Button: Equatable, Sendable {
        /// Types the X an identity number may end with (a keypad has none: its `*` does the same).
        case x
        case backspace
        /// 遮住 or 显示 the answers being checked (`*`).
        case hideAnswers, showAnswers
        case confirm, back, staff
    }

    /// The care mode the screen is drawn in (larger text, buttons as touch targets).
    public var careMode = false
    /// The page of a long text to show, where the renderer shows it a page at a time.
    public var textPage = 0
    /// The on-screen keys this screen has, in the order they are drawn.
    public var buttons: [Button] = []
    /// What to press, as values; `keys` holds them in the words of the full screen and of speech.
    public var keyHints: [KeyHint] = []
    public var keys: [String] = []
    public var status: String = ""
    /// The status line's parts, for a front end that shows only some of them.
    public var statusItems: [StatusItem] = []
}

extension ScreenContent {
    /// For a front end that lays out a screen of its own making (a renderer measuring what fits);
    /// every screen of the kiosk comes from the model's `content`.
    public init(title: String, question: String?, options: [Option], morePages: String?, keyHints: [KeyHint]) {
        self.init(title: title, question: question, keyHints: keyHints)
        self.options = options
        self.morePages = morePages
    }
}

extension ScreenContent.Option {
    public init(number: Int, label: String) {
        self.init(number: number, label: label, selected: false)
    }
}

extension WizardState {
    /// `spoken`: the same content for speech, where a sensitive value is only its last four characters.
    public func content(_ s: Strings, spoken: Bool = false) -> ScreenContent {
        var c = overlay.map { overlayContent($0, s) } ?? screenContent(s, spoken: spoken)
        c.notice = notice.map {
            switch $0 {
            case .thanksForRating: return s.tr(.noticeThanksForRating)
            case .cleared: return s.tr(.noticeCleared)
            case .helperLoggedIn: return s.tr(.noticeHelperLoggedIn(name: helper?.name ?? ""))
            case .helperLoggedOut: return s.tr(.noticeHelperLoggedOut)
            case .residentDeclined: return s.tr(.noticeResidentDeclined)
            case .repeating: return s.tr(.noticeRepeating)
            case .cannotRepeat: return s.tr(.noticeCannotRepeat)
            }
        }
        if let seconds = inactivityWarning {
            c.warning = inactivityWarningText(seconds, s)
        }
        // An error belongs to the screen under an overlay, not to the overlay (人工帮办 already called).
        // In the error's colour, without "错误：" before it: what is wrong, and what to do.
        c.error = overlay == nil ? error.map { $0.message(s) } : nil
        c.options = visibleChoices.enumerated().map { i, choice in
            ScreenContent.Option(number: i + 1, label: label(of: choice, s, spoken: spoken), selected: isSelected(choice), focused: focus == i)
        }
        if optionPageCount > 1 {
            let page = "\(optionPage + 1)", pages = "\(optionPageCount)"
            // Answers are checked page by page with Enter; other lists turn with 0.
            c.morePages = s.tr(!isCheckingAnswers ? .screenMorePages(page: page, pages: pages)
                : isLastPage ? .screenAnswerPagesLast(page: page, pages: pages) : .screenAnswerPages(page: page, pages: pages))
        }
        c.keys = c.keyHints.map { s.tr($0.screenWords) }
        c.careMode = careMode
        c.textPage = textPage
        c.buttons = buttons
        c.statusItems = statusItems(s)
        c.status = c.statusItems.map(\.words).joined(separator: s.tr(.statusSeparator))
        return c
    }
}

extension WizardState {
    /// The on-screen keys of the screen as it is, each only where its key does something: X where
    /// an X may be typed, backspace where text is, 遮住/显示 where answers being checked can be
    /// hidden, 确认 where Enter moves on (not where it could only say "请按数字键选择"), 返回 away
    /// from home, 人工帮办 wherever staff are not already called and no staff member is logging in.
    var buttons: [ScreenContent.Button] {
        var buttons: [ScreenContent.Button] = []
        if xPlace != nil { buttons.append(.x) }
        if acceptsText { buttons.append(.backspace) }
        if canHideAnswers { buttons.append(answersHidden ? .showAnswers : .hideAnswers) }
        let moreText = textPage + 1 < textPageCount
        if moreText || (overlay == nil && enterMovesOn) { buttons.append(.confirm) }
        if overlay != nil || screen != .home || textPage > 0 { buttons.append(.back) }
        if overlay != .staffCalled, helperLogin == nil { buttons.append(.staff) }
        return buttons
    }

    /// Enter does something here: it chooses the option the arrows moved to, or the screen goes on
    /// with it. On a list to choose from with nothing chosen, it could only ask for a number.
    var enterMovesOn: Bool {
        if let focus, visibleChoices.indices.contains(focus) { return true }
        switch screen {
        case .home, .category: return false
        case let .service(visit): return visit.enterMovesOn(today: today)
        default: return true
        }
    }
}
