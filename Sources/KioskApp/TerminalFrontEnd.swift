import Foundation
import KioskCore
import KioskRender
import KioskTerminal

/// The full-screen kiosk: draws the current state, reads keys, clicks and resizes, and clears
/// after inactivity. Everything it draws comes from `KioskScreen.render`.
public struct TerminalFrontEnd {
    let runtime: KioskRuntime
    let strings: (String) -> Strings
    let glyphs: GlyphSource?
    let careTheme: Theme
    let standardTheme: Theme
    let kiosk: Bool
    let now: () -> Date

    public init(runtime: KioskRuntime, strings: @escaping (String) -> Strings, glyphs: GlyphSource?,
                careTheme: Theme, standardTheme: Theme, kiosk: Bool, now: @escaping () -> Date = Date.init) {
        self.runtime = runtime
        self.strings = strings
        self.glyphs = glyphs
        self.careTheme = careTheme
        self.standardTheme = standardTheme
        self.kiosk = kiosk
        self.now = now
    }

    /// Runs until a signal asks the kiosk to end; returns the exit status (128 + the signal).
    public func run() -> Int32 {
        guard let terminal = Terminal(kiosk: kiosk) else { return 2 }
        defer { terminal.end() }
        var clock = InactivityClock(timeout: TimeInterval(runtime.state.inactivityTimeout), now: now())
        var targets: [HitTarget] = []
        while true {
            runtime.refreshStatus()
            let state = runtime.state
            let (width, height) = terminal.size
            terminal.use(state.careMode ? careTheme : standardTheme)
            let frame = KioskScreen(strings: strings(state.locale), glyphs: glyphs).render(state, width: width, height: height)
            targets = frame.targets
            terminal.draw(frame)
            if runtime.bellRequested { terminal.bell(); runtime.bellRequested = false }
            if runtime.repeatRequested { terminal.invalidate(); runtime.repeatRequested = false }

            // While a progress query runs, look for its answer more often.
            switch terminal.read(milliseconds: state.screen == .progressSearching ? 100 : 1000) {
            case let .key(key):
                clock.touch(now())
                runtime.send(.key(key))
            case let .click(row, column):
                clock.touch(now())
                if let target = targets.last(where: { $0.contains(row: row, column: column) }) { runtime.send(.key(target.key)) }
            case .resize:
                terminal.invalidate()
            case let .terminate(sig):
                return 128 + sig
            case .timeout, .ignored:
                break
            }
            // The clock only runs while a resident is somewhere other than the empty home screen.
            // (A helper's session has its own clock running even there: a helper who walks away is logged out.)
            if runtime.state.isEmptyHome && runtime.state.helper == nil {
                clock.touch(now())
            } else if let action = clock.check(now()) {
                runtime.send(action)
                if action == .clear { clock.touch(now()) }
            }
        }
    }
}
