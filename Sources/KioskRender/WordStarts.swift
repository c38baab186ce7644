import CWordBreaks
import Foundation

/// Where the words of a line of Chinese begin, so that wrapping breaks between 社保卡 and 上
/// rather than inside 社保卡. ICU finds them with its dictionary, and `keptWhole` adds the words of
/// the kiosk's own texts that the dictionary splits. The answers are kept, because a frame wraps
/// the same few hundred texts of the catalog and the locale again and again.
enum WordStarts {
    /// Words of the bundled catalog and the locale that ICU's dictionary cuts (社|保|卡, 养老|金,
    /// 上村|委|会) and a line must not: the names of cards, papers, offices and keys, and the
    /// verbs a resident is asked to do. A word that holds another (社保卡, 社保) is matched first.
    static let keptWhole = [
        "半失能", "办件编号", "残疾人证", "低保户", "告知承诺书", "领钱卡", "社保卡", "适老化", "身份证",
        "村委会", "养老金", "星号键", "确认键", "返回键", "重听键", "大字键", "语言键", "办件", "补卡",
        "补交", "承诺书", "低保", "丢了", "多久", "公钥", "挂失", "回执", "坏了", "联网", "没带", "请按", "社保",
        "申领", "失能", "特困", "跳过", "医保", "张榜", "周岁", "转诊", "重试",
    ]

    /// Character offsets in `text` at which a word begins, 0 not included. When ICU cannot break
    /// the text, every offset: a line may then break between any two characters, as before.
    static func of(_ text: String) -> Set<Int> { cache.starts(of: text) }

    private static let keptWholeLongestFirst = keptWhole.sorted { $0.count > $1.count }
    private static let cache = Cache()

    private final class Cache: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [String: Set<Int>] = [:]
        /// More texts than the catalog and the locale hold: past it the cache starts again
        /// rather than grow with every answer typed.
        private let capacity = 4096

        /// Longer texts (an answer being typed, a long note) are broken each time, not kept: the
        /// cache holds the catalog's and the locale's texts, not every keystroke.
        private let longestKept = 300

        func starts(of text: String) -> Set<Int> {
            guard text.utf16.count <= longestKept else { return Self.breakIntoWords(text) }
            lock.lock()
            if let starts = known[text] { lock.unlock(); return starts }
            lock.unlock()
            let starts = Self.breakIntoWords(text)
            lock.lock()
            if known.count >= capacity { known.removeAll(keepingCapacity: true) }
            known[text] = starts
            lock.unlock()
            return starts
        }

        private static func breakIntoWords(_ text: String) -> Set<Int> {
            let units = Array(text.utf16)
            var offsets = [Int32](repeating: 0, count: units.count)
            let count = units.withUnsafeBufferPointer { u in
                offsets.withUnsafeMutableBufferPointer { o in
                    kiosk_word_starts(u.baseAddress, Int32(u.count), o.baseAddress, Int32(o.count))
                }
            }
            let characters = Array(text)
            guard count >= 0 else { return Set(1..<max(1, characters.count)) }
            // ICU counts UTF-16 units; the wrapper counts Characters.
            let unitStarts = Set(offsets[0..<Int(count)].map(Int.init))
            var starts = Set<Int>()
            var unit = 0
            for (index, character) in characters.enumerated() {
                if index > 0, unitStarts.contains(unit) { starts.insert(index) }
                unit += character.utf16.count
            }
            // Offsets a kept word has already claimed as inside it: a shorter word (社保) does not
            // cut a longer one that holds it (社保卡).
            var inside = [Bool](repeating: false, count: characters.count + 1)
            for word in keptWholeLongestFirst {
                let letters = Array(word)
                var at = 0
                while at + letters.count <= characters.count {
                    let end = at + letters.count
                    guard characters[at..<end].elementsEqual(letters), !inside[at], !inside[end] else { at += 1; continue }
                    if at > 0 { starts.insert(at) }
                    starts.insert(end)
                    for offset in at + 1..<end { starts.remove(offset); inside[offset] = true }
                    at = end
                }
            }
            starts.remove(characters.count)
            return starts
        }
    }
}
