import Foundation

/// The end of a service as a screen family: the confirmation with its 办件编号 and what comes next
/// (the slip), then the rating (好差评). The screen carries it, so the slip is gone once the kiosk
/// goes home; the 办件编号 never leaves it before that.
public struct ReceiptRoom: Equatable, Sendable {
    public enum Page: Equatable, Sendable {
        case confirmation
        case rating
    }

    public let submissionID: ItemID
    /// What the confirmation tells the resident to do next, kept from the answers (which are wiped
    /// once saved).
    public let slip: ConfirmationSlip
    public internal(set) var page: Page = .confirmation

    init(submissionID: ItemID, slip: ConfirmationSlip) {
        self.submissionID = submissionID
        self.slip = slip
    }

    var options: [Int] { page == .rating ? Array((1...5).reversed()) : [] }

    // MARK: its reducer

    /// Enter on the confirmation: the rating is offered before the resident can leave; on the
    /// rating, they skip it.
    mutating func next() -> RoomOutcome {
        switch page {
        case .confirmation:
            page = .rating
            return .stay([])
        case .rating:
            return .leave
        }
    }

    /// 返回 on the confirmation goes on to the rating as Enter does (the resident can still leave
    /// from there); on the rating it brings the confirmation and its 办件编号 back.
    mutating func back() -> RoomOutcome {
        switch page {
        case .confirmation:
            return next()
        case .rating:
            page = .confirmation
            return .stay([])
        }
    }

    /// A score chosen: the rating goes to the portal with the submission's id.
    func rate(_ score: Int, _ context: Context, kioskID: String) -> Effect {
        .record(Record.rating(id: context.newID, submissionID: submissionID, kioskID: kioskID, score: score, at: context.moment))
    }

    // MARK: its content

    func content(_ s: Strings, _ around: Surroundings) -> ScreenContent {
        switch page {
        case .confirmation:
            var c = ScreenContent(title: s.tr(.confirmedTitle), keyHints: [.enterContinue])
            c.reference = referenceLine(s)
            c.paragraphs = [around.online ? s.tr(.confirmedOnline)
                                // "您不用再来一趟" is not true of someone who has a paper to bring later,
                                // nor of one asked more (刷脸 now, the township window, a certificate
                                // to fetch: `ConfirmationSlip.asksMore`).
                                : slip.later.isEmpty && !slip.asksMore ? s.tr(.confirmedOffline) : s.tr(.confirmedOfflineLater)]
            c.paragraphs += slip.later.map { later in
                let material = later.material.resolve(around.locale)
                guard let due = later.due else { return s.tr(.confirmedLater(material: material)) }
                return s.tr(.confirmedLaterBy(material: material, date: due.display(s)))
            }
            c.paragraphs += slip.nextSteps.map { $0.resolve(around.locale) }
            c.paragraphs.append(slip.willBeTold ? s.tr(.confirmedTold) : s.tr(.confirmedAskLater))
            c.paragraphs.append(s.tr(.confirmedAsk))
            return c
        case .rating:
            // The number stays in sight until the resident leaves: 返回 shows the whole confirmation.
            var c = ScreenContent(title: s.tr(.ratingTitle), question: s.tr(.ratingQuestion),
                                  keyHints: [.chooseNumber, .enterSkip, .back])
            c.reference = referenceLine(s)
            return c
        }
    }

    private func referenceLine(_ s: Strings) -> ScreenContent.ReferenceLine {
        let number = Reference.of(submissionID)
        return ScreenContent.ReferenceLine(line: s.tr(.confirmedReference(reference: Reference.grouped(number))),
                                           lead: s.tr(.confirmedReference(reference: "")), number: number)
    }

    static func label(ofScore score: Int, _ s: Strings) -> String {
        switch score {
        case 5: return s.tr(.rating5)
        case 4: return s.tr(.rating4)
        case 3: return s.tr(.rating3)
        case 2: return s.tr(.rating2)
        default: return s.tr(.rating1)
        }
    }
}
