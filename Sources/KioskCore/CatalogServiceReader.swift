/// Reading one service of the catalog: its header, materials, privacy notice, steps and
/// eligibility rules, each by its own reader, every problem reported with its JSON path.
extension CatalogReader {
    mutating func service(_ s: JSONValue, _ path: String) -> Service? {
        guard object(s, path) != nil else { return nil }
        let id = identifier(s["id"], "\(path).id")
        var version: Int?
        if let v = s["version"] {
            if let i = v.intValue(in: 1...999_999) { version = i } else { report("\(path).version", .badVersion) }
        } else { report("\(path).version", .missing) }
        var status = Service.Status.open
        if let raw = string(s["status"], "\(path).status", required: false) {
            if let st = Service.Status(rawValue: raw) { status = st } else { report("\(path).status", .badStatus(raw)) }
        }
        let category = string(s["category"], "\(path).category", required: false)
        let title = text(s["title"], "\(path).title")
        let summary = text(s["summary"], "\(path).summary", required: false)
        let onlineOnly = bool(s["online_only"], "\(path).online_only", default: false)
        let privacy = s["privacy"].flatMap { self.privacy($0, "\(path).privacy") }
        let allFields = fieldTypes(s["steps"])
        let materials = self.materials(s["materials"], "\(path).materials", allFields: allFields)
        let steps = self.steps(s["steps"], "\(path).steps", allFields: allFields)
        let eligibility = self.eligibility(s["eligibility"], "\(path).eligibility", allFields: allFields)

        let collectInPerson = bool(s["collect_in_person"], "\(path).collect_in_person", default: false)
        guard let id, let version, let title else { return nil }
        var service = Service(id: id, version: version, status: status, category: category, title: title, summary: summary,
                              onlineOnly: onlineOnly, eligibility: eligibility, materials: materials, privacy: privacy, steps: steps,
                              nextSteps: text(s["next_steps"], "\(path).next_steps", required: false))
        service.collectInPerson = collectInPerson
        return service
    }

    mutating func materials(_ value: JSONValue?, _ path: String, allFields: [String: FieldType]) -> [Material] {
        var materials: [Material] = []
        var seen: [String: String] = [:]
        for (i, m) in (array(value, path, required: false) ?? []).enumerated() {
            let mp = "\(path)[\(i)]"
            guard object(m, mp) != nil else { continue }
            let mid = identifier(m["id"], "\(mp).id")
            checkUnique(mid, "\(mp).id", in: &seen)
            let mtitle = text(m["title"], "\(mp).title")
            let required = bool(m["required"], "\(mp).required", default: true)
            let deferrable = bool(m["deferrable"], "\(mp).deferrable", default: false)
            let hint = text(m["hint"], "\(mp).hint", required: false)
            let within = positiveInt(m["supply_within_days"], "\(mp).supply_within_days", largest: 3650)
            // Like eligibility, a material's condition may name any field: it is asked after them.
            let relevant = m["relevant"].flatMap { condition($0, "\(mp).relevant", earlier: allFields, all: allFields) }
            if let mid, let mtitle {
                materials.append(Material(id: mid, title: mtitle, required: required, deferrable: deferrable, hint: hint,
                                          supplyWithinDays: within, relevant: relevant))
            }
        }
        return materials
    }

    mutating func privacy(_ p: JSONValue, _ path: String) -> PrivacyNotice? {
        guard object(p, path) != nil else { return nil }
        let version = string(p["version"], "\(path).version")
        let notice = text(p["text"], "\(path).text")
        guard let version, let notice else { return nil }
        return PrivacyNotice(version: version, text: notice)
    }

    /// Every field's type by id, before the steps are read: a condition may only name a field
    /// asked before it, and this tells "asked later" from "no such field".
    func fieldTypes(_ steps: JSONValue?) -> [String: FieldType] {
        var types: [String: FieldType] = [:]
        for step in steps?.arrayValue ?? [] {
            for f in step["fields"]?.arrayValue ?? [] {
                if let fid = f["id"]?.stringValue, let t = f["type"]?.stringValue.flatMap(FieldType.init(rawValue:)) { types[fid] = t }
            }
        }
        return types
    }

    /// Steps in asking order, so that a condition can be checked against the fields before it.
    mutating func steps(_ value: JSONValue?, _ path: String, allFields: [String: FieldType]) -> [Step] {
        var earlier: [String: FieldType] = [:]
        var steps: [Step] = []
        var seenSteps: [String: String] = [:]
        var seenFields: [String: String] = [:]
        let stepValues = array(value, path) ?? []
        for (i, st) in stepValues.enumerated() {
            let sp = "\(path)[\(i)]"
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
        if value != nil, stepValues.isEmpty { report(path, .noFields) }
        return steps
    }

    /// Eligibility rules may name any field of the service: they are checked as answers arrive.
    mutating func eligibility(_ value: JSONValue?, _ path: String, allFields: [String: FieldType]) -> [EligibilityRule] {
        var rules: [EligibilityRule] = []
        for (i, e) in (array(value, path, required: false) ?? []).enumerated() {
            let ep = "\(path)[\(i)]"
            guard object(e, ep) != nil else { continue }
            var require: Condition?
            if let r = e["require"] {
                require = condition(r, "\(ep).require", earlier: allFields, all: allFields)
            } else { report("\(ep).require", .missing) }
            let message = text(e["message"], "\(ep).message")
            if let require, let message { rules.append(EligibilityRule(require: require, message: message)) }
        }
        return rules
    }
}
