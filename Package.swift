// swift-tools-version:6.0
import PackageDescription

// CareKiosk: Foundation plus C system libraries only; no Swift package dependencies.
let package = Package(
    name: "CareKiosk",
    targets: [
        // Pure Swift: catalog, validators, wizard reducer, what each screen says.
        .target(name: "KioskCore"),
        // Frames as cells: layout, display widths, big glyphs, themes. No terminal calls.
        .target(name: "KioskRender", dependencies: ["KioskCore"]),
        // ncursesw, wide-character build.
        .systemLibrary(name: "CNcursesw", providers: [.apt(["libncurses-dev"])]),
        // The only importer of CNcursesw: draws buffer diffs, reads keys and mouse.
        .target(name: "KioskTerminal", dependencies: ["CNcursesw", "KioskRender"]),
        // Durable files on disk: the submission outbox.
        .target(name: "KioskOutbox", dependencies: ["KioskCore"]),
        // eSpeak NG's C API.
        .systemLibrary(name: "CEspeakNG", providers: [.apt(["libespeak-ng-dev", "espeak-ng-data"])]),
        // Speaker protocol, the eSpeak NG speaker, speech text normalisation and the pronunciation lexicon.
        .target(name: "KioskSpeech", dependencies: ["KioskCore", "CEspeakNG"]),
        // Runtime: options, resources, plain line mode, effect interpreter.
        .target(name: "KioskApp", dependencies: ["KioskCore", "KioskOutbox", "KioskRender", "KioskTerminal", "KioskSpeech"]),
        .executableTarget(name: "carekiosk", dependencies: ["KioskApp"]),
        .executableTarget(name: "carekiosk-bench", dependencies: ["KioskCore", "KioskApp", "KioskRender", "KioskTerminal", "KioskSpeech"]),
        // For the test targets only: the bundled catalog, a fixed clock, a key-pressing driver.
        .target(name: "KioskTestSupport", dependencies: ["KioskCore"]),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore", "KioskTestSupport"]),
        .testTarget(name: "KioskRenderTests", dependencies: ["KioskRender", "KioskTestSupport"], exclude: ["__Snapshots__"]),
        .testTarget(name: "KioskOutboxTests", dependencies: ["KioskOutbox"]),
        .testTarget(name: "KioskSpeechTests", dependencies: ["KioskSpeech", "KioskTestSupport"], exclude: ["pronunciation-corpus.txt"]),
        .testTarget(name: "KioskAppTests", dependencies: ["KioskApp", "KioskSpeech"]),
    ],
    swiftLanguageModes: [.v6]
)
