import Foundation
import KioskCore
import KioskOutbox

/// The kiosk's clock: the system's, unless `CAREKIOSK_CLOCK` gives another, so that tests of the
/// built program never wait in real time. It is either an RFC 3339 time (the clock stands still
/// there) or `@FILE`, a file holding such a time that the test rewrites to move the clock.
public struct AppClock: Sendable {
    private let source: Source

    private enum Source: Sendable {
        case system
        case fixed(Moment)
        case file(URL)
    }

    public init(environment: [String: String]) {
        switch environment["CAREKIOSK_CLOCK"] {
        case let value? where value.hasPrefix("@"): source = .file(URL(fileURLWithPath: String(value.dropFirst())))
        case let value?: source = Moment.parse(value).map(Source.fixed) ?? .system
        case nil: source = .system
        }
    }

    public func now() -> Moment {
        switch source {
        case .system: return .now()
        case let .fixed(moment): return moment
        case let .file(url):
            let text = (try? BoundedFile.read(url, limit: 128)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return Moment.parse(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .now()
        }
    }
}
