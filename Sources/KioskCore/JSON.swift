import Foundation

/// A JSON value that keeps object keys in the order they were written.
/// Our own type (rather than JSONSerialization) so that booleans never turn into numbers,
/// syntax errors carry a line and column, and written bytes are the same on every run.
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number as written (for example `3`, `1234.5`), so that nothing is lost to rounding.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b || (Double(a) != nil && Double(a) == Double(b))
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case let .object(members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    public var stringValue: String? { if case let .string(s) = self { return s }; return nil }
    public var boolValue: Bool? { if case let .bool(b) = self { return b }; return nil }
    public var doubleValue: Double? { if case let .number(n) = self { return Double(n) }; return nil }
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { return a }; return nil }
    public var objectValue: [(String, JSONValue)]? { if case let .object(o) = self { return o }; return nil }
    public var intValue: Int? {
        guard case let .number(n) = self, let d = Double(n), d.rounded() == d, abs(d) < 1e15 else { return nil }
        return Int(d)
    }

    /// A whole number within `range`, or nil: what every count, id and setting read from a file,
    /// the network or a USB stick goes through, so that no later conversion or sum can trap.
    public func intValue(in range: ClosedRange<Int>) -> Int? {
        intValue.flatMap { range.contains($0) ? $0 : nil }
    }

    /// An HTTP status as the portal, a receipts file or a queue file gives it (100-599).
    public var httpStatus: Int? { intValue(in: 100...599) }

    /// A JSON number from a Swift number, written without a trailing `.0` for whole values.
    public static func number(_ value: Double) -> JSONValue {
        if value.rounded() == value, abs(value) < 1e15 { return .number(String(Int(value))) }
        return .number(String(value))
    }

    /// What kind of value this is, for messages about a value of the wrong kind.
    public var kind: Kind {
        switch self {
        case .null: return .null
        case .bool: return .boolean
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        }
    }

    public enum Kind: String, Sendable {
        case null, boolean, number, string, array, object

        /// The kind in the user's language (`json.kind.object` → 对象 { }).
        public func name(_ s: Strings) -> String {
            switch self {
            case .null: return s.tr(.jsonKindNull)
            case .boolean: return s.tr(.jsonKindBoolean)
            case .number: return s.tr(.jsonKindNumber)
            case .string: return s.tr(.jsonKindString)
            case .array: return s.tr(.jsonKindArray)
            case .object: return s.tr(.jsonKindObject)
            }
        }
    }
}

// MARK: - Writing

extension JSONValue {
    /// Compact UTF-8 JSON, keys in their stored order.
    public func encoded() -> String {
        var out = ""
        write(to: &out)
        return out
    }

    public func encodedData() -> Data { Data(encoded().utf8) }

    private func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): out += n
        case let .string(s): JSONValue.writeString(s, to: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += "," }
                JSONValue.writeString(key, to: &out)
                out += ":"
                value.write(to: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar.value == 0x2028 || scalar.value == 0x2029:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

// MARK: - Reading

/// Why JSON text could not be read: where (line and column, 1-based, and the JSON path of the
/// value being read) and what was wrong, as a type so that the message is worded where it is shown.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    public enum Problem: Equatable, Sendable {
        case expectedValue
        case expectedKey
        case expectedColon
        case expectedCommaOrEnd(closer: Character)
        case expectedDigit
        case trailingText
        case unclosedString
        case controlCharacterInString
        case badEscape
        case loneSurrogate
        case invalidUTF8
        case tooDeep(limit: Int)
        case duplicateKey(String)
        case numberOutOfRange
    }

    public var line: Int
    public var column: Int
    /// `$` for the whole document, else `services[2].title` and the like.
    public var path: String
    public var problem: Problem

    /// The problem in the user's language.
    public func message(_ s: Strings) -> String {
        switch problem {
        case .expectedValue: return s.tr(.jsonProblemExpectedValue)
        case .expectedKey: return s.tr(.jsonProblemExpectedKey)
        case .expectedColon: return s.tr(.jsonProblemExpectedColon)
        case let .expectedCommaOrEnd(closer): return s.tr(.jsonProblemExpectedCommaOrEnd(closer: String(closer)))
        case .expectedDigit: return s.tr(.jsonProblemExpectedDigit)
        case .trailingText: return s.tr(.jsonProblemTrailingText)
        case .unclosedString: return s.tr(.jsonProblemUnclosedString)
        case .controlCharacterInString: return s.tr(.jsonProblemControlCharacter)
        case .badEscape: return s.tr(.jsonProblemBadEscape)
        case .loneSurrogate: return s.tr(.jsonProblemLoneSurrogate)
        case .invalidUTF8: return s.tr(.jsonProblemInvalidUtf8)
        case let .tooDeep(limit): return s.tr(.jsonProblemTooDeep(limit: "\(limit)"))
        case let .duplicateKey(key): return s.tr(.jsonProblemDuplicateKey(key: key))
        case .numberOutOfRange: return s.tr(.jsonProblemNumberOutOfRange)
        }
    }
}

extension JSONValue {
    /// Reads strict JSON (RFC 8259) in UTF-8: invalid UTF-8, a key written twice in one object
    /// (other readers would keep a different one of the two), a number no double can hold and
    /// nesting deeper than 64 are refused rather than guessed at.
    public static func parse(_ data: Data) throws(JSONSyntaxError) -> JSONValue {
        // withUnsafeBytes rethrows untyped errors: the typed one travels in a Result.
        let result = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Result<JSONValue, JSONSyntaxError> in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
            do throws(JSONSyntaxError) { return .success(try parser.parseDocument()) } catch { return .failure(error) }
        }
        return try result.get()
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Data(text.utf8))
    }
}

