import Foundation

/// How many terminal columns text takes: 2 for Chinese characters and other wide forms, 0 for
/// combining marks and invisible characters, 1 for the rest. Layout uses this everywhere, so
/// wrapping, centring and truncation line up with what the terminal draws.
public enum DisplayWidth {
    public static func of(_ c: Character) -> Int {
        guard let first = c.unicodeScalars.first else { return 0 }
        let v = first.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        // Most of what the kiosk shows, answered without the Unicode property tables (a frame
        // measures every character several times): ASCII, and Chinese characters and punctuation.
        if c.utf8.count == 1 { return 1 }
        if c.unicodeScalars.count == 1, (0x4E00...0x9FFF).contains(v) || (0x3000...0x303E).contains(v) || (0xFF01...0xFF60).contains(v) { return 2 }
        switch first.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if c.unicodeScalars.contains(where: { $0.value == 0xFE0F }) && first.properties.isEmoji { return 2 }
        return isWide(v) ? 2 : 1
    }

    public static func of(_ s: String) -> Int { s.reduce(0) { $0 + of($1) } }

    /// East Asian Wide and Fullwidth ranges (Unicode 15), plus the common emoji blocks.
    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Cuts `s` to at most `width` columns, ending with "…" when something was cut.
    public static func truncate(_ s: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(s) <= width { return s }
        var out = ""
        var used = 0
        for c in s {
            let w = of(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Breaks text into lines of at most `width` columns. Chinese breaks between words, as ICU's
    /// dictionary finds them (never before closing punctuation, never after opening punctuation);
    /// other scripts break at spaces, and a word longer than a line is cut.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var paragraphLines: [String] = []
            var line = ""
            var lineWidth = 0
            for token in tokens(String(paragraph)) {
                let w = of(token)
                if lineWidth + w > width, !line.isEmpty {
                    paragraphLines.append(line.trimmingTrailingSpaces())
                    line = ""
                    lineWidth = 0
                    if token == " " { continue }
                }
                if w > width {
                    // A single word wider than the line: cut it into pieces.
                    for c in token {
                        if lineWidth + of(c) > width { paragraphLines.append(line); line = ""; lineWidth = 0 }
                        line.append(c)
                        lineWidth += of(c)
                    }
                    continue
                }
                line += token
                lineWidth += w
            }
            paragraphLines.append(line.trimmingTrailingSpaces())
            lines += withoutAWidow(paragraphLines, width: width, paragraph: String(paragraph))
        }
        return lines
    }

    /// A paragraph's lines with its last line never one character alone ("上。", "X。"): the word
    /// before it comes down to keep it company, when the line above keeps another. Chinese only; an
    /// English word alone on a last line is ordinary.
    static func withoutAWidow(_ lines: [String], width: Int, paragraph: String) -> [String] {
        guard lines.count >= 2, let last = lines.last, of(last.filter { !closingPunctuation.contains($0) }) <= 2,
              last.contains(where: { of($0) == 2 }) else { return lines }
        var above = tokens(lines[lines.count - 2])
        while above.last == " " { above.removeLast() }
        guard above.filter({ $0 != " " }).count >= 2, let word = above.popLast(), of(word) + of(last) <= width else { return lines }
        // The space the break took stays between them ("第 1 页，共 3 页": "3 页", not "3页").
        let joined = paragraph.trimmingTrailingSpaces().hasSuffix(word + " " + last) && of(word) + 1 + of(last) <= width ? word + " " + last : word + last
        // Again while the last line is still that short ("{…" came down to "}。": "{…}。").
        return withoutAWidow(lines.dropLast(2) + [above.joined().trimmingTrailingSpaces(), joined], width: width, paragraph: paragraph)
    }

    /// `wrap`, but a line that must break ends after a comma or a full stop where one stands in
    /// its last 40%: "…自动清除，/保护您的信息。" rather than "…保护您的信/息。". For double lines,
    /// which hold 25 to 30 Chinese characters, where a break inside a word is the more jarring.
    public static func wrapAtPhrases(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        // Most texts (an option, a heading) fit on one line.
        if !text.contains("\n"), of(text) <= width { return [text.trimmingTrailingSpaces()] }
        var allLines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines: [String] = []
            defer { allLines += withoutAWidow(lines, width: width, paragraph: String(paragraph)) }
            var line: [String] = []
            var used = 0
            for token in tokens(String(paragraph)) {
                let w = of(token)
                if w > width {
                    // A word wider than a line: what is before it ends its line, and it is cut into
                    // pieces as `wrap` cuts it; its last piece begins the next line.
                    if !line.isEmpty { lines.append(line.joined().trimmingTrailingSpaces()) }
                    let pieces = wrap(token, width: width)
                    lines += pieces.dropLast()
                    line = pieces.last.map { [$0] } ?? []
                    used = line.reduce(0) { $0 + of($1) }
                    continue
                }
                guard used + w > width, !line.isEmpty else {
                    line.append(token)
                    used += w
                    continue
                }
                var cut = line.count
                var prefix = 0
                for (i, t) in line.enumerated() {
                    prefix += of(t)
                    if let last = t.last, phraseEnds.contains(last), prefix * 10 >= width * 6 { cut = i + 1 }
                }
                lines.append(line[..<cut].joined().trimmingTrailingSpaces())
                line = Array(line[cut...].drop { $0 == " " })
                // What was after the comma and the new word may still not fit together.
                if !line.isEmpty, line.reduce(0, { $0 + of($1) }) + w > width {
                    lines.append(line.joined().trimmingTrailingSpaces())
                    line = []
                }
                if token != " " || !line.isEmpty { line.append(token) }
                used = line.reduce(0) { $0 + of($1) }
            }
            // What is left, with a word wider than a line cut as `wrap` cuts it.
            lines += wrap(line.joined(), width: width)
        }
        return allLines
    }

