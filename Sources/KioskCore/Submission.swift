import Foundation

/// A confirmed submission in the contract's §4 form. Its id and bytes never change afterwards:
/// `json` is its only encoder, used for the queue, the portal and the seal alike.
public struct Submission: Equatable, Sendable {
    /// `self`: the resident alone; `assisted`: a helper acts for them (帮办代办).
    public enum Channel: String, Sendable { case resident = "self", assisted }

    /// The part that is sealed to the portal's key.
    public struct Body: Equatable, Sendable {
        /// The relevant, answered fields, in asking order; values as the contract writes each type.
        public var answers: [Answer]
        public var materials: [MaterialStatus]
        /// Nil when no privacy notice was shown (a service without sensitive questions).
        public var consent: Consent?
        public var helper: HelperSession?

        public init(answers: [Answer], materials: [MaterialStatus] = [], consent: Consent? = nil, helper: HelperSession? = nil) {
            self.answers = answers
            self.materials = materials
            self.consent = consent
            self.helper = helper
        }
    }

    public struct Answer: Equatable, Sendable {
        public var fieldID: String
        /// A catalog's field types have their own JSON forms (`true`, `3`, `"visit"`), kept as they are.
        public var value: JSONValue

        public init(_ fieldID: String, _ value: JSONValue) {
            self.fieldID = fieldID
            self.value = value
        }
    }

    public struct MaterialStatus: Equatable, Sendable {
        public var id: String
        /// `provided` or `deferred`.
        public var status: MaterialChoice

        public init(id: String, status: MaterialChoice) {
            self.id = id
            self.status = status
        }
    }

    public struct Consent: Equatable, Sendable {
        public var noticeVersion: String
        public var givenAt: Moment
        /// 帮办代办: when the resident agreed on screen that the helper may act for them; the
        /// contract's `proxy: true` goes with it.
        public var proxyConfirmedAt: Moment?

        public init(noticeVersion: String, givenAt: Moment, proxyConfirmedAt: Moment? = nil) {
            self.noticeVersion = noticeVersion
            self.givenAt = givenAt
            self.proxyConfirmedAt = proxyConfirmedAt
        }
    }

    /// The body sealed to the portal's key (HPKE, contract §4), in standard base64.
    public struct Sealed: Equatable, Sendable {
        public var suite: String
        public var keyID: String
        public var enc: String
        public var ct: String

        public init(suite: String, keyID: String, enc: String, ct: String) {
            self.suite = suite
            self.keyID = keyID
            self.enc = enc
            self.ct = ct
        }
    }

    /// The body in clear until it is sealed; once sealed the kiosk no longer holds it.
    public enum Content: Equatable, Sendable {
        case clear(Body)
        case sealed(Sealed)
    }

    public var id: ItemID
    public var serviceID: String
    public var serviceVersion: Int
    public var createdAt: Moment
    public var kioskID: String
    public var locale: String
    public var channel: Channel
    public var content: Content
    /// The resident's identity number as it may be shown (`5119**********0016`), if one was given.
    public var maskedIdentity: String?
    /// The kiosk's clock could not be believed when it was confirmed (see `ClockCheck`).
    public var clockSuspect: Bool
    /// The whole identity number, in memory only: the queue keeps its keyed hash for the
    /// progress check (`IdentityKeys`), never the number, and a sealed body no longer shows it.
    public var identityNumber: String?

    public init(id: ItemID, serviceID: String, serviceVersion: Int, createdAt: Moment, kioskID: String, locale: String,
                channel: Channel, body: Body, maskedIdentity: String? = nil, clockSuspect: Bool = false, identityNumber: String? = nil) {
        self.id = id
        self.serviceID = serviceID
        self.serviceVersion = serviceVersion
        self.createdAt = createdAt
        self.kioskID = kioskID
        self.locale = locale
        self.channel = channel
        self.content = .clear(body)
        self.maskedIdentity = maskedIdentity
        self.clockSuspect = clockSuspect
        self.identityNumber = identityNumber
    }

    /// The body in clear; nil once sealed.
    public var body: Body? {
        if case let .clear(body) = content { return body }
        return nil
    }

    /// The contract's JSON, members in the contract's order.
    public var json: JSONValue {
        let content: (String, JSONValue)
        switch self.content {
        case let .clear(body): content = ("body", body.json)
        case let .sealed(sealed): content = ("sealed", sealed.json)
        }
        return .object([
            ("id", .string(id.text)),
            ("service_id", .string(serviceID)),
            ("service_version", .number(Double(serviceVersion))),
            ("created_at", .string(createdAt.rfc3339)),
            ("kiosk_id", .string(kioskID)),
            ("locale", .string(locale)),
            ("channel", .string(channel.rawValue)),
            content,
        ])
    }

    public var bytes: Data { json.encodedData() }
}

