import Foundation

/// Latin letters as Mandarin speakers say them, in pinyin for the `cmn-latn-pinyin` voice.
enum MandarinLetters {
    static let pinyin: [Character: String] = [
        "A": "ei1", "B": "bi4", "C": "xi1", "D": "di4", "E": "yi4", "F": "ai2 fu5", "G": "ji4",
        "H": "ai1 qi1", "I": "ai4", "J": "jie4", "K": "kai4", "L": "ai2 lou5", "M": "ai2 mu5",
        "N": "en1", "O": "ou1", "P": "pi4", "Q": "qiu1", "R": "a4 er5", "S": "ai2 si5", "T": "ti4",
        "U": "you1", "V": "wei1", "W": "da2 bu5 liu5", "X": "ai2 ke4 si1", "Y": "wai1", "Z": "zei4",
    ]
}

/// Latin letters as Cantonese speakers say them (the English names), in Jyutping for the
/// `yue-Latn-jyutping` voice, which would otherwise read a lone letter as a broken syllable.
enum CantoneseLetters {
    static let jyutping: [Character: String] = [
        "A": "ei1", "B": "bi1", "C": "si1", "D": "di1", "E": "ji1", "F": "ef1", "G": "zi1",
        "H": "ei1 cyu1", "I": "aai1", "J": "zei1", "K": "kei1", "L": "e1 lou2", "M": "em1",
        "N": "en1", "O": "ou1", "P": "pi1", "Q": "kiu1", "R": "aa1 lou2", "S": "e1 si2", "T": "ti1",
        "U": "ju1", "V": "wi1", "W": "daap6 bou1 jiu1", "X": "ek1 si2", "Y": "waai1", "Z": "zet6",
    ]
}
