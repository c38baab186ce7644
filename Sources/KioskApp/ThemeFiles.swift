import Foundation
import KioskCommandLine
import KioskRender

extension Resources {
    /// A theme of themes/, by its name without `.json`.
    public func theme(_ name: String) throws -> Theme {
        let url = root.appendingPathComponent("themes/\(name).json")
        guard let data = FileManager.default.contents(atPath: url.path) else { throw ResourceError.missingTheme(url.path) }
        return try Theme.load(data, file: url.path)
    }
}
