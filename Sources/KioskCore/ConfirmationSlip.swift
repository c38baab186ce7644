/// What a resident takes away from the confirmation besides the reference: materials to bring
/// later and by when, what happens next for this service and for what they chose, and whether
/// they will be told of the result. Worked out when the submission is saved, because the answers
/// are wiped from memory then.
public struct ConfirmationSlip: Equatable, Sendable {
    public struct Later: Equatable, Sendable {
        public var material: LocalizedText
        public var due: CivilDate?
    }

    public var later: [Later]
    /// The service's `next_steps`, then the `next_step` of each option chosen.
    public var nextSteps: [LocalizedText]
    /// The resident has something more to do than wait: an option chosen has a next step of its
    /// own (刷脸 at the photo booth now, a visit to book, the township window), or what the service
    /// gives is collected in person (`collect_in_person`: a certificate).
    public var asksMore: Bool
    /// A phone number was given: the result can be sent to it.
    public var willBeTold: Bool

    init(_ session: Session, today: CivilDate) {
        let service = session.service
        let fields = session.relevantFields(today: today)
        later = session.applyingMaterials(among: fields, today: today).filter { session.materials[$0.id] == .deferred }.map { m in
            Later(material: m.title, due: m.supplyWithinDays.map { today.adding(years: 0, months: 0, days: $0) })
        }
        let chosen = fields.compactMap { field -> LocalizedText? in
            guard field.type == .choice, let value = session.answers[field.id]?.stringValue else { return nil }
            return field.options.first { $0.value == value }?.nextStep
        }
        nextSteps = (service.nextSteps.map { [$0] } ?? []) + chosen
        asksMore = !chosen.isEmpty || service.collectInPerson
        willBeTold = fields.contains { $0.type == .phone && session.answers[$0.id] != nil }
    }
}
