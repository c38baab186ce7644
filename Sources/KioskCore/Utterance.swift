import Foundation

/// The language the kiosk speaks in, chosen on the F4 screen apart from the display language.
/// Hakka is not offered: eSpeak NG's `hak` voice cannot read Han characters.
public enum SpeechVoice: String, CaseIterable, Equatable, Sendable {
    case mandarin = "cmn"
    case cantonese = "yue"
    case english = "en"
    /// No speech at all (a quiet room, or a helper who does not want it).
    case silent = "off"

    /// The locale file whose strings are spoken in this language.
    public var stringsLocale: String { self == .english ? "en" : Catalog.fallbackLocale }

    /// The voice that suits a display language when none was asked for.
    public static func `default`(forDisplay locale: String) -> SpeechVoice { locale == "en" ? .english : .mandarin }
}

/// How a value inside an utterance is read aloud.
public enum SpokenValue: String, CaseIterable, Equatable, Sendable {
    /// Identity numbers: digit by digit in groups of 6, 8 and 4.
    case idNumber = "id_number"
    /// Phone numbers: digit by digit in groups of 3, 4 and 4; 1 is "yao" in Mandarin.
    case phone
    /// Receipt, reference and card numbers: digit by digit in groups of four, letters spelled out.
    case receipt
    /// Amounts and ages: as a number.
    case amount
    /// Dates: year digit by digit, then month and day (年月日).
    case date
    /// Anything else typed as digits: one by one.
    case digits
}

/// Something the kiosk says: prose from the screen and values read by their type.
public struct Utterance: Equatable, Sendable {
    public enum Part: Equatable, Sendable {
        case text(String)
        case value(String, SpokenValue)
    }

    public var voice: SpeechVoice
    public var parts: [Part]
    /// Said slower than eSpeak's default, as care mode asks: the screen it belongs to decides.
    public var slower: Bool

    public init(voice: SpeechVoice, parts: [Part], slower: Bool = false) {
        self.voice = voice
        self.parts = parts
        self.slower = slower
    }
}

/// Why the kiosk cannot speak; shown on the status line.
public enum SpeechTrouble: Equatable, Sendable {
    case noAudioDevice
    case noVoice(String)
    case engineFailed
}
