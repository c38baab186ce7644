import Foundation
import KioskCore
import KioskRender
import KioskTerminal

/// What the full-screen front end needs of a terminal: ncurses (`Terminal`) on a kiosk, an
/// in-memory one in tests.
public protocol TerminalBackend: AnyObject {
    var size: (width: Int, height: Int) { get }
    func use(_ theme: Theme)
    func draw(_ buffer: ScreenBuffer)
    func invalidate()
    func bell()
    func read(milliseconds: Int32, wake: Int32) -> TerminalInput
    func end()
}

extension Terminal: TerminalBackend {}

/// The full-screen kiosk: draws the model, turns keys, clicks and resizes into actions, and
/// keeps time. Everything it draws comes from `KioskScreen.render`; everything it does goes
/// through the runtime's one loop.
public final class TerminalFrontEnd {
    let runtime: KioskRuntime
    let strings: (String) -> Strings
    let glyphs: GlyphSource?
    let careTheme: Theme
    let standardTheme: Theme
    /// The terminal draws double-size rows: care mode lays out its key texts at double size.
    let doubleSize: Bool
    /// Real time, only to pace the ticks; what time it is comes from the runtime's clock.
    let pace: () -> Date

    public init(runtime: KioskRuntime, strings: @escaping (String) -> Strings, glyphs: GlyphSource?,
                careTheme: Theme, standardTheme: Theme, doubleSize: Bool = false, pace: @escaping () -> Date = Date.init) {
        self.runtime = runtime
        self.strings = strings
        self.glyphs = glyphs
        self.careTheme = careTheme
        self.standardTheme = standardTheme
        self.doubleSize = doubleSize
        self.pace = pace
    }

    /// What the runtime hands the front end: the bell, and a whole new frame (F3).
    public func handle(_ effect: Effect, _ terminal: TerminalBackend) {
        switch effect {
        case .bell: terminal.bell()
        case .repeatPrompt: terminal.invalidate()
        default: break
        }
    }

    /// Runs until a signal ends the kiosk; returns the exit status (128 + the signal).
    /// `afterFirstFrame` runs once, when the first frame is on the screen (speech starts then);
    /// `eachTurn` on every turn of the loop after the first frame, at least every 250 ms (the
    /// service's heartbeat).
    public func run(_ terminal: TerminalBackend, afterFirstFrame: () -> Void = {}, eachTurn: () -> Void = {}) -> Int32 {
        var targets: [HitTarget] = []
        var lastTick = pace()
        var drawn = false
        var dirty = true
        var measuredSize: (width: Int, height: Int)?
        while true {
            // How many answers a care-mode page holds is the renderer's to say, from the room it has;
            // measured once the first frame is up (the home screen pages no answers) and on a resize.
            let size = terminal.size
            if drawn, measuredSize.map({ $0 != size }) ?? true {
                measuredSize = size
                let screen = KioskScreen(strings: strings(runtime.state.locale), glyphs: glyphs, doubleSize: doubleSize)
                runtime.send(.setAnswersPerCarePage(screen.answersPerCarePage(width: size.width, height: size.height)))
            }
            if runtime.process(frontEnd: { handle($0, terminal) }) { dirty = true }
            if dirty {
                let state = runtime.state
                let (width, height) = terminal.size
                terminal.use(state.careMode ? careTheme : standardTheme)
                let frame = KioskScreen(strings: strings(state.locale), glyphs: glyphs, doubleSize: doubleSize).render(state, width: width, height: height)
                targets = frame.targets
                terminal.draw(frame)
                // Enter and 返回 turn the pages of a long text: the model must know how many there are.
                if !state.textPagesReported || frame.textPages != state.textPageCount || frame.textAnswersPage != state.textAnswersPage {
                    runtime.send(.setTextPages(frame.textPages, answersPage: frame.textAnswersPage))
                }
                dirty = false
                if !drawn {
                    drawn = true
                    afterFirstFrame()
                }
            }
            eachTurn()
            switch terminal.read(milliseconds: 250, wake: runtime.wakeDescriptor) {
            case let .key(key):
                runtime.send(.key(key))
            case let .click(row, column):
                if let target = targets.last(where: { $0.contains(row: row, column: column) }) { runtime.send(.key(target.key)) }
            case .resize:
                terminal.invalidate()
                dirty = true
            case let .terminate(sig):
                return 128 + sig
            case .woken, .timeout, .ignored:
                break
            }
            if pace().timeIntervalSince(lastTick) >= 1 {
                lastTick = pace()
                runtime.tick()
            }
        }
    }
}
