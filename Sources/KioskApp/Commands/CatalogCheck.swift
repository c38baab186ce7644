import Foundation
import KioskCommandLine
import KioskCore
import KioskOutbox
import KioskSync

/// `carekiosk catalog check FILE...`: one line per problem, `FILE: PATH: what is wrong`.
enum CatalogCheck {
    static func run(_ files: [String], _ s: Strings) -> Int32 {
        var status: Int32 = 0
        for file in files {
            // Read once: the warnings come from the same bytes the catalog was loaded from.
            switch read(file, s).flatMap({ data in parse(data, file, s).map { (catalog: $0, data: data) } }) {
            case let .success((catalog, data)):
                print(s.tr(.catalogOk(file: file, version: catalog.version, count: "\(catalog.services.count)")))
                warnUndrawable(data, file, s)
            case let .failure(problems):
                problems.lines.forEach(CareKiosk.printError)
                status = 1
            }
        }
        return status
    }

    struct Problems: Error { var lines: [String] }

    /// A warning, not a refusal: the catalog works, but the kiosk's screen shows a box where the
    /// character is (UndrawableText says why).
    static func warnUndrawable(_ data: Data, _ path: String, _ s: Strings) {
        for text in UndrawableText.inCatalog(data) {
            let characters = text.characters.map { ch in
                "\"\(ch)\" U+" + ch.unicodeScalars.map { String(format: "%04X", $0.value) }.joined(separator: " U+")
            }
            CareKiosk.printError("\(path): \(text.path): " + s.tr(.catalogWarningUndrawable(characters: characters.joined(separator: " "))))
        }
    }

    /// Loads a catalog file, read with its size limit, or says what is wrong with it.
    static func load(_ path: String, _ s: Strings) -> Result<Catalog, Problems> {
        read(path, s).flatMap { parse($0, path, s) }
    }

    private static func read(_ path: String, _ s: Strings) -> Result<Data, Problems> {
        do { return .success(try BoundedFile.read(URL(fileURLWithPath: path), limit: CatalogUpdater.largestCatalog)) } catch {
            return .failure(Problems(lines: [error.message(s)]))
        }
    }

    private static func parse(_ data: Data, _ path: String, _ s: Strings) -> Result<Catalog, Problems> {
        CatalogLoader.load(data).mapError { error in Problems(lines: error.problems.map { line(path, $0, s) }) }
    }

    /// `FILE: PATH: what is wrong`.
    static func line(_ file: String, _ problem: CatalogProblem, _ s: Strings) -> String {
        "\(file): \(problem.path): \(problem.message(s))"
    }
}

extension CatalogUpdater.StoredProblem {
    /// The file over its limit, or the first thing wrong in it, with its path.
    func message(_ s: Strings) -> String {
        switch self {
        case let .file(failure): return failure.message(s)
        case let .catalog(file, problems): return problems.first.map { CatalogCheck.line(file, $0, s) } ?? file
        }
    }
}
