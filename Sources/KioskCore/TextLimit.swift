/// How long a text may be, counted the three ways it can be too long: characters as a reader
/// sees them (grapheme clusters), Unicode scalars, and UTF-8 bytes as the disk and the portal see
/// them. A character may carry a few marks (an accent, a tone mark, an emoji's skin tone), never
/// thousands: `e` followed by five million combining accents is one grapheme, and ten megabytes.
public enum TextLimit {
    /// Scalars one allowed character may bring.
    public static let scalarsPerCharacter = 4
    /// UTF-8 bytes one allowed character may bring (a CJK character is 3, an emoji with its
    /// modifier 8).
    public static let bytesPerCharacter = 8

    /// Whether `text` fits `characters`, checked cheapest first so that a huge text costs little.
    public static func fits(_ text: some StringProtocol, characters: Int) -> Bool {
        text.utf8.count <= characters * bytesPerCharacter
            && text.unicodeScalars.count <= characters * scalarsPerCharacter
            && text.count <= characters
    }

    /// The length to tell a person whose text is too long: characters, or more when the scalars or
    /// bytes are what is over (never a walk over megabytes of marks).
    public static func length(_ text: some StringProtocol) -> Int {
        let bytes = (text.utf8.count + bytesPerCharacter - 1) / bytesPerCharacter
        let scalars = (text.unicodeScalars.count + scalarsPerCharacter - 1) / scalarsPerCharacter
        if bytes > 1000 { return max(bytes, scalars) }
        return max(text.count, scalars, bytes)
    }
}
