import Foundation
@testable import KioskSpeech
import XCTest

/// A shipped dictionary: large, read once and kept, and `word` read as `reading` (its reverse is no word).
func assertShippedDictionary(_ source: ReadingDictionarySource, words: Int, word: String, reading: [String],
                             file: StaticString = #filePath, line: UInt = #line) throws {
    let dictionary = try XCTUnwrap(source.dictionary, "词典读不出来：\(source.url.path)", file: file, line: line)
    XCTAssertNil(source.failure, file: file, line: line)
    XCTAssertGreaterThanOrEqual(dictionary.wordCount, words, "词典的词太少", file: file, line: line)
    XCTAssertGreaterThan(dictionary.characterCount, 20_000, "词典的字太少", file: file, line: line)
    XCTAssertTrue(source.dictionary === dictionary, "词典又读了一次", file: file, line: line)
    XCTAssertEqual(dictionary.word(ArraySlice(word.utf16)), reading, file: file, line: line)
    XCTAssertNil(dictionary.word(ArraySlice(String(word.reversed()).utf16)), file: file, line: line)
}
