import Foundation
import KioskCore

/// Checks how texts are said against the readings they should have: each text goes through the
/// kiosk's normaliser, each expected reading straight to the same eSpeak NG voice, and the two are
/// compared as eSpeak's phonemes, so that only a difference a resident would hear counts (eSpeak's
/// own third-tone changes apply to both sides alike).
public struct PronunciationCheck {
    /// One line of a check file: `text<TAB>reading`, more tab-separated fields ignored.
    public struct Entry: Equatable, Sendable {
        public var line: Int
        public var text: String
        public var reading: String
        /// Fields after the reading (the corpus marks its held-out half with `held-out`).
        public var marks: [String]
    }

    public struct Miss: Equatable, Sendable {
        public var entry: Entry
        /// What the kiosk gives eSpeak NG for the text.
        public var engineText: String
    }

    /// Check files are lists kept by hand: more than 4 MB is not one.
    public static let byteLimit = 4 << 20

    /// `#` starts a comment line; a line without a tab has no reading and is reported by line number.
    public static func entries(_ text: String) -> (entries: [Entry], unreadable: [Int]) {
        var entries: [Entry] = []
        var unreadable: [Int] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count >= 2, !fields[1].isEmpty else { unreadable.append(index + 1); continue }
            entries.append(Entry(line: index + 1, text: fields[0], reading: fields[1], marks: Array(fields.dropFirst(2))))
        }
        return (entries, unreadable)
    }

    public static func read(_ url: URL) throws -> (entries: [Entry], unreadable: [Int]) {
        entries(String(decoding: try SpeechFile.read(url, limit: byteLimit), as: UTF8.self))
    }

    public let text: SpeechText
    public let engine: ESpeakEngine

    /// `engine` must have the voice of `text` set.
    public init(text: SpeechText, engine: ESpeakEngine) {
        self.text = text
        self.engine = engine
    }

    /// The entries that are not said as their reading.
    public func misses(_ entries: [Entry]) -> [Miss] {
        entries.compactMap { entry in
            let said = text.engineText(Utterance(voice: text.voice, parts: [.text(entry.text)]))
            return sounds(said) == sounds(text.engineReading(entry.reading)) ? nil : Miss(entry: entry, engineText: said)
        }
    }

    /// eSpeak's phonemes without its word and clause marks: only the sounds and their tones.
    func sounds(_ text: String) -> String {
        String(engine.phonemes(text).filter { !$0.isWhitespace && $0 != "_" && $0 != "|" })
    }
}
