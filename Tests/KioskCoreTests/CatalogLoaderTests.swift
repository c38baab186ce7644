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
        XCTAssertEqual(problems(catalog(version: "0")), ["services[1].version: the version must be a positive integer"])
        XCTAssertEqual(problems(catalog(version: "\"3\"")), ["services[1].version: the version must be a positive integer"])
        XCTAssertEqual(problems(catalog(version: "2.5")), ["services[1].version: the version must be a positive integer"])
        let badCatalogVersion = problems(catalog().replacingOccurrences(of: "2026-11-01", with: "november"))
        XCTAssertEqual(badCatalogVersion, [#"catalog_version: catalog version "november" is not valid: use a date (2026-11-01) or a number"#])
    }

    func testSyntaxErrorSaysWhere() {
        let p = problems("{\n  \"catalog_version\": \"2026-11-01\",\n  \"services\": [,]\n}")
        XCTAssertEqual(p, ["$: JSON syntax error at line 3, column 16: expected a value"])
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
