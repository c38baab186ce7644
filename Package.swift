// swift-tools-version:6.0
import PackageDescription

// CareKiosk: Foundation plus C system libraries only; no Swift package dependencies.
let package = Package(
    name: "CareKiosk",
    targets: [
        // Pure Swift: catalog, validators, wizard reducer, what each screen says.
        .target(name: "KioskCore"),
        // Frames as cells: layout, display widths, big glyphs, themes. No terminal calls.
        .target(name: "KioskRender", dependencies: ["KioskCore", "CWordBreaks"]),
        // ICU's word break iterator (libicu-dev), so that lines of Chinese break between words.
        .target(name: "CWordBreaks", linkerSettings: [.linkedLibrary("icuuc")]),
        // ncursesw, wide-character build.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The only importer of CNcursesw: draws buffer diffs, reads keys and mouse.
        .target(name: "KioskTerminal", dependencies: ["CNcursesw", "KioskRender", "CKioskSystem"]),
        // libcrypto: SHA-256, PBKDF2, and the pieces of HPKE sealing.
        .systemLibrary(name: "COpenSSL", providers: [.apt(["libssl-dev"])]),
        // The only importer of COpenSSL: SHA-256, PBKDF2, HPKE sealing.
        .target(name: "KioskCrypto", dependencies: ["COpenSSL"]),
        // Linux calls that need C: a rename that never replaces, no core dumps, and signal handlers
        // that do only what is allowed inside a handler.
        .target(name: "CKioskSystem"),
        // Durable files on disk: the outbox of submissions, ratings and calls for staff, sealed
        // to the portal's key before they are written.
        .target(name: "KioskOutbox", dependencies: ["KioskCore", "KioskCrypto", "CKioskSystem"]),
        // The portal client and the exactly-once sender, above the wire: no networking library.
        .target(name: "KioskSync", dependencies: ["KioskCore", "KioskOutbox"]),
        // The wire: URLSession from FoundationNetworking (libcurl and its twenty libraries), linked
        // only by carekiosk-sender, so that the screen's process never loads it.
        .target(name: "KioskNetwork", dependencies: ["KioskSync"]),
        // eSpeak NG's C API, loaded with dlopen when speech starts (libespeak-ng-dev for the header).
        .target(name: "CEspeakNG"),
        // Speaker protocol, the eSpeak NG speaker, speech text normalisation and the pronunciation lexicon.
        .target(name: "KioskSpeech", dependencies: ["KioskCore", "CEspeakNG"]),
        // What both programs share, below both: options and the configuration file, the resources
        // (locale files), the data folder, the kiosk id, the clock, messages, the queue's report, the
        // service manager's notifications. No screen, no speech, no wire.
        .target(name: "KioskCommandLine", dependencies: ["CKioskSystem", "KioskCore", "KioskCrypto", "KioskOutbox", "KioskSync"]),
        // The screen's program: the launch, the runtime and effect interpreter, the front ends
        // (terminal, plain lines), speech set-up, and the commands that need no network.
        .target(name: "KioskApp", dependencies: ["CKioskSystem", "KioskCommandLine", "KioskCore", "KioskCrypto", "KioskOutbox", "KioskSync", "KioskRender", "KioskTerminal", "KioskSpeech"]),
        .executableTarget(name: "carekiosk", dependencies: ["KioskApp", "KioskCommandLine"]),
        // The commands that talk to the portal: sync (once, --watch, --progress) and upload. Not
        // KioskApp: carekiosk-sender links neither ncursesw nor eSpeak NG (SenderLibrariesTests).
        .target(name: "KioskSender", dependencies: ["CKioskSystem", "KioskCommandLine", "KioskNetwork"]),
        .executableTarget(name: "carekiosk-sender", dependencies: ["KioskCommandLine", "KioskSender"]),
        // The benchmark's yardstick for the kiosk's start: Foundation, one file, one prompt.
        .executableTarget(name: "foundation-baseline"),
        // SQLite, only for the benchmark that compares the outbox with it.
        .systemLibrary(name: "CSQLite", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(name: "carekiosk-bench", dependencies: [
            "KioskCore", "KioskApp", "KioskCommandLine", "KioskRender", "KioskTerminal", "KioskOutbox", "KioskSync", "KioskNetwork", "KioskSpeech", "KioskTestSupport", "CSQLite",
        ]),
        // For the test targets and the benchmark: the bundled catalog, a fixed clock, a key-pressing
        // driver, the reference portal.
        .target(name: "KioskTestSupport", dependencies: ["KioskCore"]),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskTestSupport"]),
        .testTarget(name: "KioskRenderTests", dependencies: ["KioskRender", "KioskTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "KioskOutboxTests", dependencies: ["KioskOutbox", "KioskCrypto", "KioskTestSupport"]),
        .testTarget(name: "KioskCryptoTests", dependencies: ["KioskCrypto"]),
        .testTarget(name: "KioskSyncTests", dependencies: ["KioskSync", "KioskNetwork", "KioskTestSupport", "KioskCrypto"], exclude: ["Fixtures"]),
        .testTarget(name: "KioskSpeechTests", dependencies: ["KioskSpeech", "KioskTestSupport"], exclude: ["pronunciation-corpus.txt", "cantonese-corpus.txt", "cantonese-held-out.txt"]),
        .testTarget(name: "KioskAppTests", dependencies: ["KioskApp", "KioskCommandLine", "KioskSpeech", "KioskTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
