import Foundation

/// A pronunciation dictionary: the most common reading of each Han character and many words, most of
/// them listed only so that the matcher keeps them whole. Mandarin's is `speech/mandarin-pinyin.txt`
/// (pinyin, built by `scripts/build-mandarin-dictionary`), Cantonese's `speech/cantonese-jyutping.txt`
/// (Jyutping, built by `scripts/build-cantonese-dictionary`); both have the same format.
///
/// Words are kept as sorted 128-bit keys rather than Swift strings: a third of the memory a
/// dictionary of strings takes, and no hashing while loading.
public final class ReadingDictionary: Sendable {
    public enum Failure: Error, Equatable {
        case unreadable(String)
        case tooLarge(bytes: Int)
        /// A line that is not `reading characters` or `first rest[:pinyin] ...`, or words out of order.
        case malformed(line: Int)
    }

    /// The Mandarin file is about 2.3 MB, the Cantonese 0.9 MB; anything far larger is not a dictionary.
    public static let byteLimit = 16 << 20
    /// The longest word the matcher tries, in characters (eight UTF-16 units fill a key).
    public static let longestWord = 8

    /// A word of up to eight BMP characters, the first in the highest bits: comparing keys compares
    /// the words character by character, as the file is sorted.
    struct Key: Comparable, Sendable {
        var high: UInt64 = 0
        var low: UInt64 = 0

        init?<C: Collection>(_ units: C) where C.Element == UInt16 {
            guard (1...ReadingDictionary.longestWord).contains(units.count) else { return nil }
            for (i, u) in units.enumerated() {
                if i < 4 { high |= UInt64(u) << (48 - 16 * i) } else { low |= UInt64(u) << (48 - 16 * (i - 4)) }
            }
        }

        static func < (a: Key, b: Key) -> Bool { (a.high, a.low) < (b.high, b.low) }
    }

    private let keys: [Key]
    /// For each key, where its syllables start in `pool`; `plain` when the characters' own readings apply.
    private let starts: [UInt32]
    private let pool: [UInt16]
    private let syllables: [String]
    private let characters: [UInt16: UInt16]
    /// The `@endings` section (Cantonese): a character's reading when it ends a text right after a word.
    private let endings: [UInt16: UInt16]
    private static let plain = UInt32.max

    public var wordCount: Int { keys.count }
    public var characterCount: Int { characters.count }
    /// Bytes of the tables themselves (keys, offsets, syllables, characters), without the
    /// allocator's overhead: what the dictionary costs whatever else the process has freed.
    public var tableBytes: Int {
        keys.capacity * MemoryLayout<Key>.stride + starts.capacity * 4 + pool.capacity * 2
            + (characters.capacity + endings.capacity) * 4 + syllables.count * MemoryLayout<String>.stride
    }

    public convenience init(contentsOf url: URL) throws(Failure) {
        let handle: FileHandle
        do { handle = try FileHandle(forReadingFrom: url) } catch { throw .unreadable(url.path) }
        defer { try? handle.close() }
        // One byte more than allowed tells a file that is too large from one that fits exactly.
        let data: Data
        do { data = try handle.read(upToCount: Self.byteLimit + 1) ?? Data() } catch { throw .unreadable(url.path) }
        guard data.count <= Self.byteLimit else { throw .tooLarge(bytes: data.count) }
        try self.init(text: String(decoding: data, as: UTF8.self))
    }

