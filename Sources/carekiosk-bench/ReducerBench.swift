import Foundation
import KioskCore

/// How many actions the reducer takes per second: a million keys and typed lines in the mix a
/// resident presses, from a fixed seed, over `catalog`, on one core.
func reducerRow(_ catalog: Catalog) -> Row {
    let lines = ["511922194503150016", "13800000000", "20261201", "3", "1200", "江口镇二村三组5号", "511922194503150017"]
    var rng = SeededGenerator(seed: 42)
    let events: [Action] = (0..<1_000_000).map { _ in
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<5: return .key(.digit(Int.random(in: 1...4, using: &rng)))
        case 5, 6: return .key(.enter)
        case 7: return .key(.escape)
        default: return .typeLine(lines.randomElement(using: &rng)!)
        }
    }
    let moment = Moment.now()
    var state = WizardState(catalog: catalog, kioskID: "bench", today: moment.civilDate)
    let context = Context(moment: moment, newID: .numbered(0))
    let start = DispatchTime.now()
    for event in events {
        let effects = state.reduce(event, context)
        for case let .enqueue(s) in effects { _ = state.reduce(.saved(submissionID: s.id), context) }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    return Row(measure: "reducer events per second", figure: String(format: "%.0f", Double(events.count) / seconds),
               how: "\(events.count) random keys and typed lines over the bundled catalog, one core")
}
