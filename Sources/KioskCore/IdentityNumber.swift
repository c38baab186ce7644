import Foundation

/// A resident identity number (公民身份号码, GB 11643-1999): 6-digit region code, 8-digit
/// birth date, 3-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check
/// character. Old 15-digit numbers (two-digit year, no check character) are converted to 18.
public struct IdentityNumber: Equatable, Sendable {
    /// 18 characters, upper-case `X` where the check character is ten.
    public let value: String
    public let birthDate: CivilDate

    public var sex: String { (Int(String(Array(value)[16]))! % 2 == 1) ? "male" : "female" }

    public func age(on day: CivilDate) -> Int { birthDate.years(until: day) }

    public static let length = 18
    /// Keys that type the X: a keypad's `*` and `.` (it has no X), and X itself on a keyboard.
    public static let keysForX: Set<Character> = ["*", ".", "x", "X"]

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    /// The check character for the first 17 digits.
    public static func checkCharacter(for first17: String) -> Character {
        let digits = first17.compactMap(\.wholeNumberValue)
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Reads what a resident typed; says exactly which check failed.
    public static func parse(_ input: String, today: CivilDate) -> Result<IdentityNumber, ValidationError> {
        var chars = Array(input.filter { !$0.isWhitespace }.uppercased())
        // A keypad's `*` or `.` in the last place is the X it has no key for (a line typed in plain mode).
        if chars.count == length, let last = chars.last, keysForX.contains(last) { chars[length - 1] = "X" }
        guard chars.count == 18 || chars.count == 15 else { return .failure(.idLength(chars.count)) }

        let bodyCount = chars.count == 18 ? 17 : 15
        if let bad = chars[..<bodyCount].firstIndex(where: { !$0.isASCII || !$0.isNumber }) {
            return .failure(.idCharacter(position: bad + 1))
        }
        if chars.count == 18, !(chars[17].isASCII && chars[17].isNumber) && chars[17] != "X" {
            return .failure(.idCharacter(position: 18))
        }

        if chars.count == 15 {
            // 1999 conversion: the year gains "19", then a check character is computed.
            chars.insert(contentsOf: "19", at: 6)
            chars.append(checkCharacter(for: String(chars)))
        }

        let number = String(chars)
        let digits = chars.map { $0.wholeNumberValue ?? 10 }
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        guard let birth = CivilDate(year: year, month: month, day: day) else {
            return .failure(.idBirthDate(String(format: "%04d-%02d-%02d", year, month, day)))
        }
        if birth > today { return .failure(.idBirthInFuture(birth.description)) }
        if year < 1900 { return .failure(.idBirthDate(birth.description)) }

        if chars.count == 18, checkCharacter(for: String(chars[..<17])) != chars[17] {
            return .failure(.idCheckDigit)
        }
        return .success(IdentityNumber(value: number, birthDate: birth))
    }
}
