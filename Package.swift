// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "chuangye",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chuangye", targets: ["chuangye"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
    ],
    targets: [
        // Shipped data (rubrics); its own target so `swift run` finds it from any working directory.
        .target(name: "LedgerResources", path: "Resources", exclude: [], resources: [.copy("rubrics")]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        .target(name: "LedgerCore"),
        // One C wrapper around a variadic SQLite call (trigger switch for bulk import).
        .target(name: "CSQLiteControl", dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(name: "LedgerStore", dependencies: [
            "LedgerCore", "CSQLiteControl",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        .target(name: "LedgerExchange", dependencies: ["LedgerCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Pure Swift terminal kit: cells, buffers, display width, widgets. Never imports curses.
        .target(name: "TerminalUI"),
        // The app: state, actions, reduce, effects as data, screens. Pure: no store, no curses.
        .target(name: "LedgerTUI", dependencies: ["LedgerCore", "TerminalUI"]),
        // The only code that touches ncursesw.
        .target(name: "CursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),
        .target(name: "ChuangyeCLI", dependencies: [
            "LedgerCore", "LedgerStore", "LedgerExchange", "LedgerResources", "TerminalUI", "LedgerTUI", "CursesBackend",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // A release build is linked at a fixed address: a position-independent binary of this size (the Swift runtime
        // and Foundation are linked in statically) has ~86,000 relative relocations, 263 pages the loader writes at
        // every start: ~210 page faults and 1.3 ms of each command (DECISIONS.md). Debug builds link the runtime as a
        // shared library, which a fixed-address executable references through copies the linker warns about.
        .executableTarget(name: "chuangye", dependencies: ["ChuangyeCLI"],
                          linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore", "LedgerResources"]),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "LedgerCore", "LedgerResources"]),
        .testTarget(name: "LedgerExchangeTests", dependencies: ["LedgerExchange", "LedgerCore",
                                                                .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ChuangyeCLITests", dependencies: ["ChuangyeCLI", "LedgerStore", "LedgerCore", "LedgerTUI", "TerminalUI",
                                                             "LedgerExchange",
                                                             // Builds the workbooks the import fuzz and memory tests feed the binary.
                                                             .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "LedgerTUITests", dependencies: ["LedgerTUI", "LedgerCore", "TerminalUI", "LedgerResources"]),
    ]
)
