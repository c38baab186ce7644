import Foundation

/// A text in several languages (BCP 47 tags); a missing language falls back to zh-Hans.
public struct LocalizedText: Equatable, Sendable {
    public var values: [String: String]

    public init(_ values: [String: String]) { self.values = values }

    public func resolve(_ locale: String) -> String {
        values[locale] ?? values[Catalog.fallbackLocale] ?? values.values.first ?? ""
    }
}

public struct Catalog: Equatable, Sendable {
    public static let fallbackLocale = "zh-Hans"
    public let version: String
    public let categories: [ServiceCategory]
    public let services: [Service]
    /// How the Chinese voices say this catalog's own words (its `pronunciations`).
    public let readings: CatalogReadings
    /// The home screen's groups and what is in each, worked out once: every frame needs them,
    /// and scanning thousands of services for each frame would slow the screen down.
    let menu: Menu

    public init(version: String, categories: [ServiceCategory], services: [Service], readings: CatalogReadings = CatalogReadings()) {
        self.version = version
        self.categories = categories
        self.services = services
        self.readings = readings
        menu = Menu(categories: categories, services: services)
    }

    public func service(id: String) -> Service? { services.first { $0.id == id } }

    /// The id of the group for services whose category is not listed (其他业务).
    public static let otherCategoryID = "_other"

    /// The home screen's group a service is listed under: its category when the catalog lists it,
    /// else 其他业务.
    public func group(of service: Service) -> String { Catalog.group(of: service, listed: Set(categories.map(\.id))) }

    static func group(of service: Service, listed: Set<String>) -> String {
        service.category.flatMap { listed.contains($0) ? $0 : nil } ?? otherCategoryID
    }

    struct Menu: Equatable, Sendable {
        /// Groups with at least one open service, in catalog order, then 其他业务 if needed.
        var categoryIDs: [String] = []
        /// Open services of each group, in catalog order (closing services are hidden, contract §3).
        var servicesByCategory: [String: [Service]] = [:]

        init(categories: [ServiceCategory], services: [Service]) {
            let listed = Set(categories.map(\.id))
            for s in services where s.status == .open {
                let group = Catalog.group(of: s, listed: listed)
                servicesByCategory[group, default: []].append(s)
            }
            categoryIDs = categories.map(\.id).filter { servicesByCategory[$0] != nil }
            if servicesByCategory[Catalog.otherCategoryID] != nil { categoryIDs.append(Catalog.otherCategoryID) }
        }
    }
}

public struct ServiceCategory: Equatable, Sendable {
    public var id: String
    public var title: LocalizedText
}

public struct Service: Equatable, Sendable {
    public enum Status: String, Sendable { case open, closing }

    public var id: String
    public var version: Int
    public var status: Status
    public var category: String?
    public var title: LocalizedText
    public var summary: LocalizedText?
    public var onlineOnly: Bool
    public var eligibility: [EligibilityRule]
    public var materials: [Material]
    public var privacy: PrivacyNotice?
    public var steps: [Step]
    /// What happens after the submission, shown on the confirmation (`next_steps`).
    public var nextSteps: LocalizedText?
    /// What the service gives is fetched in person (`collect_in_person`, a certificate): the
    /// confirmation never says "您不用再来一趟".
    public var collectInPerson = false

    /// Every field in the order the wizard asks them, with the step it belongs to.
    public var orderedFields: [(step: Step, field: Field)] {
        steps.flatMap { step in step.fields.map { (step, $0) } }
    }

    public func field(id: String) -> Field? {
        for step in steps { if let f = step.fields.first(where: { $0.id == id }) { return f } }
        return nil
    }

}

public struct PrivacyNotice: Equatable, Sendable {
    public var version: String
    public var text: LocalizedText
}

public struct EligibilityRule: Equatable, Sendable {
    public var require: Condition
    public var message: LocalizedText
}

public struct Material: Equatable, Sendable {
    public var id: String
    public var title: LocalizedText
    public var required: Bool
    public var deferrable: Bool
    public var hint: LocalizedText?
    /// Days a deferred material may be brought in (`supply_within_days`); the confirmation gives the date.
    public var supplyWithinDays: Int?
    /// Only some residents need it (`relevant`, a condition on the answers): it is asked after the
    /// questions, and only when it applies; otherwise it is neither asked, owed nor submitted.
    public var relevant: Condition?
}

