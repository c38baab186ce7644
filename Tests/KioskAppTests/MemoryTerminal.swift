import Foundation
import XCTest
@testable import KioskApp
import KioskCore
import KioskRender
import KioskTerminal

/// A terminal in memory for the full-screen front end: the test types into it from its own thread,
/// and every frame drawn is kept with the moment it was drawn. Like ncurses, `read` waits on its
/// input and on the runtime's wake-up descriptor together.
final class MemoryTerminal: TerminalBackend, @unchecked Sendable {
    let size: (width: Int, height: Int)
    private let lock = NSLock()
    private let drawn = NSCondition()
    private let inputs = WakingQueue<TerminalInput>()
    private(set) var frames: [(text: String, at: Date)] = []
    private(set) var bells = 0
    private(set) var fullRepaints = 0

    init(width: Int = 80, height: Int = 24) {
        size = (width, height)
    }

    // MARK: the test's side

    /// Types a key (or clicks, or resizes, or ends the kiosk) from the test's thread.
    func press(_ input: TerminalInput) { inputs.post(input) }

    func press(_ key: Key) { press(.key(key)) }

    func type(_ text: String) {
        for c in text { press(c.wholeNumberValue.map { Key.digit($0) } ?? .character(c)) }
    }

    var lastFrame: String { drawn.withLock { frames.last?.text ?? "" } }

    /// Waits until a frame shows `text`; returns when it was drawn.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 10, file: StaticString = #filePath, line: UInt = #line) -> Date? {
        let deadline = Date().addingTimeInterval(timeout)
        drawn.lock()
        defer { drawn.unlock() }
        while true {
            if let frame = frames.last, frame.text.contains(text) { return frame.at }
            guard drawn.wait(until: deadline) else {
                XCTFail("never showed \"\(text)\"; the screen was:\n\(frames.last?.text ?? "")", file: file, line: line)
                return nil
            }
        }
    }

    // MARK: the front end's side

    func use(_ theme: Theme) {}

    func draw(_ buffer: ScreenBuffer) {
        drawn.withLock {
            frames.append((buffer.text, Date()))
            drawn.broadcast()
        }
    }

    func invalidate() { lock.withLock { fullRepaints += 1 } }
    func bell() { lock.withLock { bells += 1 } }
    func end() {}

    func read(milliseconds: Int32, wake: Int32) -> TerminalInput {
        if let next = inputs.takeFirst() { return next }
        var fds = [pollfd(fd: inputs.wakeDescriptor, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, 2, milliseconds) > 0 else { return .timeout }
        return inputs.takeFirst() ?? .woken
    }
}
