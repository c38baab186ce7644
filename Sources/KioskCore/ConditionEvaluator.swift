import Foundation

/// Answers given so far, keyed by field id, in the JSON form the contract stores.
public typealias Answers = [String: JSONValue]

extension Condition {
    /// Whether the condition holds. A condition on a field that has no answer is false,
    /// except through `not`; `today` gives the age for `X.age`.
    public func holds(_ answers: Answers, today: CivilDate) -> Bool {
        switch self {
        case let .equals(ref, v):
            guard let a = Condition.value(ref, answers, today) else { return false }
            return a == v
        case let .notEquals(ref, v):
            guard let a = Condition.value(ref, answers, today) else { return false }
            return a != v
        case let .isIn(ref, vs):
            guard let a = Condition.value(ref, answers, today) else { return false }
            return vs.contains(a)
        case let .gte(ref, n):
            return Condition.number(ref, answers, today).map { $0 >= n } ?? false
        case let .lte(ref, n):
            return Condition.number(ref, answers, today).map { $0 <= n } ?? false
        case let .answered(ref):
            return Condition.value(ref, answers, today) != nil
        case let .all(cs): return cs.allSatisfy { $0.holds(answers, today: today) }
        case let .any(cs): return cs.contains { $0.holds(answers, today: today) }
        case let .not(c): return !c.holds(answers, today: today)
        }
    }

    /// Whether every field the condition reads has been answered, so its verdict is final.
    public func isDecidable(_ answers: Answers) -> Bool {
        references.allSatisfy { answers[Condition.baseField($0)] != nil }
    }

    /// A reference split once: `id_number.age` reads field `id_number`, derived value `age`;
    /// any other reference is a field id.
    public static func parts(_ ref: String) -> (field: String, derived: DerivedValue?) {
        if let dot = ref.firstIndex(of: "."), let derived = DerivedValue(rawValue: String(ref[ref.index(after: dot)...])) {
            return (String(ref[..<dot]), derived)
        }
        return (ref, nil)
    }

    /// `id_number.age` reads field `id_number`.
    public static func baseField(_ ref: String) -> String { parts(ref).field }

    static func value(_ ref: String, _ answers: Answers, _ today: CivilDate) -> JSONValue? {
        let (base, derived) = parts(ref)
        guard let derived else { return answers[ref] }
        guard let raw = answers[base]?.stringValue, case let .success(id) = IdentityNumber.parse(raw, today: today) else { return nil }
        switch derived {
        case .age: return .number(Double(id.age(on: today)))
        case .sex: return .string(id.sex)
        case .birthDate: return .string(id.birthDate.description)
        }
    }

    /// `gte`/`lte` compare numbers; a digits answer such as "3" counts as its number.
    static func number(_ ref: String, _ answers: Answers, _ today: CivilDate) -> Double? {
        switch value(ref, answers, today) {
        case let .number(n)?: return Double(n)
        case let .string(s)?: return Double(s)
        default: return nil
        }
    }
}
