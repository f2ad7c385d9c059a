// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "InteractionStore",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "InteractionStore", targets: ["InteractionStore"]),
        .executable(name: "storectl", targets: ["storectl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The system SQLite, reached through a module map and a shim header.
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(
            name: "InteractionStore",
            dependencies: [
                "CSQLite",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Sources/InteractionStore",
            resources: [.embedInCode("Migrations")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "storectl",
            dependencies: [
                "InteractionStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/storectl",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "InteractionStoreTests",
            dependencies: [
                "InteractionStore",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tests/InteractionStoreTests",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
