import Foundation

/// Reads a speech data file (a lexicon, a list to check) whole, or not at all: a file over its
/// limit is refused and said with the limit, never cut to its first part.
public enum SpeechFile {
    public struct TooLarge: Error, Equatable {
        public var limit: Int
    }

    static func read(_ url: URL, limit: Int) throws -> Data {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else { throw TooLarge(limit: limit) }
        return data
    }
}
