import Foundation
import XCTest
import KioskTestSupport
@testable import KioskApp
import KioskCore
import KioskRender

/// Issue 7 hardening: catalogs, typed text and portal messages full of escape sequences and
/// control characters go through the full-screen renderer and plain mode; not one control byte
/// from them reaches the output.
final class OutputCleaningFuzzTests: XCTestCase {
    static let pieces = ["\u{1B}[2J", "\u{1B}]0;pwned\u{07}", "\u{1B}[31m", "\u{9B}1;1H", "\u{1B}P+q\u{1B}\\", "\u{1B}c",
                         "\r", "\n", "\r\n", "\t", "\u{08}", "\u{7F}", "\u{85}", "\u{0}", "\u{2028}", "\u{202E}", "\u{2066}",
                         "养老金", "认证", "a", "Zz", " ", "😀", "e\u{301}", "，", "1", "0016"]

    static let controls: [Unicode.Scalar] = (Array(0..<0x20) + Array(0x7F...0x9F)).map { Unicode.Scalar(UInt32($0))! }

    var random = SeededGenerator(seed: 20261123)

    /// One to eight pieces: escape sequences, bare control characters, and ordinary text.
    static func makeHostile(_ random: inout SeededGenerator) -> String {
        var out = ""
        for _ in 0..<Int.random(in: 1...8, using: &random) {
            if Bool.random(using: &random) {
                out += pieces.randomElement(using: &random)!
            } else {
                out.unicodeScalars.append(controls.randomElement(using: &random)!)
            }
        }
        return out
    }

    /// Made once: picking from a pool keeps 10 000 catalogs fast in a debug build.
    lazy var pool: [String] = (0..<4096).map { _ in Self.makeHostile(&random) }

    func hostile() -> String { pool.randomElement(using: &random)! }

    func localized() -> LocalizedText { LocalizedText(["zh-Hans": "办" + hostile(), "en": "E" + hostile()]) }

    func text() -> JSONValue { .object([("zh-Hans", .string("办" + hostile())), ("en", .string("E" + hostile()))]) }

    /// A catalog whose every piece of text is hostile: categories, services, materials, the
    /// privacy notice, steps, fields, options, hints, units and eligibility messages.
    func catalogJSON() throws -> Catalog {
        let field: (String, String, [(String, JSONValue)]) -> JSONValue = { id, type, extra in
            .object([("id", .string(id)), ("type", .string(type)), ("label", self.text()), ("hint", self.text())] + extra)
        }
        let service: (Int) -> JSONValue = { n in
            .object([
                ("id", .string("s\(n)")), ("version", .number(1)), ("status", .string("open")), ("category", .string("c\(n % 2)")),
                ("title", self.text()), ("summary", self.text()), ("online_only", .bool(false)),
                ("eligibility", .array([.object([("require", .object([("field", .string("n")), ("lte", .number(50))])), ("message", self.text())])])),
                ("materials", .array([.object([("id", .string("m")), ("title", self.text()), ("required", .bool(true)),
                                               ("deferrable", .bool(true)), ("hint", self.text())])])),
                ("privacy", .object([("version", .string("v1")), ("text", self.text())])),
                ("steps", .array([.object([("id", .string("st")), ("title", self.text()), ("fields", .array([
                    field("t", "text", [("sensitive", .bool(n % 2 == 0)), ("purpose", self.text())]),
                    field("c", "choice", [("options", .array((1...3).map { .object([("value", .string("o\($0)")), ("label", self.text())]) }))]),
                    field("n", "number", [("unit", self.text()), ("required", .bool(false))]),
                    field("y", "yes_no", []),
                ]))])])),
            ])
        }
        let json: JSONValue = .object([
            ("catalog_version", .string("2026-11-01")),
            ("categories", .array((0..<2).map { .object([("id", .string("c\($0)")), ("title", self.text())]) })),
            ("services", .array((0..<Int.random(in: 1...3, using: &random)).map(service))),
        ])
        return try CatalogLoader.load(json.encodedData()).get()
    }

