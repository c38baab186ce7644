import Foundation

/// One thing wrong with a catalog, at a JSON path such as `services[2].steps[0].fields[1].options`.
public struct CatalogProblem: Equatable, Sendable {
    public enum Issue: Equatable, Sendable {
        case syntax(JSONSyntaxError)
        case missing
        case wrongType(expected: JSONValue.Kind, found: JSONValue.Kind)
        case unknownFieldType(String)
        case choiceWithoutOptions
        case duplicateID(String, firstAt: String)
        case badID(String)
        case conditionUnknownField(String)
        case conditionLaterField(String)
        case derivedNeedsIDNumber(String)
        case unknownCondition
        case textWithoutZhHans
        case badVersion
        case badCatalogVersion(String)
        case badStatus(String)
        case sensitiveWithoutPurpose
        case minAboveMax
        /// `suggestions` or `allow_digits_only` on a field that is not `text`.
        case onlyForText
        /// A date field's `min`/`max` that is neither a day nor a distance from today.
        case badDateBound(String)
        /// A whole number outside 1...largest (a day count, a length, a version).
        case notPositive(largest: Int)
        case noServices
        case noFields
        /// A catalog over the size limit, refused unread.
        case tooLarge(limit: Int)
        /// `pronunciations`: a syllable that is not letters and a tone digit 1-5 (Jyutping 1-6), not
        /// one per character, or a reading for a voice other than `cmn` and `yue`.
        case badReadingSyllable(String)
        case badJyutpingSyllable(String)
        case readingSyllableCount(word: String, characters: Int, syllables: Int)
        case unknownReadingVoice(String)
    }

    public var path: String
    public var issue: Issue

    public init(path: String, issue: Issue) {
        self.path = path
        self.issue = issue
    }

    /// The problem in words, in the user's language.
    public func message(_ s: Strings) -> String {
        switch issue {
        case let .syntax(error):
            return s.tr(.catalogProblemSyntax(line: "\(error.line)", column: "\(error.column)", problem: error.message(s)))
        case .missing: return s.tr(.catalogProblemMissing)
        case let .wrongType(expected, found): return s.tr(.catalogProblemWrongType(expected: expected.name(s), found: found.name(s)))
        case let .unknownFieldType(t): return s.tr(.catalogProblemUnknownType(type: t))
        case .choiceWithoutOptions: return s.tr(.catalogProblemChoiceWithoutOptions)
        case let .duplicateID(id, first): return s.tr(.catalogProblemDuplicateId(id: id, first: first))
        case let .badID(id): return s.tr(.catalogProblemBadId(id: id))
        case let .conditionUnknownField(f): return s.tr(.catalogProblemConditionUnknownField(field: f))
        case let .conditionLaterField(f): return s.tr(.catalogProblemConditionLaterField(field: f))
        case let .derivedNeedsIDNumber(f): return s.tr(.catalogProblemDerivedNeedsIdNumber(field: f))
        case .unknownCondition: return s.tr(.catalogProblemUnknownCondition)
        case .textWithoutZhHans: return s.tr(.catalogProblemTextWithoutZhHans)
        case .badVersion: return s.tr(.catalogProblemBadVersion)
        case let .badCatalogVersion(v): return s.tr(.catalogProblemBadCatalogVersion(value: v))
        case let .badStatus(v): return s.tr(.catalogProblemBadStatus(value: v))
        case .sensitiveWithoutPurpose: return s.tr(.catalogProblemSensitiveWithoutPurpose)
        case .minAboveMax: return s.tr(.catalogProblemMinAboveMax)
        case .onlyForText: return s.tr(.catalogProblemOnlyForText)
        case let .badDateBound(v): return s.tr(.catalogProblemBadDateBound(value: v))
        case let .notPositive(largest): return s.tr(.catalogProblemNotPositive(largest: "\(largest)"))
        case .noServices: return s.tr(.catalogProblemNoServices)
        case .noFields: return s.tr(.catalogProblemNoFields)
        case let .tooLarge(limit): return s.tr(.catalogProblemTooLarge(limit: "\(limit >> 20) MB"))
        case let .badReadingSyllable(syllable): return s.tr(.catalogProblemReadingSyllable(syllable: syllable))
        case let .badJyutpingSyllable(syllable): return s.tr(.catalogProblemJyutpingSyllable(syllable: syllable))
        case let .unknownReadingVoice(key): return s.tr(.catalogProblemReadingVoice(voice: key))
        case let .readingSyllableCount(word, c, n):
            return s.tr(.catalogProblemReadingCount(word: word, characters: "\(c)", syllables: "\(n)"))
        }
    }
}

/// Reads a catalog (contract §3) and reports every problem it finds, not just the first.
/// Everything wrong with a catalog that could not be loaded.
public struct CatalogError: Error, Equatable {
    public var problems: [CatalogProblem]
}

public enum CatalogLoader {
    public static func load(_ data: Data) -> Result<Catalog, CatalogError> {
        let root: JSONValue
        do { root = try JSONValue.parse(data) } catch {
            return .failure(CatalogError(problems: [CatalogProblem(path: error.path, issue: .syntax(error))]))
        }
        var reader = CatalogReader()
        let catalog = reader.catalog(root)
        if let catalog, reader.problems.isEmpty { return .success(catalog) }
        return .failure(CatalogError(problems: reader.problems))
    }
}