    static let phraseEnds: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）"]

    /// Units that stay together on a line: a run of non-wide, non-space characters (a word or a
    /// number), a single space, or a Chinese word, with any opening punctuation before it and any
    /// closing punctuation after it: "（可以不填）" is one unit, "社保卡。" another.
    static func tokens(_ s: String) -> [String] {
        // ICU is asked where there is Chinese; elsewhere each wide character is a word (an emoji).
        let wordStarts = s.unicodeScalars.contains { $0.value >= 0x2E80 } ? WordStarts.of(s) : nil
        var out: [String] = []
        var word = ""
        var opening = ""
        // Whether the last unit ends in a Chinese character that the next one may continue.
        var inChineseWord = false
        func endWord() {
            if !word.isEmpty { out.append(word); word = "" }
        }
        for (index, c) in s.enumerated() {
            if c == " " {
                endWord()
                if !opening.isEmpty { out.append(opening); opening = "" }
                out.append(" ")
                inChineseWord = false
            } else if openingPunctuation.contains(c) {
                endWord()
                opening.append(c)
                inChineseWord = false
            } else if closingPunctuation.contains(c) {
                endWord()
                if opening.isEmpty, let last = out.last, last != " " {
                    out[out.count - 1] = last + String(c)
                } else {
                    out.append(opening + String(c))
                    opening = ""
                }
                inChineseWord = false
            } else if of(c) == 2 {
                endWord()
                if inChineseWord, opening.isEmpty, let wordStarts, !wordStarts.contains(index) {
                    out[out.count - 1].append(c)
                } else {
                    out.append(opening + String(c))
                    opening = ""
                }
                inChineseWord = true
            } else {
                if word.isEmpty { word = opening; opening = "" }
                word.append(c)
                inChineseWord = false
            }
        }
        endWord()
        if !opening.isEmpty { out.append(opening) }
        return out
    }

    static let openingPunctuation: Set<Character> = ["（", "「", "『", "“", "‘", "《", "【"]
    static let closingPunctuation: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "”", "’", "》", "…", ",", ".", ";", ":", "?", "!", ")"]

    /// Spaces to put before `s` so that it sits in the middle of `width` columns.
    public static func centreOffset(_ s: String, in width: Int) -> Int { max(0, (width - of(s)) / 2) }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
