// swift-tools-version: 6.0
// libFuzzer targets for reportlint (issue 7). Built by scripts/fuzz.sh with
//   swift build -c release --sanitize=fuzzer --sanitize=address --package-path Fuzz --scratch-path .build-fuzz
// One executable holds every target; the first argument names it (html, text, docx, docx-xml, pack), the rest
// are libFuzzer's own arguments. The executable calls LLVMFuzzerRunDriver from its main, so SwiftPM's usual
// executable setup (a Swift main) works unchanged.
import PackageDescription

let package = Package(
    name: "reportlint-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "reportlint", path: ".."),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .executableTarget(name: "reportlint-fuzz",
                          dependencies: ["CFuzzDriver",
                                         .product(name: "ReportLintCore", package: "reportlint"),
                                         .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ],
    swiftLanguageModes: [.v6]
)
