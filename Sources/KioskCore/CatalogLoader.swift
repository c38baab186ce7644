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
        case notPositive
        case noServices
        case noFields
        /// A catalog over the size limit, refused unread.
        case tooLarge(limit: Int)
        /// `pronunciations`: a syllable that is not letters and a tone digit 1-5, or not one per character.
        case badReadingSyllable(String)
        case readingSyllableCount(word: String, characters: Int, syllables: Int)
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
            return s.tr("catalog.problem.syntax", ["line": "\(error.line)", "column": "\(error.column)", "problem": error.message(s)])
        case .missing: return s.tr("catalog.problem.missing")
        case let .wrongType(expected, found): return s.tr("catalog.problem.wrong_type", ["expected": expected.name(s), "found": found.name(s)])
        case let .unknownFieldType(t): return s.tr("catalog.problem.unknown_type", ["type": t])
        case .choiceWithoutOptions: return s.tr("catalog.problem.choice_without_options")
        case let .duplicateID(id, first): return s.tr("catalog.problem.duplicate_id", ["id": id, "first": first])
        case let .badID(id): return s.tr("catalog.problem.bad_id", ["id": id])
        case let .conditionUnknownField(f): return s.tr("catalog.problem.condition_unknown_field", ["field": f])
        case let .conditionLaterField(f): return s.tr("catalog.problem.condition_later_field", ["field": f])
        case let .derivedNeedsIDNumber(f): return s.tr("catalog.problem.derived_needs_id_number", ["field": f])
        case .unknownCondition: return s.tr("catalog.problem.unknown_condition")
        case .textWithoutZhHans: return s.tr("catalog.problem.text_without_zh_hans")
        case .badVersion: return s.tr("catalog.problem.bad_version")
        case let .badCatalogVersion(v): return s.tr("catalog.problem.bad_catalog_version", ["value": v])
        case let .badStatus(v): return s.tr("catalog.problem.bad_status", ["value": v])
        case .sensitiveWithoutPurpose: return s.tr("catalog.problem.sensitive_without_purpose")
        case .minAboveMax: return s.tr("catalog.problem.min_above_max")
        case .notPositive: return s.tr("catalog.problem.not_positive")
        case .noServices: return s.tr("catalog.problem.no_services")
        case .noFields: return s.tr("catalog.problem.no_fields")
        case let .tooLarge(limit): return s.tr("catalog.problem.too_large", ["limit": "\(limit >> 20) MB"])
        case let .badReadingSyllable(syllable): return s.tr("catalog.problem.reading_syllable", ["syllable": syllable])
        case let .readingSyllableCount(word, c, n):
            return s.tr("catalog.problem.reading_count", ["word": word, "characters": "\(c)", "syllables": "\(n)"])
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

private struct CatalogReader {
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

