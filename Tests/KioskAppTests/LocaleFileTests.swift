import Foundation
import XCTest
import KioskTestSupport

/// Every UI string lives in locales/: each key in every language, and no key that nothing uses.
final class LocaleFileTests: XCTestCase {
    func keys(_ locale: String) throws -> Set<String> {
        let data = try Data(contentsOf: repoRoot.appendingPathComponent("locales/\(locale).json"))
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: String])
        return Set(object.keys)
    }

    /// Keys written in the sources as `tr("…")`.
    func keysUsedInSources() throws -> Set<String> {
        var used = Set<String>()
        let sources = repoRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /[^A-Za-z0-9_]tr\("([A-Za-z0-9_.\-]+)"/) { used.insert(String(match.1)) }
        }
        return used
    }

    func testEveryLocaleHasTheSameKeys() throws {
        let zh = try keys("zh-Hans"), en = try keys("en")
        XCTAssertEqual(zh.subtracting(en).sorted(), [], "missing in en.json")
        XCTAssertEqual(en.subtracting(zh).sorted(), [], "missing in zh-Hans.json")
    }

    func testEveryUsedKeyExistsAndEveryKeyIsUsed() throws {
        let used = try keysUsedInSources()
        let defined = try keys("zh-Hans")
        XCTAssertGreaterThan(used.count, 50)
        XCTAssertEqual(used.subtracting(defined).sorted(), [], "used in Sources/ but missing from locales/")
        XCTAssertEqual(defined.subtracting(used).sorted(), [], "in locales/ but used nowhere")
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
}
