import CKioskSystem

/// What the kiosk process sets for itself at start (docs/privacy.md): no core dumps (RLIMIT_CORE 0,
/// not dumpable, so no ptrace by other processes of the same user either), and fatal signals that
/// restore the terminal and end the process at once, instead of Swift's backtracer printing
/// registers on a resident's screen. `scripts/kiosk` and the service file also set
/// `SWIFT_BACKTRACE=enable=no`, for a crash before this runs.
public enum ProcessHardening {
    public static func apply() {
        _ = kiosk_forbid_core_dumps()
        kiosk_install_fatal_handlers()
    }
}