public struct Step: Equatable, Sendable {
    public var id: String
    public var title: LocalizedText
    public var relevant: Condition?
    public var fields: [Field]
}

public enum FieldType: String, CaseIterable, Sendable {
    case choice, yesNo = "yes_no", text, digits, number, date, phone, idNumber = "id_number"

    /// Types answered by choosing a numbered option rather than typing.
    public var isChoice: Bool { self == .choice || self == .yesNo }
}

public struct ChoiceOption: Equatable, Sendable {
    public var value: String
    public var label: LocalizedText
    /// What the resident must do after submitting when they chose this (`next_step`), for
    /// example where to go for face certification; shown on the confirmation.
    public var nextStep: LocalizedText?
}

public struct Field: Equatable, Sendable {
    public var id: String
    public var type: FieldType
    public var label: LocalizedText
    public var required: Bool
    /// An optional question that a choice makes necessary (`required_when`): the phone that
    /// staff need to book a home visit. Read with `Session.requires`.
    public var requiredWhen: Condition?
    public var sensitive: Bool
    public var purpose: LocalizedText?
    public var hint: LocalizedText?
    public var relevant: Condition?
    public var options: [ChoiceOption]
    public var maxLength: Int?
    public var length: Int?
    public var min: Double?
    public var max: Double?
    public var unit: LocalizedText?
    /// What the answer is, in a few words (`name`: 身份证号码), where a question would read oddly:
    /// the privacy notice's list of what is collected.
    public var name: LocalizedText?
    /// `text` fields: answers a resident can choose by number (`suggestions`), so that a keypad
    /// is enough; 其他 lets a helper type something else.
    public var suggestions: [LocalizedText] = []
    /// `text` fields: whether an answer of digits alone is accepted (`allow_digits_only`); a
    /// name or a place typed as `1` on a keypad is not an answer.
    public var allowDigitsOnly = false
    /// `text` fields: an earlier answer this one begins with (`starts_with_answer`): a disability
    /// card's number is the identity number and two digits, and only the two are typed.
    public var startsWithAnswer: String?
    /// `date` fields: the earliest and latest day accepted (`min`, `max`).
    public var earliest: DateBound?
    public var latest: DateBound?

    /// A question a keypad cannot answer: free text with nothing to choose from (a code of digits
    /// is typed on the keypad).
    public var needsWriting: Bool { type == .text && suggestions.isEmpty && !allowDigitsOnly }

    /// The question may have to be answered: always, or after some choice (`required_when`).
    public var mayBeRequired: Bool { required || requiredWhen != nil }

    /// Numbers that identify a person (identity and phone numbers, a code such as a disability
    /// card number, which holds the identity number) show only their first and last four, even on
    /// the screens where residents check their answers.
    public var showsEndsOnly: Bool { type == .idNumber || type == .phone || (type == .text && allowDigitsOnly) }
}

/// Skip logic and eligibility conditions, contract §3.
public indirect enum Condition: Equatable, Sendable {
    case equals(String, JSONValue)
    case notEquals(String, JSONValue)
    case isIn(String, [JSONValue])
    case gte(String, Double)
    case lte(String, Double)
    case answered(String)
    case all([Condition])
    case any([Condition])
    case not(Condition)

    /// Every field reference (`id_number.age` included) the condition reads.
    public var references: [String] {
        switch self {
        case let .equals(f, _), let .notEquals(f, _), let .isIn(f, _), let .gte(f, _), let .lte(f, _), let .answered(f):
            return [f]
        case let .all(cs), let .any(cs): return cs.flatMap(\.references)
        case let .not(c): return c.references
        }
    }
}

/// How a catalog says its own words: pinyin for the Mandarin voice, Jyutping for the Cantonese one,
/// each word → its syllables (`"给付": "ji3 fu4"`, `"给付": "kap1 fu6"`).
public struct CatalogReadings: Equatable, Sendable {
    public var mandarin: [String: String] = [:]
    public var cantonese: [String: String] = [:]

    public init(mandarin: [String: String] = [:], cantonese: [String: String] = [:]) {
        self.mandarin = mandarin
        self.cantonese = cantonese
    }

    /// The words fixed for `voice`, in its romanisation (none for English).
    public func words(for voice: SpeechVoice) -> [String: String] {
        switch voice {
        case .mandarin: return mandarin
        case .cantonese: return cantonese
        case .english, .silent: return [:]
        }
    }
}
