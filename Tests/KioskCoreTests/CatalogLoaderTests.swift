import XCTest
@testable import KioskCore
import KioskTestSupport

final class CatalogLoaderTests: XCTestCase {
    /// A small valid catalog; each test breaks one thing in it.
    func catalog(fields: String = #"""
        {"id": "id_number", "type": "id_number", "label": {"zh-Hans": "身份证号码"}, "sensitive": true, "purpose": {"zh-Hans": "核对身份"}},
        {"id": "method", "type": "choice", "label": {"zh-Hans": "认证方式"},
         "options": [{"value": "face", "label": {"zh-Hans": "刷脸"}}, {"value": "visit", "label": {"zh-Hans": "上门"}}]},
        {"id": "address", "type": "text", "label": {"zh-Hans": "地址"}, "relevant": {"field": "method", "equals": "visit"}}
        """#, version: String = "3", extra: String = "") -> String {
        #"""
        {"catalog_version": "2026-11-01",
         "services": [
          {"id": "first", "version": 1, "title": {"zh-Hans": "第一项"}, "steps": [{"id": "s", "title": {"zh-Hans": "步"}, "fields": [
            {"id": "x", "type": "yes_no", "label": {"zh-Hans": "是否"}}]}]},
          {"id": "pension", "version": \#(version), "title": {"zh-Hans": "养老金资格认证"}\#(extra),
           "steps": [{"id": "applicant", "title": {"zh-Hans": "申请人"}, "fields": [\#(fields)]}]}
         ]}
        """#
    }

    func problems(_ json: String) -> [String] {
        switch CatalogLoader.load(Data(json.utf8)) {
        case .success: return []
        case let .failure(e): return e.problems.map { "\($0.path): \($0.message(loadStrings("en")))" }
        }
    }

    func testValidCatalogLoads() throws {
        let c = try CatalogLoader.load(Data(catalog().utf8)).get()
        XCTAssertEqual(c.services.map(\.id), ["first", "pension"])
        XCTAssertEqual(c.services[1].field(id: "address")?.relevant, .equals("method", .string("visit")))
    }

    func testBundledCatalogPassesAndCoversTheNeededServices() {
        let ids = bundledCatalog.services.map(\.id)
        for id in ["pension-certification", "old-age-allowance", "medical-insurance-enrolment", "medical-treatment-elsewhere",
                   "minimum-living-allowance", "social-security-card-replacement", "certificate-request", "home-adaptation"] {
            XCTAssertTrue(ids.contains(id), id)
        }
        XCTAssertTrue(bundledCatalog.services.contains { $0.materials.contains { $0.deferrable } })
        XCTAssertTrue(bundledCatalog.services.contains { !$0.eligibility.isEmpty })
        XCTAssertTrue(bundledCatalog.services.contains { $0.steps.contains { $0.fields.contains { $0.relevant != nil } } })
        let oldAge = bundledCatalog.service(id: "old-age-allowance")!
        XCTAssertTrue(oldAge.eligibility.contains { $0.require == .gte("id_number.age", 80) })
        // Every text has an English translation too.
        for s in bundledCatalog.services {
            XCTAssertNotNil(s.title.values["en"], s.id)
            for (_, f) in s.orderedFields { XCTAssertNotNil(f.label.values["en"], "\(s.id).\(f.id)") }
        }
    }

    func testUnknownTypeNamesThePath() {
        let p = problems(catalog(fields: #"{"id": "a", "type": "colour", "label": {"zh-Hans": "颜色"}}"#))
        XCTAssertEqual(p, [#"services[1].steps[0].fields[0].type: unknown field type "colour" (known: choice, yes_no, text, digits, number, date, phone, id_number)"#])
    }

    func testChoiceWithoutOptions() {
        let p = problems(catalog(fields: #"""
            {"id": "a", "type": "yes_no", "label": {"zh-Hans": "甲"}},
            {"id": "b", "type": "choice", "label": {"zh-Hans": "乙"}}
            """#))
        XCTAssertEqual(p, ["services[1].steps[0].fields[1].options: a choice field without options"])
    }

    func testDuplicateIDs() {
        let p = problems(catalog(fields: #"""
            {"id": "a", "type": "yes_no", "label": {"zh-Hans": "甲"}},
            {"id": "a", "type": "yes_no", "label": {"zh-Hans": "乙"}}
            """#))
        XCTAssertEqual(p, [#"services[1].steps[0].fields[1].id: duplicate id "a", first used at services[1].steps[0].fields[0].id"#])
        let services = problems(catalog().replacingOccurrences(of: #""id": "pension""#, with: #""id": "first""#))
        XCTAssertEqual(services, [#"services[1].id: duplicate id "first", first used at services[0].id"#])
    }

    func testConditionOnMissingOrLaterField() {
        let missing = problems(catalog(fields: #"{"id": "a", "type": "text", "label": {"zh-Hans": "甲"}, "relevant": {"field": "nope", "equals": 1}}"#))
        XCTAssertEqual(missing, [#"services[1].steps[0].fields[0].relevant.field: the condition names field "nope", which does not exist"#])
        let later = problems(catalog(fields: #"""
            {"id": "a", "type": "text", "label": {"zh-Hans": "甲"}, "relevant": {"any": [{"answered": "x"}, {"field": "b", "equals": true}]}},
            {"id": "b", "type": "yes_no", "label": {"zh-Hans": "乙"}}
            """#))
        XCTAssertEqual(later, [
            #"services[1].steps[0].fields[0].relevant.any[0].answered: the condition names field "x", which does not exist"#,
            #"services[1].steps[0].fields[0].relevant.any[1].field: the condition names field "b", which is asked later, so it has no answer yet"#,
        ])
        let derived = problems(catalog(fields: #"""
            {"id": "b", "type": "yes_no", "label": {"zh-Hans": "乙"}},
            {"id": "c", "type": "text", "label": {"zh-Hans": "丙"}, "relevant": {"field": "b.age", "gte": 80}}
            """#))
        XCTAssertEqual(derived, [#"services[1].steps[0].fields[1].relevant.field: "b.age" is only available on an id_number field"#])
    }

    func testEligibilityMayNameAnyFieldButNotAnUnknownOne() {
        XCTAssertEqual(problems(catalog(extra: #", "eligibility": [{"require": {"field": "id_number.age", "gte": 60}, "message": {"zh-Hans": "年满60周岁"}}]"#)), [])
        XCTAssertEqual(problems(catalog(extra: #", "eligibility": [{"require": {"field": "age", "gte": 60}, "message": {"zh-Hans": "年满60周岁"}}]"#)),
                       [#"services[1].eligibility[0].require.field: the condition names field "age", which does not exist"#])
    }

    func testTextWithoutChinese() {
        let p = problems(catalog(fields: #"{"id": "a", "type": "yes_no", "label": {"en": "Yes or no"}}"#))
        XCTAssertEqual(p, ["services[1].steps[0].fields[0].label: text without zh-Hans"])
    }

    func testBadVersions() {
        XCTAssertEqual(problems(catalog(version: "0")), ["services[1].version: the version must be a whole number from 1 to 999999"])
        XCTAssertEqual(problems(catalog(version: "\"3\"")), ["services[1].version: the version must be a whole number from 1 to 999999"])
        XCTAssertEqual(problems(catalog(version: "2.5")), ["services[1].version: the version must be a whole number from 1 to 999999"])
        // Issue 20, finding 8: a number no catalog means is refused where it is read.
        for huge in ["5000000000", "1e308", "-0", "1000000"] {
            XCTAssertEqual(problems(catalog(version: huge)), ["services[1].version: the version must be a whole number from 1 to 999999"], huge)
        }
        // The portal's label is its own business: any printable text up to 64 characters.
        XCTAssertEqual(problems(catalog().replacingOccurrences(of: "2026-11-01", with: "r7")), [])
        XCTAssertEqual(problems(catalog().replacingOccurrences(of: "2026-11-01", with: "2026年冬季版")), [])
        XCTAssertEqual(problems(catalog().replacingOccurrences(of: "\"2026-11-01\"", with: "\"\"")),
                       [#"catalog_version: catalog version "" cannot be used: it must be printable text of at most 64 characters"#])
        let long = String(repeating: "v", count: 65)
        XCTAssertEqual(problems(catalog().replacingOccurrences(of: "2026-11-01", with: long)),
                       [#"catalog_version: catalog version "\#(long)" cannot be used: it must be printable text of at most 64 characters"#])
    }

    func testSyntaxErrorSaysWhere() {
        let p = problems("{\n  \"catalog_version\": \"2026-11-01\",\n  \"services\": [,]\n}")
        XCTAssertEqual(p, ["services[0]: JSON syntax error at line 3, column 16: a value was expected here"])
    }

    /// What other JSON readers would read differently is refused, naming the JSON path, in the
    /// user's language only (no English word inside a Chinese sentence).
    func testInvalidUTF8DuplicateKeysHugeNumbersAndDeepNestingAreRefusedWithTheirPath() {
        let zh = loadStrings("zh-Hans")
        func chinese(_ data: Data) -> [String] {
            guard case let .failure(e) = CatalogLoader.load(data) else { return [] }
            return e.problems.map { "\($0.path): \($0.message(zh))" }
        }
        var latin1 = Data(catalog().utf8)
        latin1.replaceSubrange(latin1.range(of: Data("第一项".utf8))!, with: [0xB5, 0xDA, 0xD2, 0xBB])   // GBK bytes
        XCTAssertEqual(chinese(latin1), ["services[0].title.zh-Hans: JSON 格式错误（第3行第55列）：这里的字节不是正确的 UTF-8 编码（文件可能不是用 UTF-8 保存的）"])
        let twice = catalog(extra: #", "title": {"zh-Hans": "第二个名字"}"#)
        XCTAssertEqual(chinese(Data(twice.utf8)), ["services[1]: JSON 格式错误（第5行第68列）：“title”在同一个对象里写了两次，请只留一个"])
        let huge = catalog(version: "1e400")
        XCTAssertEqual(chinese(Data(huge.utf8)), ["services[1].version: JSON 格式错误（第5行第32列）：数字太大或太小，无法表示"])
        let deep = String(repeating: "[", count: 70) + String(repeating: "]", count: 70)
        let nested = chinese(Data(#"{"catalog_version": "1", "services": \#(deep)}"#.utf8))
        XCTAssertEqual(nested.count, 1)
        XCTAssertTrue(nested[0].hasSuffix("嵌套太深（最多 64 层）"), nested[0])
        for line in chinese(latin1) + chinese(Data(twice.utf8)) + nested {
            XCTAssertNil(line.firstMatch(of: /[\p{Han}][^\n]*\b(expected|value|nesting|object)\b/), "no English inside: \(line)")
        }
        XCTAssertEqual(problems(catalog(fields: #"{"id": "x", "type": "text", "label": "地址"}"#)),
                       ["services[1].steps[0].fields[0].label: wrong type: expected an object { }, found a string"])
        XCTAssertEqual(chinese(Data(catalog(fields: #"{"id": "x", "type": "text", "label": "地址"}"#).utf8)),
                       ["services[1].steps[0].fields[0].label: 类型不对：应该是对象（{ }），这里是文字（用引号括起来）"])
    }

    func testEveryProblemIsReportedNotJustTheFirst() {
        let p = problems(catalog(fields: #"""
            {"id": "a", "type": "colour", "label": {"zh-Hans": "甲"}},
            {"id": "b", "type": "choice", "label": {"en": "B"}},
            {"id": "c", "type": "text", "label": {"zh-Hans": "丙"}, "sensitive": true}
            """#, version: "-1"))
        XCTAssertEqual(p.count, 5, p.joined(separator: "\n"))
    }
}
