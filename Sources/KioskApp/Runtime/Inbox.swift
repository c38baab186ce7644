import Foundation
import KioskCore
#if canImport(Glibc)
import Glibc
#endif

/// The one queue every action goes through, from any thread: keys from the front end, results
/// of effects from the runtime's workers, facts about the world.
typealias Inbox = WakingQueue<Action>

/// A queue that any thread posts to, with a pipe that is readable while something waits, so that a
/// front end waiting in `poll` for a key wakes at once for a posted result too.
final class WakingQueue<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var waiting: [Element] = []
    /// Readable when elements wait; front ends poll it beside their input.
    let wakeDescriptor: Int32
    private let wakeWrite: Int32

    init() {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        for fd in fds {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, O_NONBLOCK)
        }
        wakeDescriptor = fds[0]
        wakeWrite = fds[1]
    }

    deinit {
        close(wakeDescriptor)
        close(wakeWrite)
    }

    func post(_ element: Element) {
        lock.withLock { waiting.append(element) }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// Everything posted so far, in order; empties the queue and the pipe.
    func take() -> [Element] {
        drainPipe()
        return lock.withLock {
            defer { waiting.removeAll() }
            return waiting
        }
    }

    /// The oldest element, if any. The pipe is emptied too; the caller looks again before it waits.
    func takeFirst() -> Element? {
        drainPipe()
        return lock.withLock { waiting.isEmpty ? nil : waiting.removeFirst() }
    }

    private func drainPipe() {
        var drain = [UInt8](repeating: 0, count: 256)
        while read(wakeDescriptor, &drain, drain.count) > 0 {}
    }
}
