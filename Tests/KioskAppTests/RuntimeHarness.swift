import Foundation
import KioskTestSupport
@testable import KioskApp
import KioskCore
import KioskOutbox
import KioskSpeech

/// The real runtime and the real effect interpreter over a data folder, driven the way a front
/// end drives them: each action is sent, then the loop runs until the work it started is done.
final class RuntimeHarness {
    let runtime: KioskRuntime
    let effects: KioskEffects
    let data: DataFolder

    init(root: URL, careMode: Bool = true, catalog: Catalog = bundledCatalog, sealer: SubmissionSealer? = nil, usbFolder: URL? = nil,
         clock: @escaping @Sendable () -> Moment = { Moment.now() }, newID: @escaping () -> ItemID = { ItemID.make() }) throws {
        data = DataFolder(root: root)
        try data.prepare(kioskID: "k")
        let zh = loadStrings("zh-Hans"), en = loadStrings("en")
        let work = QueueWork(data: data, clock: clock, strings: { $0 == "en" ? en : zh })
        effects = KioskEffects(work: work, sealer: sealer, usbFolder: usbFolder, sender: nil, volume: 80, catalogStamp: nil,
                               readings: catalog.readings)
        var state = WizardState(catalog: catalog, setup: KioskSetup(kioskID: "k", careMode: careMode), today: clock().civilDate)
        // As the kiosk starts: the wrong-PIN counts from before a restart.
        state.restore(loginGuard: work.keptLoginGuard())
        // As an 80×24 screen's front end tells it first.
        _ = state.reduce(.setAnswersPerCarePage(Driver.answersPerCarePageAt80x24), Context(moment: clock(), newID: .numbered(0)))
        runtime = KioskRuntime(state: state, interpreter: effects, clock: clock, newID: newID)
    }

    var state: WizardState { runtime.state }

    func send(_ action: Action) {
        runtime.send(action)
        settle()
    }

    func key(_ key: Key) { send(.key(key)) }
    func line(_ text: String) { send(PlainMode.action(for: text, acceptsText: state.acceptsText)) }

    /// Runs the loop until nothing is left to do.
    func settle() {
        repeat { effects.waitUntilIdle() } while runtime.process()
    }

    /// Speech from now on, through `speaker`.
    func speak(through speaker: Speaker) {
        let zh = loadStrings("zh-Hans"), en = loadStrings("en")
        effects.attach(speaker, volume: 80)
        runtime.startSpeaking { $0 == "en" ? en : zh }
        settle()
    }
}
