/// Reading one field of a step, and the conditions (relevance, eligibility) that name fields.
extension CatalogReader {
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
                let next = text(o["next_step"], "\(op).next_step", required: false)
                if let value, let olabel { options.append(ChoiceOption(value: value, label: olabel, nextStep: next)) }
            }
        }
        // A date's bounds are days (`min`/`max` as text); a number's are numbers.
        let isDate = type == .date
        let minValue = isDate ? nil : number(f["min"], "\(path).min")
        let maxValue = isDate ? nil : number(f["max"], "\(path).max")
        if let minValue, let maxValue, minValue > maxValue { report("\(path).max", .minAboveMax) }
        let earliest = isDate ? dateBound(f["min"], "\(path).min") : nil
        let latest = isDate ? dateBound(f["max"], "\(path).max") : nil
        if case let .day(a)? = earliest, case let .day(b)? = latest, a > b { report("\(path).max", .minAboveMax) }
        var suggestions: [LocalizedText] = []
        if f["suggestions"] != nil {
            if type != .text { report("\(path).suggestions", .onlyForText) }
            for (i, item) in (array(f["suggestions"], "\(path).suggestions") ?? []).enumerated() {
                if let t = text(item, "\(path).suggestions[\(i)]") { suggestions.append(t) }
            }
        }
        if f["allow_digits_only"] != nil, type != .text { report("\(path).allow_digits_only", .onlyForText) }
        let relevant = f["relevant"].flatMap { condition($0, "\(path).relevant", earlier: earlier, all: all) }

        guard let id, let type, let label else { return nil }
        var field = Field(id: id, type: type, label: label,
                     required: bool(f["required"], "\(path).required", default: true),
                     sensitive: sensitive, purpose: purpose,
                     hint: text(f["hint"], "\(path).hint", required: false),
                     relevant: relevant, options: options,
                     maxLength: positiveInt(f["max_length"], "\(path).max_length", largest: 10_000),
                     length: positiveInt(f["length"], "\(path).length", largest: 100),
                     min: minValue, max: maxValue,
                     unit: text(f["unit"], "\(path).unit", required: false))
        field.suggestions = suggestions
        field.name = text(f["name"], "\(path).name", required: false)
        field.allowDigitsOnly = bool(f["allow_digits_only"], "\(path).allow_digits_only", default: false)
        field.earliest = earliest
        field.latest = latest
        field.requiredWhen = f["required_when"].flatMap { condition($0, "\(path).required_when", earlier: earlier, all: all) }
        if let ref = string(f["starts_with_answer"], "\(path).starts_with_answer", required: false) {
            if type != .text { report("\(path).starts_with_answer", .onlyForText) }
            if checkReference(ref, "\(path).starts_with_answer", earlier, all) { field.startsWithAnswer = ref }
        }
        return field
    }

    /// A date field's `min`/`max`: `YYYY-MM-DD`, `today`, or `+1y`, `-6m`, `+30d`.
    mutating func dateBound(_ v: JSONValue?, _ path: String) -> DateBound? {
        guard v != nil, let raw = string(v, path) else { return nil }
        guard let bound = DateBound(raw) else { report(path, .badDateBound(raw)); return nil }
        return bound
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
        let (fieldID, derived) = Condition.parts(ref)
        guard all[fieldID] != nil else { report(path, .conditionUnknownField(ref)); return false }
        guard let type = earlier[fieldID] else { report(path, .conditionLaterField(ref)); return false }
        if derived != nil, type != .idNumber { report(path, .derivedNeedsIDNumber(ref)); return false }
        return true
    }
}