    mutating func positiveInt(_ v: JSONValue?, _ path: String) -> Int? {
        guard let v else { return nil }
        guard let i = v.intValue, i > 0 else { report(path, .notPositive); return nil }
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
        return Catalog(version: version, categories: categories, services: services, pronunciations: pronunciations.entries)
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

    mutating func service(_ s: JSONValue, _ path: String) -> Service? {
        guard object(s, path) != nil else { return nil }
        let id = identifier(s["id"], "\(path).id")
        var version: Int?
        if let v = s["version"] {
            if let i = v.intValue, i > 0 { version = i } else { report("\(path).version", .badVersion) }
        } else { report("\(path).version", .missing) }
        var status = Service.Status.open
        if let raw = string(s["status"], "\(path).status", required: false) {
            if let st = Service.Status(rawValue: raw) { status = st } else { report("\(path).status", .badStatus(raw)) }
        }
        let category = string(s["category"], "\(path).category", required: false)
        let title = text(s["title"], "\(path).title")
        let summary = text(s["summary"], "\(path).summary", required: false)
        let onlineOnly = bool(s["online_only"], "\(path).online_only", default: false)

        var materials: [Material] = []
        var seenMaterials: [String: String] = [:]
        for (i, m) in (array(s["materials"], "\(path).materials", required: false) ?? []).enumerated() {
            let mp = "\(path).materials[\(i)]"
            guard object(m, mp) != nil else { continue }
            let mid = identifier(m["id"], "\(mp).id")
            checkUnique(mid, "\(mp).id", in: &seenMaterials)
            let mtitle = text(m["title"], "\(mp).title")
            let material = Material(id: mid ?? "", title: mtitle ?? LocalizedText([:]),
                                    required: bool(m["required"], "\(mp).required", default: true),
                                    deferrable: bool(m["deferrable"], "\(mp).deferrable", default: false),
                                    hint: text(m["hint"], "\(mp).hint", required: false))
            if mid != nil, mtitle != nil { materials.append(material) }
        }

        var privacy: PrivacyNotice?
        if let p = s["privacy"], object(p, "\(path).privacy") != nil {
            let pv = string(p["version"], "\(path).privacy.version")
            let pt = text(p["text"], "\(path).privacy.text")
            if let pv, let pt { privacy = PrivacyNotice(version: pv, text: pt) }
        }

        // Fields in asking order, so that a condition can be checked against what comes before it.
        var earlier: [String: FieldType] = [:]
        var allFields: [String: FieldType] = [:]
        for step in array(s["steps"], "\(path).steps", required: false) ?? [] {
            for f in step["fields"]?.arrayValue ?? [] {
                if let fid = f["id"]?.stringValue, let t = f["type"]?.stringValue.flatMap(FieldType.init(rawValue:)) { allFields[fid] = t }
            }
        }

        var steps: [Step] = []
        var seenSteps: [String: String] = [:]
        var seenFields: [String: String] = [:]
        let stepValues = array(s["steps"], "\(path).steps") ?? []
        for (i, st) in stepValues.enumerated() {
            let sp = "\(path).steps[\(i)]"
            guard object(st, sp) != nil else { continue }
            let sid = identifier(st["id"], "\(sp).id")
            checkUnique(sid, "\(sp).id", in: &seenSteps)
            let stitle = text(st["title"], "\(sp).title")
            let srelevant = st["relevant"].flatMap { condition($0, "\(sp).relevant", earlier: earlier, all: allFields) }
            var fields: [Field] = []
            let fieldValues = array(st["fields"], "\(sp).fields") ?? []
            if st["fields"] != nil, fieldValues.isEmpty { report("\(sp).fields", .noFields) }
            for (j, f) in fieldValues.enumerated() {
                let fp = "\(sp).fields[\(j)]"
                checkUnique(f["id"]?.stringValue, "\(fp).id", in: &seenFields)
                if let field = field(f, fp, earlier: earlier, all: allFields) {
                    fields.append(field)
                    earlier[field.id] = field.type
                }
            }
            if let sid, let stitle { steps.append(Step(id: sid, title: stitle, relevant: srelevant, fields: fields)) }
        }
        if s["steps"] != nil, stepValues.isEmpty { report("\(path).steps", .noFields) }

        var eligibility: [EligibilityRule] = []
        for (i, e) in (array(s["eligibility"], "\(path).eligibility", required: false) ?? []).enumerated() {
            let ep = "\(path).eligibility[\(i)]"
            guard object(e, ep) != nil else { continue }
            var require: Condition?
            if let r = e["require"] {
                require = condition(r, "\(ep).require", earlier: allFields, all: allFields)
            } else { report("\(ep).require", .missing) }
            let message = text(e["message"], "\(ep).message")
            if let require, let message { eligibility.append(EligibilityRule(require: require, message: message)) }
        }

        guard let id, let version, let title else { return nil }
        return Service(id: id, version: version, status: status, category: category, title: title, summary: summary,
                       onlineOnly: onlineOnly, eligibility: eligibility, materials: materials, privacy: privacy, steps: steps)
    }

    mutating func field(_ f: JSONValue, _ path: String, earlier: [String: FieldType], all: [String: FieldType]) -> Field? {
        guard object(f, path) != nil else { return nil }
        let id = identifier(f["id"], "\(path).id")
        var type: FieldType?
        if let raw = string(f["type"], "\(path).type") {
            type = FieldType(rawValue: raw)
            if type == nil { report("\(path).type", .unknownFieldType(raw)) }
        }
        let label = text(f["label"], "\(path).label")
        let sensitive = bool(f["sensitive"], "\(path).sensitive", default: false)
        let purpose = text(f["purpose"], "\(path).purpose", required: false)
        if sensitive, f["purpose"] == nil { report("\(path).purpose", .sensitiveWithoutPurpose) }

        var options: [ChoiceOption] = []
        if type == .choice {
            let values = array(f["options"], "\(path).options", required: false) ?? []
            if values.isEmpty { report("\(path).options", .choiceWithoutOptions) }
            var seen: [String: String] = [:]
            for (i, o) in values.enumerated() {
                let op = "\(path).options[\(i)]"
                guard object(o, op) != nil else { continue }
                let value = identifier(o["value"], "\(op).value")
                checkUnique(value, "\(op).value", in: &seen)
                let olabel = text(o["label"], "\(op).label")
                if let value, let olabel { options.append(ChoiceOption(value: value, label: olabel)) }
            }
        }
        let minValue = number(f["min"], "\(path).min")
        let maxValue = number(f["max"], "\(path).max")
        if let minValue, let maxValue, minValue > maxValue { report("\(path).max", .minAboveMax) }
        let relevant = f["relevant"].flatMap { condition($0, "\(path).relevant", earlier: earlier, all: all) }

        guard let id, let type, let label else { return nil }
        return Field(id: id, type: type, label: label,
                     required: bool(f["required"], "\(path).required", default: true),
                     sensitive: sensitive, purpose: purpose,
                     hint: text(f["hint"], "\(path).hint", required: false),
                     relevant: relevant, options: options,
                     maxLength: positiveInt(f["max_length"], "\(path).max_length"),
                     length: positiveInt(f["length"], "\(path).length"),
                     min: minValue, max: maxValue,
                     unit: text(f["unit"], "\(path).unit", required: false))
    }

    /// Reads a condition; `earlier` holds the fields it may name, `all` every field of the service.
    mutating func condition(_ c: JSONValue, _ path: String, earlier: [String: FieldType], all: [String: FieldType]) -> Condition? {
        guard object(c, path) != nil else { return nil }
        func subs(_ key: String) -> [Condition]? {
            guard let items = array(c[key], "\(path).\(key)") else { return nil }
            let parsed = items.enumerated().map { condition($1, "\(path).\(key)[\($0)]", earlier: earlier, all: all) }
            return parsed.contains(where: { $0 == nil }) ? nil : parsed.compactMap { $0 }
        }
        if c["all"] != nil { return subs("all").map(Condition.all) }
        if c["any"] != nil { return subs("any").map(Condition.any) }
        if let inner = c["not"] { return condition(inner, "\(path).not", earlier: earlier, all: all).map(Condition.not) }
        if let answered = c["answered"] {
            guard let ref = string(answered, "\(path).answered"), checkReference(ref, "\(path).answered", earlier, all) else { return nil }
            return .answered(ref)
        }
        guard c["field"] != nil else { report(path, .unknownCondition); return nil }
        guard let ref = string(c["field"], "\(path).field"), checkReference(ref, "\(path).field", earlier, all) else { return nil }
        if let v = c["equals"] { return .equals(ref, v) }
        if let v = c["not_equals"] { return .notEquals(ref, v) }
        if let v = c["in"] { return array(v, "\(path).in").map { .isIn(ref, $0) } }
        if let v = c["gte"] { return number(v, "\(path).gte").map { .gte(ref, $0) } }
        if let v = c["lte"] { return number(v, "\(path).lte").map { .lte(ref, $0) } }
        report(path, .unknownCondition)
        return nil
    }

    /// A reference is a field id, or `X.age` / `X.sex` / `X.birth_date` of an id_number field X.
    mutating func checkReference(_ ref: String, _ path: String, _ earlier: [String: FieldType], _ all: [String: FieldType]) -> Bool {
        var fieldID = ref
        var derived = false
        if let dot = ref.firstIndex(of: "."), DerivedValue(rawValue: String(ref[ref.index(after: dot)...])) != nil {
            fieldID = String(ref[..<dot])
            derived = true
        }
        guard all[fieldID] != nil else { report(path, .conditionUnknownField(ref)); return false }
        guard let type = earlier[fieldID] else { report(path, .conditionLaterField(ref)); return false }
        if derived, type != .idNumber { report(path, .derivedNeedsIDNumber(ref)); return false }
        return true
    }
}

/// Values derived from an identity number answer (contract §3).
public enum DerivedValue: String, Sendable {
    case age, sex, birthDate = "birth_date"
}
