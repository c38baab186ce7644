import Foundation
import XCTest
@testable import KioskApp
@testable import KioskCommandLine

/// The configuration file: an installed file names every key, with null for "the default".
final class ConfigurationTests: XCTestCase {
    func testNullInTheConfigurationFileMeansTheDefault() throws {
        let options = try Configuration.parse(Data(#"{"portal_url": null, "volume": null, "locale": "en"}"#.utf8), file: "c.json")
        XCTAssertNil(options.portalURL)
        XCTAssertNil(options.volume)
        XCTAssertEqual(options.locale, "en")
    }

    func testTheCommandLineStillWinsOverTheFile() throws {
        var commandLine = Options()
        commandLine.portalURL = "https://portal.example.cn"
        let options = try Configuration.parse(Data(#"{"portal_url": null}"#.utf8), file: "c.json", under: commandLine)
        XCTAssertEqual(options.portalURL, "https://portal.example.cn")
    }
}
