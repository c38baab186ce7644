import Foundation
import KioskCore

/// How fast and how loud the kiosk speaks. Care mode is slower than eSpeak NG's default.
public struct SpeechSettings: Equatable, Sendable {
    /// Words per minute, eSpeak NG's scale (80-450; 175 is its default).
    public var rate: Int
    /// 0-200; 100 is eSpeak NG's default loudness.
    public var volume: Int

    public static let standardRate = 175
    public static let careRate = 130
    public static let defaultVolume = 100

    public init(rate: Int, volume: Int) {
        self.rate = rate
        self.volume = volume
    }

    public init(careMode: Bool, volume: Int = SpeechSettings.defaultVolume) {
        self.init(rate: careMode ? SpeechSettings.careRate : SpeechSettings.standardRate, volume: volume)
    }
}

/// Something that says utterances aloud. `say` returns at once and replaces whatever was being
/// said; `stop` silences it. A speaker that cannot speak stays silent and says why in `trouble`.
public protocol Speaker: AnyObject {
    var trouble: SpeechTrouble? { get }
    func say(_ utterance: Utterance, settings: SpeechSettings)
    func stop()
    /// The current catalog's `pronunciations` for the next utterance's voice (word → pinyin or
    /// Jyutping, checked by the catalog loader): said above the lexicon and the dictionary.
    func use(pronunciations: [String: String])
}

extension Speaker {
    /// A speaker that does not read Chinese itself has nothing to do with them.
    public func use(pronunciations: [String: String]) {}
}
