import Foundation

/// Why an answer was not accepted. Each case says what to do about it, in the user's language.
public enum ValidationError: Error, Equatable, Sendable {
    case required
    case chooseAnOption
    case noSuchOption(Int)
    case idLength(Int)
    /// `*` pressed for an X before the 18th character.
    case idXOnlyLast
    case idCharacter(position: Int)
    case idBirthDate(String)
    case idBirthInFuture(String)
    case idCheckDigit
    case phoneLength(Int)
    case phoneCharacters
    case phonePrefix
    /// A date typed in no form the kiosk reads; the example is the day it was typed, so that it
    /// never reads as a birth date where the question asks for another day.
    case dateFormat(example: CivilDate)
    case dateNotReal(String)
    case dateTooEarly
    case numberFormat
    case numberBelow(String)
    case numberAbove(String)
    case digitsOnly
    case digitsLength(expected: Int, found: Int)
    case textTooLong(max: Int, found: Int)
    case textControlCharacters
    /// A text answer of digits alone, where the catalog does not allow it.
    case textOnlyDigits
    /// A code of a fixed length (`length` on a text field) with another length.
    case textLength(expected: Int, found: Int)
    case dateBefore(CivilDate)
    case dateAfter(CivilDate)
    case inputTooLong
    /// The dashboard's search takes the last four of an identity number, a 办件编号 or a receipt.
    case searchTerm

    public func message(_ s: Strings) -> String {
        switch self {
        case .required: return s.tr(.validationRequired)
        case .chooseAnOption: return s.tr(.validationChooseAnOption)
        case let .noSuchOption(n): return s.tr(.validationNoSuchOption(number: "\(n)"))
        case let .idLength(n) where n == IdentityNumber.length - 1: return s.tr(.validationIdLengthSeventeen)
        case let .idLength(n): return s.tr(.validationIdLength(count: "\(n)"))
        case .idXOnlyLast: return s.tr(.validationIdXOnlyLast)
        case let .idCharacter(p): return s.tr(.validationIdCharacter(position: "\(p)"))
        case let .idBirthDate(d): return s.tr(.validationIdBirthDate(date: CivilDate.display(iso: d, s)))
        case let .idBirthInFuture(d): return s.tr(.validationIdBirthInFuture(date: CivilDate.display(iso: d, s)))
        case .idCheckDigit: return s.tr(.validationIdCheckDigit)
        case let .phoneLength(n): return s.tr(.validationPhoneLength(count: "\(n)"))
        case .phoneCharacters: return s.tr(.validationPhoneCharacters)
        case .phonePrefix: return s.tr(.validationPhonePrefix)
        case let .dateFormat(example):
            return s.tr(.validationDateFormat(date: example.display(s), digits: example.keypadDigits))
        case let .dateNotReal(d): return s.tr(.validationDateNotReal(date: CivilDate.display(iso: d, s)))
        case .dateTooEarly: return s.tr(.validationDateTooEarly)
        case .numberFormat: return s.tr(.validationNumberFormat)
        case let .numberBelow(m): return s.tr(.validationNumberBelow(min: m))
        case let .numberAbove(m): return s.tr(.validationNumberAbove(max: m))
        case .digitsOnly: return s.tr(.validationDigitsOnly)
        case let .digitsLength(e, f): return s.tr(.validationDigitsLength(expected: "\(e)", count: "\(f)"))
        case let .textTooLong(m, f): return s.tr(.validationTextTooLong(max: "\(m)", count: "\(f)"))
        case .textControlCharacters: return s.tr(.validationTextControlCharacters)
        case .textOnlyDigits: return s.tr(.validationTextOnlyDigits)
        case let .textLength(e, f): return s.tr(.validationTextLength(expected: "\(e)", count: "\(f)"))
        case let .dateBefore(day): return s.tr(.validationDateBefore(date: day.display(s)))
        case let .dateAfter(day): return s.tr(.validationDateAfter(date: day.display(s)))
        case .inputTooLong: return s.tr(.validationInputTooLong)
        case .searchTerm: return s.tr(.validationSearchTerm)
        }
    }
}

/// Turns typed text into the answer the contract stores (§4), or says why it cannot.
public enum FieldValidator {
    /// Longest input any field takes; longer input is refused before it is looked at.
    public static let maxInputLength = 500
    static let defaultTextLength = 200

