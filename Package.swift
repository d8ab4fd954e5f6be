// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "reportlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "reportlint", targets: ["reportlint"]),
        // The libraries, for the fuzz targets in Fuzz/ (a separate package that depends on this one by path).
        .library(name: "ReportLintCore", targets: ["ReportDocument", "ReportNormalizer", "RuleEngine", "ReportCheck",
                                                   "ReportOutput", "ReportChecklist"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // .docx is a zip; ZIPFoundation reads entries as a stream so the decompressed size can be capped (zip bombs).
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2",
                       pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // The result cache (`check --cache`): Debian's SQLite through a system library target (see docs/scale.md).
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite",
                       pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // Audit checklists in .xlsx (issue 6). Debian ships xlsxwriter.pc with libxlsxwriter-dev.
        .systemLibrary(name: "CXLSXWriter", path: "Sources/CXLSXWriter",
                       pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "CTextSearch"),
        .target(name: "ReportDocument"),
        .target(name: "ReportNormalizer",
                dependencies: ["ReportDocument", "CLibXML2", "CTextSearch",
                               .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "RuleEngine",
                dependencies: ["ReportDocument", "CTextSearch", .product(name: "Yams", package: "Yams")],
                resources: []),
        .target(name: "ReportOutput",
                dependencies: ["ReportDocument", "RuleEngine", "CLibXML2"]),
        .target(name: "ReportChecklist",
                dependencies: ["RuleEngine", "ReportDocument", "ReportOutput", "CXLSXWriter"]),
        .target(name: "ReportCheck",
                dependencies: ["ReportDocument", "ReportNormalizer", "RuleEngine", "CSQLite",
                               .product(name: "Yams", package: "Yams")]),
        .executableTarget(name: "reportlint",
                          dependencies: ["ReportDocument", "ReportNormalizer", "RuleEngine", "ReportOutput", "ReportCheck",
                                         "ReportChecklist",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "ReportDocumentTests", dependencies: ["ReportDocument"]),
        .target(name: "TestSupport", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")],
                path: "Tests/TestSupport"),
        .testTarget(name: "CLITests", dependencies: ["reportlint", "TestSupport"]),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "ReportNormalizer", "ReportDocument", "ReportCheck"]),
        .testTarget(name: "ReportChecklistTests",
                    dependencies: ["ReportChecklist", "RuleEngine", "ReportDocument", "CLibXML2", "ReportCheck",
                                   "ReportNormalizer", "ReportOutput",
                                   .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Goldens"]),
        .testTarget(name: "ReportOutputTests",
                    dependencies: ["ReportOutput", "RuleEngine", "ReportDocument", "CLibXML2"],
                    exclude: ["Goldens"]),
        // Hostile input (issue 7): XXE, no network, HTML output escaping, regex safety, limits, fuzz regressions.
        .testTarget(name: "SecurityTests",
                    dependencies: ["ReportNormalizer", "ReportDocument", "RuleEngine", "ReportCheck", "ReportOutput",
                                   "ReportChecklist", "CLibXML2", "TestSupport",
                                   .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                    exclude: ["Regressions"]),
        .testTarget(name: "ReportNormalizerTests",
                    dependencies: ["ReportNormalizer", "ReportDocument", "TestSupport",
                                   .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "GateTests", dependencies: ["ReportCheck", "RuleEngine", "ReportDocument", "TestSupport"]),
        .testTarget(name: "BatchTests",
                    dependencies: ["ReportCheck", "ReportOutput", "RuleEngine", "ReportDocument", "CLibXML2", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
