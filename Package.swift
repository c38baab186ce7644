// swift-tools-version:6.0
import PackageDescription

// CareKiosk: Foundation plus C system libraries only; no Swift package dependencies.
let package = Package(
    name: "CareKiosk",
    targets: [
        // Pure Swift: catalog, validators, wizard reducer, what each screen says.
        .target(name: "KioskCore"),
        // Durable files on disk: the submission outbox.
        .target(name: "KioskOutbox", dependencies: ["KioskCore"]),
        // Runtime: options, resources, plain line mode, effect interpreter.
        .target(name: "KioskApp", dependencies: ["KioskCore", "KioskOutbox"]),
        .executableTarget(name: "carekiosk", dependencies: ["KioskApp"]),
        .executableTarget(name: "carekiosk-bench", dependencies: ["KioskCore", "KioskApp"]),
        .testTarget(name: "KioskCoreTests", dependencies: ["KioskCore"]),
        .testTarget(name: "KioskOutboxTests", dependencies: ["KioskOutbox"]),
        .testTarget(name: "KioskAppTests", dependencies: ["KioskApp"]),
    ],
    swiftLanguageModes: [.v6]
)
