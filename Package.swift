// swift-tools-version:6.2
import PackageDescription

/// Every module builds in the Swift 6 language mode (strict concurrency).
let strictSwift: [SwiftSetting] = [.swiftLanguageMode(.v6)]

/// A module of the package, its sources in `Sources/NAME`.
func module(_ name: String, _ dependencies: [Target.Dependency], resources: [Resource]? = nil) -> Target {
    .target(name: name, dependencies: dependencies, path: "Sources/\(name)", resources: resources, swiftSettings: strictSwift)
}

/// A test target, its sources in `Tests/NAME`.
func tests(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .testTarget(name: name, dependencies: dependencies, path: "Tests/\(name)", swiftSettings: strictSwift)
}

let crypto: Target.Dependency = .product(name: "Crypto", package: "swift-crypto")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")

let package = Package(
    name: "InteractionStore",
    platforms: [.macOS(.v14)],
    products: [
        // What a Swift chat server embeds: `import InteractionStore` (it re-exports the model and the event log).
        .library(name: "InteractionStore", targets: ["InteractionStore"]),
        .executable(name: "storectl", targets: ["storectl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // The system SQLite, reached through a module map and a shim header.
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // The SQLite layer: connection, statements and their cache, result codes (package access only).
        module("StoreSQLite", ["CSQLite"]),
        // The model and the rules: ids, times, the vocabulary, events, WorkflowState. Pure: no SQLite, no files, no clock.
        module("InteractionModel", [crypto]),
        // The event log: NDJSON lines, the JSON scanner, the decoder and the one encoder of events.
        module("EventLog", ["InteractionModel"]),
        // The store: schema, apply path, reads, reports, export, maintenance. All SQL lives here.
        module("InteractionStore", [
            "StoreSQLite", "InteractionModel", "EventLog", crypto,
            .product(name: "CryptoExtras", package: "swift-crypto"), logging,
        ], resources: [.embedInCode("Migrations")]),
        // The records as tables, JSON and CSV: what storectl prints and the service answers, byte for byte.
        module("RecordOutput", ["InteractionStore", "InteractionModel"]),
        // `storectl demo`: a simulated contact center's event log as `Event`s (the corpus embedded).
        module("InteractionDemo", ["InteractionModel"], resources: [.embedInCode("Resources/corpus.txt")]),
        // Other platforms' stored transcripts (Genesys Engage XML, Amazon Connect JSON) as events.
        module("PlatformImport", ["InteractionStore", "InteractionModel", "EventLog"]),
        // The console's pages and charts, drawn from the store's typed records (no HTTP here).
        module("InteractionConsole", ["InteractionStore", "InteractionModel", "RecordOutput"]),
        // `storectl serve`: the HTTP service over one store (SPEC §6) and the console's routes (§7).
        module("InteractionService", [
            "InteractionStore", "InteractionModel", "EventLog", "RecordOutput", "InteractionConsole",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            logging, crypto,
        ], resources: [.embedInCode("Resources/openapi.yaml")]),
        .executableTarget(
            name: "storectl",
            dependencies: [
                "InteractionStore", "InteractionModel", "EventLog", "RecordOutput", "InteractionDemo", "PlatformImport",
                "InteractionService", .product(name: "ArgumentParser", package: "swift-argument-parser"), logging,
            ],
            path: "Sources/storectl",
            swiftSettings: strictSwift
        ),
        // Shared by every test target: temp directories and the runner of the built storectl.
        .target(name: "StoreTestSupport", dependencies: ["InteractionStore", "StoreSQLite"], path: "Tests/StoreTestSupport", swiftSettings: strictSwift),
        // One test target per module with logic.
        tests("InteractionStoreTests", [
            "InteractionStore", "StoreSQLite", "InteractionModel", "EventLog", "RecordOutput", "InteractionDemo",
            "StoreTestSupport", crypto,
        ]),
        tests("StoreSQLiteTests", ["StoreSQLite", "StoreTestSupport"]),
        tests("InteractionModelTests", ["InteractionModel"]),
        // The store only for the rejected-line and content-hash forms of a decoded event.
        tests("EventLogTests", ["EventLog", "InteractionModel", "InteractionStore"]),
        tests("RecordOutputTests", ["RecordOutput", "InteractionStore", "InteractionModel", "StoreTestSupport"]),
        tests("InteractionDemoTests", ["InteractionDemo", "InteractionStore", "InteractionModel", "EventLog", "StoreTestSupport", crypto]),
        tests("PlatformImportTests", ["PlatformImport", "InteractionStore", "InteractionModel", "EventLog", "InteractionDemo", "StoreTestSupport"]),
        tests("InteractionConsoleTests", [
            "InteractionConsole", "InteractionStore", "InteractionModel", "RecordOutput", "InteractionDemo", "StoreTestSupport",
        ]),
        tests("InteractionServiceTests", [
            "InteractionService", "InteractionStore", "InteractionModel", "EventLog", "RecordOutput", "InteractionDemo",
            "StoreTestSupport", .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ]
)
