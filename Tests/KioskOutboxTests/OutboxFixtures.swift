import Foundation
import KioskCore
import KioskOutbox

/// A kiosk id that tells test items apart: `00000000-0000-4000-8000-00000000000N`.
func itemID(_ n: Int) -> ItemID { ItemID(String(format: "00000000-0000-4000-8000-%012d", n))! }

/// A submission's queue file as the kiosk writes it.
func queueItem(_ n: Int, masked: String = "5119**********0016", created: String = "2026-11-22T09:30:00+08:00",
               answers: String = #"{"phone":"13800000000"}"#) -> QueueItem {
    var facts = QueueFacts(id: itemID(n), kind: .submission)
    facts.serviceID = "pension-certification"
    facts.createdAt = Moment.parse(created)
    facts.maskedID = masked
    let payload = #"{"id":"\#(itemID(n).text)","service_id":"pension-certification","body":{"answers":\#(answers)}}"#
    return QueueItem(facts: facts, payload: Data(payload.utf8))
}

