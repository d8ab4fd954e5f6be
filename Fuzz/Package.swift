// swift-tools-version: 6.0
// libFuzzer targets for reportlint (issue 7). Built by scripts/fuzz.sh with
//   swift build -c release --sanitize=fuzzer --sanitize=address --package-path Fuzz --scratch-path .build-fuzz
// One executable holds every target; REPORTLINT_FUZZ_TARGET names it (html, text, docx, docx-xml, pack). Under
// --sanitize=fuzzer SwiftPM compiles the executable with -parse-as-library, so libFuzzer's main runs and calls
// LLVMFuzzerTestOneInput (see Sources/reportlint-fuzz/FuzzTargets.swift).
import PackageDescription

let package = Package(
    name: "reportlint-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "reportlint", path: ".."),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .executableTarget(name: "reportlint-fuzz",
                          dependencies: [.product(name: "ReportLintCore", package: "reportlint"),
                                         .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ],
    swiftLanguageModes: [.v6]
)