private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Where the parser is, for messages: object keys and array indexes from the top.
    var path: [PathStep] = []
    static let maxDepth = 64

    enum PathStep {
        case key(String)
        case index(Int)
    }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // A UTF-8 byte order mark is harmless; skip it.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { index = 3 }
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipSpace()
        let value = try parseValue()
        skipSpace()
        if index < bytes.count { throw error(.trailingText) }
        return value
    }

    func error(_ problem: JSONSyntaxError.Problem) -> JSONSyntaxError {
        var line = 1, column = 1
        for b in bytes[..<min(index, bytes.count)] {
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        var text = "$"
        for (i, step) in path.enumerated() {
            switch step {
            case let .key(k): text = i == 0 ? k : text + "." + k
            case let .index(n): text += "[\(n)]"
            }
        }
        return JSONSyntaxError(line: line, column: column, path: text, problem: problem)
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard index < bytes.count else { throw error(.expectedValue) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error(.expectedValue)
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error(.expectedValue) }
        for i in 0..<count where bytes[index + i] != word.utf8Start[i] { throw error(.expectedValue) }
        index += count
    }

    mutating func enter() throws(JSONSyntaxError) {
        if path.count >= JSONParser.maxDepth { throw error(.tooDeep(limit: JSONParser.maxDepth)) }
    }

    mutating func parseObject() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        index += 1
        var members: [(String, JSONValue)] = []
        // Small objects are searched; large ones (a county's word list) keep a set of their keys.
        var keys: Set<String>?
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error(.expectedKey) }
            let keyStart = index
            let key = try parseString()
            let seen = keys.map { $0.contains(key) } ?? members.contains { $0.0 == key }
            if seen {
                index = keyStart
                throw error(.duplicateKey(key))
            }
            if keys != nil { keys!.insert(key) } else if members.count == 16 { keys = Set(members.map(\.0) + [key]) }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error(.expectedColon) }
            index += 1
            skipSpace()
            path.append(.key(key))
            let value = try parseValue()
            path.removeLast()
            members.append((key, value))
            skipSpace()
            guard index < bytes.count else { throw error(.expectedCommaOrEnd(closer: "}")) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
            throw error(.expectedCommaOrEnd(closer: "}"))
        }
    }

    mutating func parseArray() throws(JSONSyntaxError) -> JSONValue {
        try enter()
        index += 1
        var items: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
        while true {
            skipSpace()
            path.append(.index(items.count))
            let item = try parseValue()
            path.removeLast()
            items.append(item)
            skipSpace()
            guard index < bytes.count else { throw error(.expectedCommaOrEnd(closer: "]")) }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
            throw error(.expectedCommaOrEnd(closer: "]"))
        }
    }

    mutating func digits() -> Int {
        let start = index
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
        return index - start
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard digits() > 0 else { throw error(.expectedDigit) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error(.expectedDigit) }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error(.expectedDigit) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        // `1e400` is valid JSON text, but no reader can hold it: each would make something else of it.
        guard let value = Double(text), value.isFinite else {
            index = start
            throw error(.numberOutOfRange)
        }
        return .number(text)
    }

    mutating func parseString() throws(JSONSyntaxError) -> String {
        index += 1
        var out = ""
        var runStart = index
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                let run = String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                index += 1
                if out.isEmpty { return run }
                out += run
                return out
            }
            if b < 0x20 { throw error(.controlCharacterInString) }
            if b >= 0x80 {
                // Checked as it is read: what `String(decoding:)` would quietly repair is refused.
                guard let length = utf8Sequence(at: index) else { throw error(.invalidUTF8) }
                index += length
                continue
            }
            if b == UInt8(ascii: "\\") {
                out += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
                index += 1
                guard index < bytes.count else { throw error(.unclosedString) }
                let e = bytes[index]
                index += 1
                switch e {
                case UInt8(ascii: "\""): out.append("\"")
                case UInt8(ascii: "\\"): out.append("\\")
                case UInt8(ascii: "/"): out.append("/")
                case UInt8(ascii: "b"): out.append("\u{08}")
                case UInt8(ascii: "f"): out.append("\u{0C}")
                case UInt8(ascii: "n"): out.append("\n")
                case UInt8(ascii: "r"): out.append("\r")
                case UInt8(ascii: "t"): out.append("\t")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw error(.loneSurrogate)
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw error(.loneSurrogate) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw error(.loneSurrogate) }
                    out.unicodeScalars.append(scalar)
                default: throw error(.badEscape)
                }
                runStart = index
                continue
            }
            index += 1
        }
        throw error(.unclosedString)
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (RFC 3629: no overlong forms,
    /// no surrogates, nothing above U+10FFFF), or nil.
    func utf8Sequence(at i: Int) -> Int? {
        let b0 = bytes[i]
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            i + k < bytes.count && range.contains(bytes[i + k])
        }
        switch b0 {
        case 0xC2...0xDF: return continuation(1) ? 2 : nil
        case 0xE0: return continuation(1, 0xA0...0xBF) && continuation(2) ? 3 : nil
        case 0xE1...0xEC, 0xEE...0xEF: return continuation(1) && continuation(2) ? 3 : nil
        case 0xED: return continuation(1, 0x80...0x9F) && continuation(2) ? 3 : nil
        case 0xF0: return continuation(1, 0x90...0xBF) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF1...0xF3: return continuation(1) && continuation(2) && continuation(3) ? 4 : nil
        case 0xF4: return continuation(1, 0x80...0x8F) && continuation(2) && continuation(3) ? 4 : nil
        default: return nil
        }
    }

    mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error(.badEscape) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error(.badEscape)
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}
