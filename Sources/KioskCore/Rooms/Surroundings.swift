import Foundation

/// What a screen family may read of the kiosk around it, and never change: the catalog, the
/// language, who is at the kiosk, the network, the day. Only the top-level model makes one
/// (`surroundings`).
struct Surroundings {
    let catalog: Catalog
    let locale: String
    let kioskID: String
    let helper: HelperSession?
    let online: Bool
    let today: CivilDate
    let clockSuspect: Bool
    /// What is typed into the screen's field.
    let input: String
    /// Which page of a long list of options is on screen, from 0, and how many options a page holds.
    let optionPage: Int
    let pageSize: Int

    /// The pages of a list of `items` options, and which of them is on screen.
    func paging(_ items: Int) -> Paging { Paging(page: optionPage, size: pageSize, items: items) }
}

/// A list of options longer than a page, shown a page at a time.
struct Paging: Equatable {
    /// The page on screen, from 0.
    let page: Int
    /// Options on a page.
    let size: Int
    let count: Int

    init(page: Int, size: Int, items: Int) {
        self.page = page
        self.size = size
        count = max(1, (items + size - 1) / size)
    }

    var isLast: Bool { page >= count - 1 }

    /// The part of the list that is on the page shown.
    func slice<T>(_ all: [T]) -> [T] {
        let start = min(page * size, max(all.count - 1, 0))
        return Array(all.dropFirst(start).prefix(size))
    }
}
