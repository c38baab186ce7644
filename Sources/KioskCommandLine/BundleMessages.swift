import KioskCore
import KioskOutbox

// Why a bundle or the queue's lock stops a command, in the helper's language: said by `export`
// and `import-receipts` (carekiosk) and by `upload` (carekiosk-sender).

extension QueueLock.Failure {
    public func message(_ s: Strings) -> String {
        switch self {
        case .busy: return s.tr(.syncBusy)
        case let .folder(why): return s.tr(.syncDisk(why: why.message(s)))
        }
    }
}

extension BundleFile.Problem {
    public func message(_ s: Strings) -> String {
        switch self {
        case .empty: return s.tr(.bundleEmpty)
        case .badHeader: return s.tr(.bundleBadHeader)
        case .missingTrailer: return s.tr(.bundleMissingTrailer)
        case let .countMismatch(header, trailer, lines):
            return s.tr(.bundleCountMismatch(header: "\(header)", trailer: "\(trailer)", lines: "\(lines)"))
        case .digestMismatch: return s.tr(.bundleDigestMismatch)
        case let .badItem(line): return s.tr(.bundleBadItem(line: "\(line)"))
        case let .badItemID(line): return s.tr(.bundleBadItemId(line: "\(line)"))
        case let .duplicateItem(line): return s.tr(.bundleDuplicateItem(line: "\(line)"))
        }
    }
}
