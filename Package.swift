// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "chuangye",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "chuangye", targets: ["chuangye"]),
        // Development measurements and the fault driver: never part of the shipped `chuangye`.
        .executable(name: "chuangye-bench", targets: ["chuangye-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // Shipped data (rubrics); its own target so `swift run` finds it from any working directory.
        .target(name: "LedgerResources", path: "Resources", exclude: [], resources: [.copy("rubrics")]),
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // libxlsxwriter (Debian libxlsxwriter-dev): the workbooks are written by a library made for the format.
        .systemLibrary(name: "CXlsxWriter", path: "Sources/CXlsxWriter"),
        .target(name: "LedgerCore"),
        // How every output file is written: created new and atomically, replacing only a confirmed ordinary file.
        .target(name: "SafeFiles"),
        // One C wrapper around a variadic SQLite call (trigger switch for bulk import).
        .target(name: "CSQLiteControl", dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(name: "LedgerStore", dependencies: [
            "LedgerCore", "CSQLiteControl", "SafeFiles",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
        ]),
        // The PostgreSQL engine for a district: the same storage protocols over postgres-nio, its own frozen SQL
        // migrations, the rules from LedgerCore.
        .target(name: "LedgerPostgres", dependencies: [
            "LedgerCore", "LedgerStore", .product(name: "PostgresNIO", package: "postgres-nio"),
        ]),
        // The official workbooks (registers in print layout, the 评分表) over libxlsxwriter.
        .target(name: "LedgerWorkbook", dependencies: ["CXlsxWriter", "LedgerCore", "TerminalUI"]),
        .target(name: "LedgerExchange", dependencies: ["LedgerCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Pure Swift terminal kit: cells, buffers, display width, widgets. Never imports curses.
        .target(name: "TerminalUI"),
        // The app: state, actions, reduce, effects as data, screens. Pure: no store, no curses.
        .target(name: "LedgerTUI", dependencies: ["LedgerCore", "TerminalUI"]),
        // The only code that touches ncursesw.
        .target(name: "CursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),
        .target(name: "ChuangyeCLI", dependencies: [
            "LedgerCore", "LedgerStore", "LedgerPostgres", "LedgerExchange", "LedgerWorkbook", "LedgerResources", "SafeFiles", "TerminalUI", "LedgerTUI",
            "CursesBackend", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        // Position-independent like any other build: the shipped binary parses untrusted CSV and XLSX, so address
        // randomisation stays (the fixed-address link saved ~1.3 ms per command, which no one can feel; DECISIONS.md).
        .executableTarget(name: "chuangye", dependencies: ["ChuangyeCLI"]),
        // The hidden measurement and fault commands (`bench-ui`, `bench-keys`, `bench-import-stages`, `fault-saves`)
        // and the deliberately slow store, kept out of the shipped binary; the tests use the same pieces.
        .target(name: "ChuangyeBenchKit", dependencies: [
            "ChuangyeCLI", "LedgerCore", "LedgerStore", "LedgerExchange", "LedgerTUI", "TerminalUI", "CursesBackend",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "chuangye-bench", dependencies: ["ChuangyeBenchKit"]),
        .testTarget(name: "LedgerCoreTests", dependencies: ["LedgerCore", "LedgerResources"]),
        // A TCP relay the fault tests cut (a server gone, a COMMIT whose answer never comes).
        .target(name: "FaultRelay", path: "Tests/FaultRelay"),
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "LedgerPostgres", "LedgerCore", "LedgerResources", "FaultRelay"]),
        .testTarget(name: "LedgerExchangeTests", dependencies: ["LedgerExchange", "LedgerCore",
                                                                .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "ChuangyeCLITests", dependencies: ["ChuangyeCLI", "ChuangyeBenchKit", "LedgerStore", "LedgerCore", "LedgerTUI", "TerminalUI",
                                                             "LedgerExchange", "SafeFiles", "FaultRelay",
                                                             // Builds the workbooks the import fuzz and memory tests feed the binary.
                                                             .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "LedgerWorkbookTests", dependencies: ["LedgerWorkbook", "LedgerCore", "LedgerExchange"]),
        .testTarget(name: "LedgerTUITests", dependencies: ["LedgerTUI", "LedgerCore", "TerminalUI", "LedgerResources"]),
    ]
)
