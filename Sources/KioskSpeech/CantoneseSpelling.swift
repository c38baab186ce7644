import Foundation

/// Jyutping as eSpeak NG's `yue-Latn-jyutping` voice must be given it: the last step before the
/// engine, after every reading is decided. The voice reads syllables of initials and finals as written
/// (`ngan4 hong4`), but a syllabic nasal loses its tone: `ng5` is said as a bare `N` (1.51, as
/// `espeak-ng -x` shows). For those the kiosk gives a character that eSpeak NG's own word list reads
/// as that syllable: 五 `'ng5`, 误 `'ng6`. These are chosen for what eSpeak says, not for the
/// dictionary's reading of the character (which gives 嗯 as ng6, not ng2). Syllabic m has no such
/// character (唔 is read `'ng4`), so the dictionary leaves readings with it out.
public enum CantoneseSpelling {
    public static let nasals: [String: String] = ["ng2": "嗯", "ng4": "吴", "ng5": "五", "ng6": "误"]

    /// A text in Jyutping (`co3 ng6，haa6 ng5`) with each syllabic nasal spelled as eSpeak NG says it.
    public static func engine(_ jyutping: String) -> String {
        jyutping.replacing(/\bng[2456]\b/) { m in nasals[String(m.0)] ?? String(m.0) }
    }
}