    public init(text: String) throws(Failure) {
        var syllableIDs: [String: UInt16] = [:]
        var syllables: [String] = []
        func id(_ s: Substring) -> UInt16 {
            if let known = syllableIDs[String(s)] { return known }
            syllables.append(String(s))
            syllableIDs[String(s)] = UInt16(syllables.count - 1)
            return UInt16(syllables.count - 1)
        }
        var characters: [UInt16: UInt16] = [:]
        var endings: [UInt16: UInt16] = [:]
        var keys: [Key] = []
        var starts: [UInt32] = []
        var pool: [UInt16] = []
        var section = ""
        for (index, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("@") { section = String(line); continue }
            let fields = line.split(separator: " ")
            guard fields.count >= 2 else { throw .malformed(line: index + 1) }
            switch section {
            case "@chars":
                let reading = id(fields[0])
                for unit in fields[1].utf16 { characters[unit] = reading }
            case "@endings":
                let reading = id(fields[0])
                for unit in fields[1].utf16 { endings[unit] = reading }
            case "@words":
                let first = Array(fields[0].utf16)
                guard first.count == 1 else { throw .malformed(line: index + 1) }
                for entry in fields.dropFirst() {
                    let parts = entry.split(separator: ":", maxSplits: 1)
                    guard let key = Key(first + Array(parts[0].utf16)), keys.last.map({ $0 < key }) ?? true
                    else { throw .malformed(line: index + 1) }
                    keys.append(key)
                    guard parts.count == 2 else { starts.append(Self.plain); continue }
                    let readings = Self.split(parts[1])
                    guard readings.count == parts[0].utf16.count + 1 else { throw .malformed(line: index + 1) }
                    starts.append(UInt32(pool.count))
                    pool += readings.map(id)
                }
            default:
                throw .malformed(line: index + 1)
            }
        }
        self.keys = keys
        self.starts = starts
        self.pool = pool
        self.syllables = syllables
        self.characters = characters
        self.endings = endings
    }

    /// `yin2hang2` → `yin2`, `hang2`: each tone digit ends a syllable.
    private static func split(_ run: Substring) -> [Substring] {
        var out: [Substring] = []
        var start = run.startIndex
        for i in run.indices where run[i].isNumber {
            out.append(run[start...i])
            start = run.index(after: i)
        }
        return out
    }

    /// The most common reading of a character, if the dictionary knows it.
    public func reading(of character: UInt16) -> String? {
        characters[character].map { syllables[Int($0)] }
    }

    /// How a character is read when it ends a text right after a word, where that differs from
    /// `reading(of:)`: a suffix (发布|会 wui2, 出生|率 leot2).
    public func ending(of character: UInt16) -> String? {
        endings[character].map { syllables[Int($0)] }
    }

    /// Whether these characters are a word, and if so how each of them is read in it.
    func word(_ units: ArraySlice<UInt16>) -> [String]? {
        guard let key = Key(units) else { return nil }
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        guard low < keys.count, keys[low] == key else { return nil }
        let start = starts[low]
        if start == Self.plain { return units.map { reading(of: $0) ?? "" } }
        return pool[Int(start)..<Int(start) + units.count].map { syllables[Int($0)] }
    }
}

/// A dictionary, read from its file the first time speech needs it and kept from then on (by the
/// speaker's own queue, never the screen's thread: `ESpeakSpeaker`). A kiosk that never speaks its
/// language never reads it; a missing or broken file leaves that language to eSpeak NG's own
/// readings and says why in `failure`.
public final class ReadingDictionarySource: @unchecked Sendable {
    public let url: URL
    private let lock = NSLock()
    private var loaded: ReadingDictionary?
    private var tried = false
    private var problem: ReadingDictionary.Failure?
    /// Apart from `lock`, which is held while the file is read.
    private let doneLock = NSLock()
    private var done = false

    public init(url: URL) { self.url = url }

    public var dictionary: ReadingDictionary? {
        lock.withLock {
            if !tried {
                tried = true
                do throws(ReadingDictionary.Failure) { loaded = try ReadingDictionary(contentsOf: url) } catch { problem = error }
                doneLock.withLock { done = true }
            }
            return loaded
        }
    }

    /// Why the dictionary could not be read, once it has been tried.
    public var failure: ReadingDictionary.Failure? { lock.withLock { problem } }

    /// Whether the file has been read (or tried) yet; asking neither reads it nor waits for a read.
    public var wasRead: Bool { doneLock.withLock { done } }
}
