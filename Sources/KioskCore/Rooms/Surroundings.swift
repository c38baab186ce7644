import Foundation

/// What a screen family may read of the kiosk around it, and never change: the catalog, the
/// language, who is at the kiosk, the network. Only the top-level model makes one (`surroundings`).
struct Surroundings {
    let catalog: Catalog
    let locale: String
    let kioskID: String
    let helper: HelperSession?
    let online: Bool
    let clockSuspect: Bool
    /// What is typed into the screen's field.
    let input: String
}

extension WizardState {
    var surroundings: Surroundings {
        Surroundings(catalog: catalog, locale: locale, kioskID: kioskID, helper: helper, online: online,
                     clockSuspect: clockSuspect, input: input)
    }
}
