// swift-tools-version:6.2
import PackageDescription

/// Every module builds in the Swift 6 language mode (strict concurrency).
let strictSwift: [SwiftSetting] = [.swiftLanguageMode(.v6)]

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
        .target(
            name: "StoreSQLite",
            dependencies: ["CSQLite"],
            path: "Sources/StoreSQLite",
            swiftSettings: strictSwift
        ),
        // The model and the rules: ids, times, the vocabulary, events, WorkflowState. Pure: no SQLite, no files, no clock.
        .target(
            name: "InteractionModel",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/InteractionModel",
            swiftSettings: strictSwift
        ),
        // The event log: NDJSON lines, the JSON scanner, the decoder and the one encoder of events.
        .target(
            name: "EventLog",
            dependencies: ["InteractionModel"],
            path: "Sources/EventLog",
            swiftSettings: strictSwift
        ),
        // The store: schema, apply path, reads, reports, export, maintenance. All SQL lives here.
        .target(
            name: "InteractionStore",
            dependencies: [
                "StoreSQLite",
                "InteractionModel",
                "EventLog",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/InteractionStore",
            resources: [.embedInCode("Migrations")],
            swiftSettings: strictSwift
        ),
        // The records as tables, JSON and CSV: what storectl prints and the service answers, byte for byte.
        .target(
            name: "RecordOutput",
            dependencies: ["InteractionStore", "InteractionModel"],
            path: "Sources/RecordOutput",
            swiftSettings: strictSwift
        ),
        // `storectl demo`: a simulated contact center's event log as `Event`s (the corpus embedded).
        .target(
            name: "InteractionDemo",
            dependencies: ["InteractionModel"],
            path: "Sources/InteractionDemo",
            resources: [.embedInCode("Resources/corpus.txt")],
            swiftSettings: strictSwift
        ),
        // Other platforms' stored transcripts (Genesys Engage XML, Amazon Connect JSON) as events.
        .target(
            name: "PlatformImport",
            dependencies: ["InteractionStore", "InteractionModel", "EventLog"],
            path: "Sources/PlatformImport",
            swiftSettings: strictSwift
        ),
        // The console's pages and charts, drawn from the store's typed records (no HTTP here).
        .target(
            name: "InteractionConsole",
            dependencies: ["InteractionStore", "InteractionModel", "RecordOutput"],
            path: "Sources/InteractionConsole",
            swiftSettings: strictSwift
        ),
        // `storectl serve`: the HTTP service over one store (SPEC §6) and the console's routes (§7).
        .target(
            name: "InteractionService",
            dependencies: [
                "InteractionStore",
                "InteractionModel",
                "EventLog",
                "RecordOutput",
                "InteractionConsole",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Sources/InteractionService",
            resources: [.embedInCode("Resources/openapi.yaml")],
            swiftSettings: strictSwift
        ),
        .executableTarget(
            name: "storectl",
            dependencies: [
                "InteractionStore",
                "InteractionModel",
                "EventLog",
                "RecordOutput",
                "InteractionDemo",
                "PlatformImport",
                "InteractionService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/storectl",
            swiftSettings: strictSwift
        ),
        // Shared by every test target: temp directories and the runner of the built storectl.
        .target(
            name: "StoreTestSupport",
            dependencies: ["InteractionStore"],
            path: "Tests/StoreTestSupport",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InteractionStoreTests",
            dependencies: [
                "InteractionStore",
                "StoreSQLite",
                "InteractionModel",
                "EventLog",
                "RecordOutput",
                "InteractionDemo",
                "StoreTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/InteractionStoreTests",
            swiftSettings: strictSwift
        ),
        // One test target per module with logic.
        .testTarget(
            name: "StoreSQLiteTests",
            dependencies: ["StoreSQLite", "StoreTestSupport"],
            path: "Tests/StoreSQLiteTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InteractionModelTests",
            dependencies: ["InteractionModel"],
            path: "Tests/InteractionModelTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "EventLogTests",
            // The store only for the rejected-line and content-hash forms of a decoded event.
            dependencies: ["EventLog", "InteractionModel", "InteractionStore"],
            path: "Tests/EventLogTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "RecordOutputTests",
            dependencies: ["RecordOutput", "InteractionStore", "InteractionModel", "StoreTestSupport"],
            path: "Tests/RecordOutputTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InteractionDemoTests",
            dependencies: [
                "InteractionDemo",
                "InteractionStore",
                "InteractionModel",
                "EventLog",
                "StoreTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/InteractionDemoTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "PlatformImportTests",
            dependencies: ["PlatformImport", "InteractionStore", "InteractionModel", "EventLog", "InteractionDemo", "StoreTestSupport"],
            path: "Tests/PlatformImportTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InteractionConsoleTests",
            dependencies: ["InteractionConsole", "InteractionStore", "InteractionModel", "RecordOutput", "InteractionDemo", "StoreTestSupport"],
            path: "Tests/InteractionConsoleTests",
            swiftSettings: strictSwift
        ),
        .testTarget(
            name: "InteractionServiceTests",
            dependencies: [
                "InteractionService",
                "InteractionStore",
                "InteractionModel",
                "EventLog",
                "RecordOutput",
                "InteractionDemo",
                "StoreTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/InteractionServiceTests",
            swiftSettings: strictSwift
        ),
    ]
)