    public static func validate(_ field: Field, input raw: String, today: CivilDate) -> Result<JSONValue, ValidationError> {
        guard TextLimit.fits(raw, characters: maxInputLength) else { return .failure(.inputTooLong) }
        let input = field.type == .text ? raw.trimmingCharacters(in: .whitespaces) : raw.filter { !$0.isWhitespace }
        guard !input.isEmpty else { return .failure(.required) }
        switch field.type {
        case .choice, .yesNo:
            return .failure(.chooseAnOption)
        case .idNumber:
            return IdentityNumber.parse(input, today: today).map { .string($0.value) }
        case .phone:
            return phone(input).map(JSONValue.string)
        case .date:
            return date(input, today: today).flatMap { within(field, $0, today: today) }.map { .string($0.description) }
        case .number:
            return number(input, min: field.min, max: field.max)
        case .digits:
            guard input.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.digitsOnly) }
            if let length = field.length, input.count != length { return .failure(.digitsLength(expected: length, found: input.count)) }
            return .success(.string(input))
        case .text:
            if input.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format && $0 != "\u{200D}" }) {
                return .failure(.textControlCharacters)
            }
            // On a keypad "1" is easy to type and means nothing as a name or a place.
            if !field.allowDigitsOnly, input.allSatisfy({ $0.isNumber || $0.isPunctuation || $0.isWhitespace }) {
                return .failure(.textOnlyDigits)
            }
            if let length = field.length, input.count != length { return .failure(.textLength(expected: length, found: input.count)) }
            let limit = field.maxLength ?? defaultTextLength
            if !TextLimit.fits(input, characters: limit) { return .failure(.textTooLong(max: limit, found: TextLimit.length(input))) }
            return .success(.string(input))
        }
    }

    /// A day inside the field's `min` and `max`, reckoned from today when they are relative.
    static func within(_ field: Field, _ day: CivilDate, today: CivilDate) -> Result<CivilDate, ValidationError> {
        if let earliest = field.earliest?.resolve(today: today), day < earliest { return .failure(.dateBefore(earliest)) }
        if let latest = field.latest?.resolve(today: today), day > latest { return .failure(.dateAfter(latest)) }
        return .success(day)
    }

    /// Mainland mobile numbers: 11 digits, 1 then 3 to 9. A leading +86 or 86 is dropped.
    static func phone(_ input: String) -> Result<String, ValidationError> {
        var s = input.replacingOccurrences(of: "-", with: "")
        if s.hasPrefix("+86") { s.removeFirst(3) } else if s.count == 13, s.hasPrefix("86") { s.removeFirst(2) }
        guard s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .failure(.phoneCharacters) }
        guard s.count == 11 else { return .failure(.phoneLength(s.count)) }
        let a = Array(s)
        guard a[0] == "1", ("3"..."9").contains(a[1]) else { return .failure(.phonePrefix) }
        return .success(s)
    }

    /// `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD`, or eight digits typed on a keypad.
    public static func date(_ input: String, today: CivilDate) -> Result<CivilDate, ValidationError> {
        let parts: [Int]
        if input.count == 8, input.allSatisfy({ $0.isASCII && $0.isNumber }) {
            let a = Array(input)
            parts = [String(a[0..<4]), String(a[4..<6]), String(a[6..<8])].compactMap { Int($0) }
        } else {
            let pieces = input.split(whereSeparator: { "-/.".contains($0) })
            guard pieces.count == 3, pieces[0].count == 4, pieces.allSatisfy({ $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } })
            else { return .failure(.dateFormat(example: today)) }
            parts = pieces.compactMap { Int($0) }
        }
        guard parts.count == 3 else { return .failure(.dateFormat(example: today)) }
        guard let d = CivilDate(year: parts[0], month: parts[1], day: parts[2]) else {
            return .failure(.dateNotReal(String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2])))
        }
        guard parts[0] >= 1900 else { return .failure(.dateTooEarly) }
        return .success(d)
    }

    static func number(_ input: String, min: Double?, max: Double?) -> Result<JSONValue, ValidationError> {
        let s = input.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
        guard s.wholeMatch(of: /-?\d{1,12}(\.\d{1,2})?/) != nil, let value = Double(s) else { return .failure(.numberFormat) }
        if let min, value < min { return .failure(.numberBelow(format(min))) }
        if let max, value > max { return .failure(.numberAbove(format(max))) }
        return .success(.number(value))
    }

    public static func format(_ n: Double) -> String {
        JSONValue.number(n).encoded()
    }
}
