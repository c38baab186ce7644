import Foundation

/// A confirmed submission in the contract's §4 form. Its id and bytes never change afterwards.
public struct Submission: Equatable, Sendable {
    public var id: String
    public var serviceID: String
    public var json: JSONValue
    /// The resident's identity number as it may be shown (`5119**********0016`), if one was given.
    public var maskedIdentity: String?
    /// The kiosk's clock could not be believed when it was confirmed (see `ClockCheck`).
    public var clockSuspect: Bool
    /// The whole identity number, in memory only: the queue keeps its keyed hash for the
    /// progress check (`IdentityKeys`), never the number, and a sealed body no longer shows it.
    public var identityNumber: String?

    public init(id: String, serviceID: String, json: JSONValue, maskedIdentity: String? = nil, clockSuspect: Bool = false,
                identityNumber: String? = nil) {
        self.id = id
        self.serviceID = serviceID
        self.json = json
        self.maskedIdentity = maskedIdentity
        self.clockSuspect = clockSuspect
        self.identityNumber = identityNumber
    }

    public var bytes: Data { json.encodedData() }
}

/// Something else the kiosk keeps for the portal: a rating (好差评) or a call for staff.
public struct Record: Equatable, Sendable {
    public enum Kind: String, Sendable { case rating, helpRequest = "help-request" }
    public var kind: Kind
    public var id: String
    public var json: JSONValue
}

extension Session {
    /// The questions that apply, in asking order, given the answers so far (skip logic).
    /// Each condition sees only the answers of questions before it that apply themselves, so an
    /// answer left behind by a question that is now hidden changes nothing.
    public func relevantFields(today: CivilDate) -> [Field] {
        var counted: Answers = [:]
        var fields: [Field] = []
        for step in service.steps where step.relevant?.holds(counted, today: today) ?? true {
            for field in step.fields where field.relevant?.holds(counted, today: today) ?? true {
                fields.append(field)
                counted[field.id] = answers[field.id]
            }
        }
        return fields
    }

    /// The answers that count: those of questions that apply. Hidden answers are kept in
    /// `answers` so that going back restores them, but nothing else reads them.
    public func effectiveAnswers(today: CivilDate) -> Answers {
        var out: Answers = [:]
        for field in relevantFields(today: today) { out[field.id] = answers[field.id] }
        return out
    }

    /// The materials that apply given the answers to `fields` (the relevant ones, worked out once
    /// by the caller): every one without a condition, and those whose condition holds.
    public func applyingMaterials(among fields: [Field], today: CivilDate) -> [Material] {
        guard service.materials.contains(where: { $0.relevant != nil }) else { return service.materials }
        var answers: Answers = [:]
        for field in fields { answers[field.id] = self.answers[field.id] }
        return service.materials.filter { m in
            guard let condition = m.relevant else { return true }
            return condition.isDecidable(answers) && condition.holds(answers, today: today)
        }
    }

    public func applyingMaterials(today: CivilDate) -> [Material] {
        applyingMaterials(among: relevantFields(today: today), today: today)
    }

    /// Materials the resident is asked about, of those that apply: those that may come later, and
    /// those not everyone has.
    public func askedMaterials(among fields: [Field], today: CivilDate) -> [Material] {
        applyingMaterials(among: fields, today: today).filter { $0.deferrable || !$0.required }
    }

    /// The contract's `answers`: only relevant, answered fields, in asking order.
    public func submittedAnswers(today: CivilDate) -> [(String, JSONValue)] {
        relevantFields(today: today).compactMap { f in answers[f.id].map { (f.id, $0) } }
    }

    func submission(id: String, kioskID: String, locale: String, noticeVersion: String, at moment: Moment, today: CivilDate,
                    helper: HelperSession? = nil) -> Submission {
        let materialStatus: [JSONValue] = applyingMaterials(today: today).compactMap { m in
            let choice = self.materials[m.id] ?? (m.required && !m.deferrable ? .provided : .notApplicable)
            guard choice != .notApplicable else { return nil }
            return .object([("id", .string(m.id)), ("status", .string(choice.rawValue))])
        }
        // With a helper, the consent that counts is the resident's own, given on screen at the end.
        let consent: JSONValue
        if helper != nil, let given = residentConsentAt {
            consent = .object([("notice_version", .string(noticeVersion)), ("given_at", .string(consentGivenAt ?? given)),
                               ("proxy", .bool(true)), ("proxy_confirmed_at", .string(given))])
        } else {
            consent = consentGivenAt.map { .object([("notice_version", .string(noticeVersion)), ("given_at", .string($0))]) } ?? .null
        }
        let body: JSONValue = .object([
            ("answers", .object(submittedAnswers(today: today))),
            ("materials", .array(materialStatus)),
            ("consent", consent),
            ("helper", helper.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) } ?? .null),
        ])
        let json: JSONValue = .object([
            ("id", .string(id)),
            ("service_id", .string(service.id)),
            ("service_version", .number(Double(service.version))),
            ("created_at", .string(moment.rfc3339)),
            ("kiosk_id", .string(kioskID)),
            ("locale", .string(locale)),
            ("channel", .string(helper == nil ? "self" : "assisted")),
            ("body", body),
        ])
        let identity = relevantFields(today: today).first { $0.type == .idNumber }.flatMap { answers[$0.id]?.stringValue }
        return Submission(id: id, serviceID: service.id, json: json,
                          maskedIdentity: identity.map { Mask.value($0, type: .idNumber) }, identityNumber: identity)
    }
}