extension Submission.Body {
    /// What is sealed, and what a clear submission carries as `body`.
    public var json: JSONValue {
        .object([
            ("answers", .object(answers.map { ($0.fieldID, $0.value) })),
            ("materials", .array(materials.map { .object([("id", .string($0.id)), ("status", .string($0.status.rawValue))]) })),
            ("consent", consent?.json ?? .null),
            ("helper", helper.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) } ?? .null),
        ])
    }
}

extension Submission.Consent {
    var json: JSONValue {
        var members: [(String, JSONValue)] = [("notice_version", .string(noticeVersion)), ("given_at", .string(givenAt.rfc3339))]
        if let proxyConfirmedAt { members += [("proxy", .bool(true)), ("proxy_confirmed_at", .string(proxyConfirmedAt.rfc3339))] }
        return .object(members)
    }
}

extension Submission.Sealed {
    var json: JSONValue {
        .object([("suite", .string(suite)), ("key_id", .string(keyID)), ("enc", .string(enc)), ("ct", .string(ct))])
    }
}

extension Session {
    /// Whether the question must be answered, given the answers so far: always when `required`,
    /// and when a choice made earlier needs it (`required_when`).
    public func requires(_ field: Field, today: CivilDate) -> Bool {
        field.required || field.requiredWhen?.holds(answers, today: today) == true
    }

    /// What was typed for the field, with the earlier answer it begins with (`starts_with_answer`)
    /// put in front, unless the whole answer was typed anyway.
    public func completing(_ field: Field, typed: String) -> String {
        guard let ref = field.startsWithAnswer, let start = answers[ref]?.stringValue else { return typed }
        if let length = field.length, typed.count >= length { return typed }
        return start + typed
    }

    /// An answer that begins with an earlier one (`starts_with_answer`) no longer does once that
    /// one is changed: it is forgotten, so that it is asked again.
    mutating func forgetAnswers(startingWith fid: String) {
        for field in service.orderedFields.map(\.field) where field.startsWithAnswer == fid {
            answers[field.id] = nil
            visited.remove(field.id)
        }
    }

    /// The questions that apply, in asking order, given the answers so far (skip logic).
    /// Each condition sees only the answers of questions before it that apply themselves, so an
    /// answer left behind by a question that is now hidden changes nothing.
    public func relevantFields(today: CivilDate) -> [Field] { fields(today: today, undecidedToo: false) }

    /// The questions that may still be asked: those that apply, and those whose condition reads
    /// an answer not given yet. The progress line counts these, so that its total never grows
    /// partway through a service (第3步共4步 becoming 第4步共6步); it can only shrink, when an
    /// answer leaves questions out.
    public func possibleFields(today: CivilDate) -> [Field] { fields(today: today, undecidedToo: true) }

    private func fields(today: CivilDate, undecidedToo: Bool) -> [Field] {
        var counted: Answers = [:]
        var fields: [Field] = []
        // Questions whose answer is known, or known never to come (they do not apply): a
        // condition reading only these is decided.
        var settled: Set<String> = []
        func applies(_ condition: Condition?) -> Bool {
            guard let condition else { return true }
            if condition.holds(counted, today: today) { return true }
            return undecidedToo && !condition.references.allSatisfy { settled.contains(Condition.baseField($0)) }
        }
        for step in service.steps {
            guard applies(step.relevant) else {
                settled.formUnion(step.fields.map(\.id))
                continue
            }
            for field in step.fields {
                guard applies(field.relevant) else {
                    settled.insert(field.id)
                    continue
                }
                fields.append(field)
                counted[field.id] = answers[field.id]
                if answers[field.id] != nil { settled.insert(field.id) }
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

    func submission(id: ItemID, kioskID: String, locale: String, noticeVersion: String, at moment: Moment, today: CivilDate,
                    helper: HelperSession? = nil) -> Submission {
        let materials: [Submission.MaterialStatus] = applyingMaterials(today: today).compactMap { m in
            let choice = self.materials[m.id] ?? (m.required && !m.deferrable ? .provided : .notApplicable)
            return choice == .notApplicable ? nil : Submission.MaterialStatus(id: m.id, status: choice)
        }
        // With a helper, the consent that counts is the resident's own, given on screen at the end.
        let consent: Submission.Consent?
        if helper != nil, let given = residentConsentAt {
            consent = Submission.Consent(noticeVersion: noticeVersion, givenAt: consentGivenAt ?? given, proxyConfirmedAt: given)
        } else {
            consent = consentGivenAt.map { Submission.Consent(noticeVersion: noticeVersion, givenAt: $0) }
        }
        let body = Submission.Body(answers: submittedAnswers(today: today).map { Submission.Answer($0.0, $0.1) },
                                   materials: materials, consent: consent, helper: helper)
        let identity = relevantFields(today: today).first { $0.type == .idNumber }.flatMap { answers[$0.id]?.stringValue }
        return Submission(id: id, serviceID: service.id, serviceVersion: service.version, createdAt: moment, kioskID: kioskID,
                          locale: locale, channel: helper == nil ? .resident : .assisted, body: body,
                          maskedIdentity: identity.map { Mask.value($0, type: .idNumber) }, identityNumber: identity)
    }
}
