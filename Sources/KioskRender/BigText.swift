import Foundation

/// A 16-pixel-high bitmap glyph: 8 pixels wide for Latin and digits, 16 for Chinese.
public struct Glyph: Equatable, Sendable {
    public var width: Int
    /// One row per pixel line, the leftmost pixel in the highest bit used.
    public var rows: [UInt16]

    public func pixel(_ x: Int, _ y: Int) -> Bool { rows[y] & (1 << UInt16(width - 1 - x)) != 0 }
}

public protocol GlyphSource: Sendable {
    func glyph(for scalar: Unicode.Scalar) -> Glyph?
}

/// Glyphs from GNU Unifont's `unifont.hex` (`CODEPOINT:HEXBITS`, one glyph per line, sorted).
/// Only the glyphs asked for are read: each is found by binary search over the file's bytes,
/// so the 3.7 MB file is never loaded whole.
public final class UnifontHex: GlyphSource, @unchecked Sendable {
    public static let defaultPath = "/usr/share/unifont/unifont.hex"

    private let handle: FileHandle
    private let size: UInt64
    private let lock = NSLock()
    private var cache: [UInt32: Glyph?] = [:]

    public init?(path: String = UnifontHex.defaultPath) {
        guard let handle = FileHandle(forReadingAtPath: path), let end = try? handle.seekToEnd(), end > 0 else { return nil }
        self.handle = handle
        self.size = end
    }

    public func glyph(for scalar: Unicode.Scalar) -> Glyph? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[scalar.value] { return cached }
        let found = search(scalar.value)
        cache[scalar.value] = found
        return found
    }

    /// The first whole line at or after byte `offset`.
    private func line(after offset: UInt64) -> (code: UInt32, bits: String)? {
        let start = offset == 0 ? 0 : offset - 1
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.read(upToCount: 200) else { return nil }
        var bytes = data[...]
        if offset > 0 {
            guard let nl = bytes.firstIndex(of: 0x0A) else { return nil }
            bytes = bytes[(nl + 1)...]
        }
        guard let end = bytes.firstIndex(of: 0x0A) else { return nil }
        let text = String(decoding: bytes[..<end], as: UTF8.self)
        let parts = text.split(separator: ":")
        guard parts.count == 2, let code = UInt32(parts[0], radix: 16) else { return nil }
        return (code, String(parts[1]))
    }

    private func search(_ wanted: UInt32) -> Glyph? {
        var low: UInt64 = 0, high = size
        while low < high {
            let mid = (low + high) / 2
            guard let entry = line(after: mid) else { high = mid; continue }
            if entry.code == wanted { return UnifontHex.glyph(entry.bits) }
            if entry.code < wanted { low = mid + 1 } else { high = mid }
        }
        if let entry = line(after: low), entry.code == wanted { return UnifontHex.glyph(entry.bits) }
        return nil
    }

    static func glyph(_ hex: String) -> Glyph? {
        let digitsPerRow: Int
        switch hex.count {
        case 32: digitsPerRow = 2
        case 64: digitsPerRow = 4
        default: return nil
        }
        let chars = Array(hex)
        let rows = (0..<16).compactMap { r in UInt16(String(chars[(r * digitsPerRow)..<((r + 1) * digitsPerRow)]), radix: 16) }
        return rows.count == 16 ? Glyph(width: digitsPerRow * 4, rows: rows) : nil
    }
}

/// Text drawn eight times the normal size with half-block characters: each terminal cell shows two
/// pixels, one above the other (▀ ▄ █), so a Chinese character takes 16 columns and 8 rows.
public enum BigText {
    public static let rowsPerLine = 8

    /// The width in columns, or nil when a character has no glyph (then normal text is used).
    public static func width(of text: String, glyphs: GlyphSource) -> Int? {
        var total = 0
        for scalar in text.unicodeScalars {
            guard let g = glyphs.glyph(for: scalar) else { return nil }
            total += g.width
        }
        return total
    }

    /// Eight strings of half blocks, or nil when a character has no glyph.
    public static func render(_ text: String, glyphs: GlyphSource) -> [String]? {
        var lines = Array(repeating: "", count: rowsPerLine)
        for scalar in text.unicodeScalars {
            guard let g = glyphs.glyph(for: scalar) else { return nil }
            for row in 0..<rowsPerLine {
                for x in 0..<g.width {
                    switch (g.pixel(x, row * 2), g.pixel(x, row * 2 + 1)) {
                    case (true, true): lines[row].append("█")
                    case (true, false): lines[row].append("▀")
                    case (false, true): lines[row].append("▄")
                    case (false, false): lines[row].append(" ")
                    }
                }
            }
        }
        return lines
    }
}
