import Foundation

/// Jyutping as eSpeak NG's `yue-Latn-jyutping` voice must be given it. The voice reads syllables of
/// initials and finals as written (`ngan4 hong4`), but a syllabic nasal loses its tone: `ng5` is said
/// as a bare ng (1.51, measured with `espeak_TextToPhonemes`). For those the kiosk gives a character
/// that eSpeak NG's own word list reads as that syllable: 五 is `'ng5`, 误 `'ng6`. Syllabic m has no
/// such character (唔 is read `'ng4`), so the dictionary leaves such readings out.
public enum CantoneseSpelling {
    public static let nasals: [String: String] = ["ng2": "嗯", "ng4": "吴", "ng5": "五", "ng6": "误"]

    static func engine(_ syllable: String) -> String { nasals[syllable] ?? syllable }

    /// A whole reading (`co3 ng6`), syllable by syllable: how the pronunciation check says what a
    /// text should sound like.
    static func engine(reading: String) -> String {
        reading.split(separator: " ").map { engine(String($0)) }.joined(separator: " ")
    }
}