    /// A new hostile catalog: every twentieth through the JSON loader, the others by giving a
    /// loaded one new text everywhere (the loader is the slow part, and the text is what matters).
    func catalog(_ round: Int, template: Catalog) throws -> Catalog {
        if round % 20 == 0 { return try catalogJSON() }
        let services = template.services.map { s in
            var s = s
            s.title = localized(); s.summary = localized(); s.privacy?.text = localized()
            s.eligibility = s.eligibility.map { var e = $0; e.message = localized(); return e }
            s.materials = s.materials.map { var m = $0; m.title = localized(); m.hint = localized(); return m }
            s.steps = s.steps.map { step in
                var step = step
                step.title = localized()
                step.fields = step.fields.map { f in
                    var f = f
                    f.label = localized(); f.hint = localized(); f.purpose = f.purpose.map { _ in localized() }; f.unit = localized()
                    f.options = f.options.map { var o = $0; o.label = localized(); return o }
                    return f
                }
                return step
            }
            return s
        }
        return Catalog(version: template.version, categories: template.categories.map { var c = $0; c.title = localized(); return c }, services: services)
    }

    func action(_ state: WizardState) -> Action {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return .key(.escape)
        case 1, 2: return .key(.enter)
        case 3: return .typeLine(hostile())
        case 4: return .progressFound([ProgressItem(serviceID: "s0", createdAt: Moment.parse("2026-11-22T09:30:00+08:00"), receipt: hostile(),
                                                    state: .portal(status: .needsMaterials, message: hostile()))])
        case 5: return .typeLine(["15", "60", "2", "1"].randomElement(using: &random)!)
        default: return .key(.digit(Int.random(in: 1...4, using: &random)))
        }
    }

    /// A control character other than the newlines plain mode puts between its own lines.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        // General category Cc is exactly C0, DEL and C1; then the line and direction controls.
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029 || s.value == 0x202E || s.value == 0x2066
    }

    func testTenThousandHostileCatalogsNeverPutAControlByteOnScreenOrInPlainOutput() throws {
        var strings: [String: Strings] = [:]
        for tag in ["zh-Hans", "en"] {
            strings[tag] = try Strings(locale: tag, json: Data(contentsOf: repoRoot.appendingPathComponent("locales/\(tag).json")))
        }
        var remnantsShown = 0
        let template = try catalogJSON()
        let rounds = propertyRounds(10_000)
        for round in 0..<rounds {
            let locale = round % 3 == 0 ? "en" : "zh-Hans"
            var state = WizardState(catalog: try catalog(round, template: template), kioskID: "k", today: CivilDate(year: 2026, month: 11, day: 22)!,
                                    locale: locale, careMode: round % 2 == 0)
            for step in 0..<2 {
                _ = state.reduce(action(state), Context(moment: Moment(date: Date(timeIntervalSince1970: 1_795_312_800), utcOffsetSeconds: 28800),
                                                        newID: .numbered(step)))
                let content = state.content(strings[locale]!)
                let plain = PlainMode.text(of: content)
                let controls = plain.unicodeScalars.filter { $0 != "\n" && Self.isControl($0) }
                XCTAssertTrue(controls.isEmpty, "plain mode, round \(round): \(controls.map { String($0.value, radix: 16) })")
                let frame = KioskScreen(strings: strings[locale]!, glyphs: nil)
                    .render(state, width: [40, 80, 120].randomElement(using: &random)!, height: [14, 24, 40].randomElement(using: &random)!)
                let bad = frame.cells.filter { $0.character.unicodeScalars.contains(where: Self.isControl) }
                XCTAssertTrue(bad.isEmpty, "renderer, round \(round): \(bad.map(\.character))")
                if plain.contains("[31m") { remnantsShown += 1 }
                if !controls.isEmpty || !bad.isEmpty { return }
            }
        }
        XCTAssertGreaterThan(remnantsShown, rounds / 20, "the hostile text did reach the screen, cleaned")
    }

    func testTheCleanerRemovesEscapeSequencesButKeepsTheText() {
        XCTAssertEqual(TerminalText.clean("\u{1B}[2J养老金\u{9B}1;1H认证\u{1B}]0;x\u{07}"), "[2J养老金1;1H认证]0;x")
        XCTAssertEqual(TerminalText.clean("5119\r\n**0016\u{202E}"), "5119**0016")
        XCTAssertEqual(TerminalText.clean("e\u{301} 😀，"), "e\u{301} 😀，")
    }
}