/// Reads a catalog's JSON into types, collecting every problem with its JSON path rather than
/// stopping at the first, so that one check names everything to fix.
struct CatalogReader {
    var problems: [CatalogProblem] = []

    mutating func report(_ path: String, _ issue: CatalogProblem.Issue) {
        problems.append(CatalogProblem(path: path, issue: issue))
    }

    // MARK: typed getters that report what is wrong

    mutating func object(_ v: JSONValue?, _ path: String) -> JSONValue? {
        guard let v else { report(path, .missing); return nil }
        guard case .object = v else { report(path, .wrongType(expected: .object, found: v.kind)); return nil }
        return v
    }

    mutating func array(_ v: JSONValue?, _ path: String, required: Bool = true) -> [JSONValue]? {
        guard let v else { if required { report(path, .missing) }; return nil }
        guard let a = v.arrayValue else { report(path, .wrongType(expected: .array, found: v.kind)); return nil }
        return a
    }

    mutating func string(_ v: JSONValue?, _ path: String, required: Bool = true) -> String? {
        guard let v else { if required { report(path, .missing) }; return nil }
        guard let s = v.stringValue else { report(path, .wrongType(expected: .string, found: v.kind)); return nil }
        return s
    }

    mutating func bool(_ v: JSONValue?, _ path: String, default def: Bool) -> Bool {
        guard let v else { return def }
        guard let b = v.boolValue else { report(path, .wrongType(expected: .boolean, found: v.kind)); return def }
        return b
    }

    mutating func number(_ v: JSONValue?, _ path: String) -> Double? {
        guard let v else { return nil }
        guard let d = v.doubleValue else { report(path, .wrongType(expected: .number, found: v.kind)); return nil }
        return d
    }

    mutating func positiveInt(_ v: JSONValue?, _ path: String, largest: Int) -> Int? {
        guard let v else { return nil }
        guard let i = v.intValue(in: 1...largest) else { report(path, .notPositive(largest: largest)); return nil }
        return i
    }

    mutating func identifier(_ v: JSONValue?, _ path: String) -> String? {
        guard let id = string(v, path) else { return nil }
        guard CatalogReader.isIdentifier(id) else { report(path, .badID(id)); return nil }
        return id
    }

    mutating func text(_ v: JSONValue?, _ path: String, required: Bool = true) -> LocalizedText? {
        guard let v else { if required { report(path, .missing) }; return nil }
        guard let members = v.objectValue else { report(path, .wrongType(expected: .object, found: v.kind)); return nil }
        var values: [String: String] = [:]
        for (tag, s) in members {
            if let s = string(s, "\(path).\(tag)") { values[tag] = s }
        }
        guard values[Catalog.fallbackLocale] != nil else { report(path, .textWithoutZhHans); return nil }
        return LocalizedText(values)
    }

    /// Remembers ids seen in one scope and reports the second use of any of them.
    mutating func checkUnique(_ id: String?, _ path: String, in seen: inout [String: String]) {
        guard let id else { return }
        if let first = seen[id] { report(path, .duplicateID(id, firstAt: first)) } else { seen[id] = path }
    }

    // MARK: the catalog

    mutating func catalog(_ root: JSONValue) -> Catalog? {
        guard object(root, "$") != nil else { return nil }
        let version = string(root["catalog_version"], "catalog_version")
        if let version, !CatalogReader.isLabel(version) { report("catalog_version", .badCatalogVersion(version)) }

        var categories: [ServiceCategory] = []
        var seenCategories: [String: String] = [:]
        for (i, c) in (array(root["categories"], "categories", required: false) ?? []).enumerated() {
            let path = "categories[\(i)]"
            guard object(c, path) != nil else { continue }
            let id = identifier(c["id"], "\(path).id")
            checkUnique(id, "\(path).id", in: &seenCategories)
            let title = text(c["title"], "\(path).title")
            if let id, let title { categories.append(ServiceCategory(id: id, title: title)) }
        }

        var services: [Service] = []
        var seenServices: [String: String] = [:]
        let serviceValues = array(root["services"], "services") ?? []
        if root["services"] != nil, serviceValues.isEmpty { report("services", .noServices) }
        for (i, s) in serviceValues.enumerated() {
            let path = "services[\(i)]"
            checkUnique(s["id"]?.stringValue, "\(path).id", in: &seenServices)
            if let service = service(s, path) { services.append(service) }
        }
        let pronunciations = CatalogPronunciations.read(root["pronunciations"])
        problems += pronunciations.problems
        guard let version else { return nil }
        return Catalog(version: version, categories: categories, services: services, readings: pronunciations.readings)
    }

    /// `catalog_version` is the portal's label (`2026-11-01`, `r7`): any printable text of at most
    /// 64 characters. Which catalog is newer is told by the download (ETag, time), not by it.
    static func isLabel(_ v: String) -> Bool {
        !v.isEmpty && v.count <= 64 && !v.unicodeScalars.contains { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
    }

    /// Ids: a lower-case letter or digit, then letters, digits, `-` and `_` (contract §3).
    static func isIdentifier(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard let first = bytes.first, isLowerOrDigit(first) else { return false }
        return bytes.dropFirst().allSatisfy { isLowerOrDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }

    private static func isLowerOrDigit(_ b: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
    }
}

/// Values derived from an identity number answer (contract §3).
public enum DerivedValue: String, Sendable {
    case age, sex, birthDate = "birth_date"
}
