/// The markers `scripts/test` reads in the test classes' declarations (through
/// `scripts/end-to-end-classes`): a test class that starts a program says which kind it is, or the
/// run fails before any test runs.

/// A test class that starts programs: the kiosk, the sender, tmux, an X server, the reference
/// portal, the install script. `scripts/test --quick` skips it. Subclasses are end-to-end too.
public protocol EndToEnd {}

/// A test class that starts a program but stays in `scripts/test --quick`, because what it starts
/// ends at once or does nothing slow (a `sleep`, a one-line script, a scripted local server).
public protocol RunsProgramsQuickly {}
