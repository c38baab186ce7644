import Foundation

/// What a screen tells the resident to press, as a value: each front end words it its own way
/// (the full screen and speech by the keypad's keys, `keys.*`; plain mode by the words it reads,
/// `plain.keys.*`), so that no front end has to recognise another's sentences.
public enum KeyHint: CaseIterable, Equatable, Sendable {
    case anyKeyBack, back, backDisagree, backPage, backToChange, backspace, callStaff, changeNumber, chooseNumber
    case enterAgree, enterContinue, enterHome, enterNextPage, enterRetry, enterSkip, enterStart, enterSubmit
    case starHide, starShow, typeThenEnter

    /// The words of the full screen and of speech, which name the keypad's keys.
    public var screenWords: Phrase {
        switch self {
        case .anyKeyBack: return .keysAnyKeyBack
        case .back: return .keysBack
        case .backDisagree: return .keysBackDisagree
        case .backPage: return .keysBackPage
        case .backToChange: return .keysBackToChange
        case .backspace: return .keysBackspace
        case .callStaff: return .keysCallStaff
        case .changeNumber: return .keysChangeNumber
        case .chooseNumber: return .keysChooseNumber
        case .enterAgree: return .keysEnterAgree
        case .enterContinue: return .keysEnterContinue
        case .enterHome: return .keysEnterHome
        case .enterNextPage: return .keysEnterNextPage
        case .enterRetry: return .keysEnterRetry
        case .enterSkip: return .keysEnterSkip
        case .enterStart: return .keysEnterStart
        case .enterSubmit: return .keysEnterSubmit
        case .starHide: return .keysStarHide
        case .starShow: return .keysStarShow
        case .typeThenEnter: return .keysTypeThenEnter
        }
    }
}

/// The home screen's sentence about the function keys (重听, 大字, 语言): a value, so that each front
/// end words it (the full screen and speech by the keys' labels, plain mode by what it reads).
public enum FunctionKeysSentence: Equatable, Sendable {
    case standard
    /// In care mode the sentence says how to leave it.
    case careMode

    public var screenWords: Phrase { self == .careMode ? .homeKeysInCareMode : .homeKeys }
}
