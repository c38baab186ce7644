import Foundation
import XCTest
import KioskCore
import KioskTestSupport

/// Every UI string lives in locales/: each key in every language, the same placeholders in each,
/// no key that nothing uses, and `StringKey` (which the code names) generated from the files.
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
        XCTAssertEqual(Set(StringKey.allCases.map(\.rawValue)), try keys("zh-Hans"),
                       "Sources/KioskCore/StringKey.swift is not up to date: run scripts/generate-string-keys")
    }

    /// `.caseName` somewhere in Sources/ for every key: a string nothing can show is dead.
    func testEveryKeyIsUsed() throws {
        var text = ""
        let sources = repoRoot.appendingPathComponent("Sources")
        for file in FileManager.default.enumerator(atPath: sources.path)!.compactMap({ $0 as? String })
            where file.hasSuffix(".swift") && !file.hasSuffix("StringKey.swift") {
            text += try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        }
        let unused = StringKey.allCases.filter { key in
            let name = "\(key)"
            return !text.contains(".\(name)") && !text.contains(".`\(name)`")
        }
        XCTAssertEqual(unused.map(\.rawValue), [], "in locales/ but used nowhere")
    }

    func testPlaceholdersMatchAcrossLocales() throws {
        func placeholders(_ locale: String) throws -> [String: Set<String>] {
            let data = try Data(contentsOf: repoRoot.appendingPathComponent("locales/\(locale).json"))
            let object = try JSONSerialization.jsonObject(with: data) as! [String: String]
            return object.mapValues { Set($0.matches(of: /\{[a-z_]+\}/).map { String($0.0) }) }
        }
        let zh = try placeholders("zh-Hans"), en = try placeholders("en")
        for (key, names) in zh { XCTAssertEqual(names, en[key], key) }
    }

    func testPlaceholdersAreFilledInOnePass() {
        let s = Strings(locale: "zh-Hans", table: [StringKey.exportDone.rawValue: "已把 {count} 件导出到 {file}。"])
        XCTAssertEqual(s.tr(.exportDone, ["count": "3", "file": "{count}.ckb"]), "已把 3 件导出到 {count}.ckb。",
                       "a value is never read as a placeholder")
        XCTAssertEqual(s.tr(.exportDone, ["count": "3"]), "已把 3 件导出到 {file}。", "a placeholder nobody gave stays visible")
    }
}
