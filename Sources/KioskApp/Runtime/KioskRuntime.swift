import Foundation
import KioskCore

/// Carries out what the reducer decides, the way bubbletea runs commands: every action (a key, a
/// result of an effect, a fact about the world) goes through one queue, `process` reduces them in
/// order on the screen's thread, and each effect goes to the interpreter, whose results come back
/// as actions through the same queue. Nothing else changes the model.
public final class KioskRuntime {
    public private(set) var state: WizardState
    private let inbox = Inbox()
    private let clock: () -> Moment
    private let newID: () -> ItemID
    private let interpreter: EffectInterpreter
    /// The strings speech uses; nil while nothing is spoken (no speaker, or none yet).
    private var speechStrings: (@Sendable (String) -> Strings)?

    public init(state: WizardState, interpreter: EffectInterpreter,
                clock: @escaping () -> Moment = { Moment.now() },
                newID: @escaping () -> ItemID = { ItemID.make() }) {
        self.state = state
        self.interpreter = interpreter
        self.clock = clock
        self.newID = newID
    }

    /// Readable when actions wait: front ends wait on it beside their own input.
    public var wakeDescriptor: Int32 { inbox.wakeDescriptor }

    /// Queues an action; safe from any thread. It takes effect at the next `process`.
    public func send(_ action: Action) { inbox.post(action) }

    /// Time passes: the inactivity rules look at the clock, and the tick's `.lookAround` brings
    /// the facts of the world (waiting items, the sender, a new catalog) up to date.
    public func tick() { send(.tick) }

    /// Reduces everything queued, in order, handing each effect to the interpreter, or to the
    /// front end that runs the loop when it is the front end's own (the bell, a whole new frame);
    /// what the interpreter posts meanwhile is reduced in the same call. Returns whether anything came.
    @discardableResult
    public func process(frontEnd: (Effect) -> Void = { _ in }) -> Bool {
        var any = false
        while true {
            let actions = inbox.take()
            guard !actions.isEmpty else { return any }
            any = true
            for action in actions {
                let effects = state.reduce(action, Context(moment: clock(), newID: newID()))
                for effect in state.voiced(effects, strings: speechStrings) {
                    if effect.isTheFrontEnds { frontEnd(effect) } else { interpreter.perform(effect, post: inbox.post) }
                }
            }
        }
    }

    /// Speech from now on, in these strings: the current screen is said at the loop's next turn,
    /// through the reducer like everything else.
    public func startSpeaking(_ strings: @escaping @Sendable (String) -> Strings) {
        speechStrings = strings
        send(.speechStarted)
    }
}

extension Effect {
    /// What the front end does itself: ring the bell, draw the whole screen again.
    var isTheFrontEnds: Bool { self == .bell || self == .repeatPrompt }
}

/// Carries out effects, each with everything it needs: the model is never handed over. Quick ones
/// (speech) run at once; slow ones (the disk, the USB stick, PIN hashing, the portal) run
/// elsewhere and post their result as an action. Never calls back into the runtime directly.
public protocol EffectInterpreter: AnyObject {
    func perform(_ effect: Effect, post: @escaping @Sendable (Action) -> Void)
}
