// swift-tools-version:6.2
// The benchmark package: its own SwiftPM package so that the product's dependency graph
// stays small. Run from the repository root:
//   swift run -c release --package-path Benchmarks storebench
import PackageDescription

let package = Package(
    name: "StoreBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "InteractionStore", path: ".."),
        // The null-route server of the serve workload (the HTTP floor); the same version as the product's.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The raw-SQLite baseline: the same rows, schema and batching, no rules, in C.
        .target(
            name: "CBaseline",
            path: "Sources/CBaseline",
            cSettings: [.unsafeFlags(["-O2"])],
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        .executableTarget(
            name: "storebench",
            dependencies: [
                "CBaseline",
                .product(name: "InteractionStore", package: "InteractionStore"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/storebench",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
