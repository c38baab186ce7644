import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// Every UI string lives in locales/: each key in every language, the same placeholders in each,
/// no key that nothing uses, and `Phrase` (which the code names) generated from the files.
final class LocaleFileTests: XCTestCase {
    func keys(_ locale: String) throws -> Set<String> {
        let data = try Data(contentsOf: repoRoot.appendingPathComponent("locales/\(locale).json"))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: String])
        return Set(object.keys)
    }

    func testEveryLocaleHasTheSameKeys() throws {
        let zh = try keys("zh-Hans"), en = try keys("en")
        XCTAssertEqual(zh.subtracting(en).sorted(), [], "missing in en.json")
        XCTAssertEqual(en.subtracting(zh).sorted(), [], "missing in zh-Hans.json")
    }

    func testTheKeysTheCodeNamesAreTheKeysOfTheFiles() throws {
        XCTAssertEqual(Set(Phrase.allForTesting.map(\.key)), try keys("zh-Hans"),
                       "Sources/KioskCore/Phrase.swift is not up to date: run scripts/generate-string-keys")
        XCTAssertEqual(Phrase.allForTesting.count, try keys("zh-Hans").count)
    }

    /// Each phrase takes exactly the placeholders of its text: the file was generated from the
    /// locale files as they are now (scripts/generate_string_keys_test.py runs `--check` too).
    func testEachPhraseTakesThePlaceholdersOfItsText() throws {
        let data = try Data(contentsOf: repoRoot.appendingPathComponent("locales/zh-Hans.json"))
        let texts = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: String])
        for phrase in Phrase.allForTesting {
            let names = Set((texts[phrase.key] ?? "").matches(of: Self.placeholder).map { String($0.0.dropFirst().dropLast()) })
            XCTAssertEqual(Set(phrase.arguments.keys), names,
                           "\(phrase.key): Sources/KioskCore/Phrase.swift is not up to date: run scripts/generate-string-keys")
        }
    }

    /// `.memberName` somewhere in Sources/ for every key (`.homeTitle`, `.noticeInactivityWarning(`):
    /// a string nothing can show is dead.
    func testEveryKeyIsUsed() throws {
        var text = ""
        let sources = repoRoot.appendingPathComponent("Sources")
        for file in FileManager.default.enumerator(atPath: sources.path)!.compactMap({ $0 as? String })
            where file.hasSuffix(".swift") && !file.hasSuffix("Phrase.swift") {
            text += try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        }
        let unused = Phrase.allForTesting.filter { phrase in
            let name = Self.memberName(phrase.key)
            return !text.contains(".\(name)") && !text.contains(".`\(name)`")
        }
        XCTAssertEqual(unused.map(\.key), [], "in locales/ but used nowhere")
    }

    /// The generator's name for a key: `dashboard.search_result` → dashboardSearchResult.
    static func memberName(_ key: String) -> String {
        let words = key.split(whereSeparator: { ".-_".contains($0) }).map(String.init)
        return words[0] + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A placeholder as the generator reads it; other text in braces (`{…}`) is shown as it is.
    static var placeholder: Regex<Substring> { /\{[A-Za-z0-9_.\-]+\}/ }

    func testPlaceholdersMatchAcrossLocales() throws {
        func placeholders(_ locale: String) throws -> [String: Set<String>] {
            let data = try Data(contentsOf: repoRoot.appendingPathComponent("locales/\(locale).json"))
            let object = try JSONSerialization.jsonObject(with: data) as! [String: String]
            return object.mapValues { Set($0.matches(of: Self.placeholder).map { String($0.0) }) }
        }
        let zh = try placeholders("zh-Hans"), en = try placeholders("en")
        for (key, names) in zh { XCTAssertEqual(names, en[key], key) }
    }

    /// What the compiler holds to (each generated function takes every placeholder of its key, by
    /// name) reaches the resident: every phrase, filled as the code must fill it, is worded in each
    /// language with no `{name}` left and with every value it was given.
    func testNoPhraseShowsAPlaceholder() {
        for locale in ["zh-Hans", "en"] {
            let s = loadStrings(locale)
            for phrase in Phrase.allForTesting {
                let text = s.tr(phrase)
                XCTAssertNotEqual(text, phrase.key, "\(locale): \(phrase.key) is missing")
                XCTAssertEqual(text.matches(of: Self.placeholder).map { String($0.0) }, [], "\(locale): \(phrase.key): \(text)")
                for value in phrase.arguments.values {
                    XCTAssertTrue(text.contains(value), "\(locale): \(phrase.key) does not show \(value): \(text)")
                }
            }
        }
    }

    func testPlaceholdersAreFilledInOnePass() {
        let s = Strings(locale: "zh-Hans", table: ["export.done": "已把 {count} 件导出到 {file}。"])
        XCTAssertEqual(s.tr(.exportDone(count: "3", file: "{count}.ckb")), "已把 3 件导出到 {count}.ckb。",
                       "a value is never read as a placeholder")
        let reworded = Strings(locale: "zh-Hans", table: ["export.done": "{count} 件到 {file}（{folder}）"])
        XCTAssertEqual(reworded.tr(.exportDone(count: "3", file: "a.ckb")), "3 件到 a.ckb（{folder}）",
                       "a placeholder the code does not know of stays visible (the generator refuses such a file)")
    }
}
