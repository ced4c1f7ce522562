// swift-tools-version: 6.1
import PackageDescription

/// authshift: moves Microsoft 365 tenants off SMTP AUTH Basic Authentication and
/// stored-credential Exchange Online PowerShell, offline, from the admins' own exports.
///
/// Layout (docs/architecture.md): library targets hold all logic; the `authshift`
/// executable only parses arguments and maps errors to exit statuses.
///
/// Platform: Linux, the one platform authshift is built and tested on (`.ci/run`). No Apple
/// platform is declared, because the scan engine's file reading is Glibc-only today.
/// Product: the executable only. The libraries are not products: Ingest is compiled with
/// `-enforce-exclusivity=unchecked` in release builds, which SwiftPM refuses in a package
/// used as a dependency.
let package = Package(
    name: "authshift",
    products: [
        .executable(name: "authshift", targets: ["authshift"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    ],
    targets: [
        .target(name: "AuthShiftCore"),
        // Effective SMTP AUTH state, the sender register, replacement advice (one rule per file).
        .target(name: "Analysis", dependencies: ["AuthShiftCore", "Ingest"]),
        // scan: the PowerShell tokenizer and the rules that find stored-credential automation and password SMTP.
        .target(name: "Scan", dependencies: ["AuthShiftCore", "Ingest"]),
        // SMTP on NIOCore only: replies and what Exchange Online means by them, commands, the
        // reply decoder with RFC 5321 limits, EHLO capabilities, SASL payloads, dot-stuffing,
        // and the client state machine (a value type whose methods return actions).
        .target(name: "SMTP", dependencies: ["AuthShiftCore", .product(name: "NIOCore", package: "swift-nio")]),
        // The network underneath OAuth and SMTPClient: the shared TLS client context, TLS version
        // names, connect failures in an admin's words, one HTTPS POST and the HTTP CONNECT proxy.
        .target(
            name: "Transport",
            dependencies: [
                "AuthShiftCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // OAuth 2.0 client credentials against the Microsoft identity platform: the signed client
        // assertion (PS256/RS256), certificate and key loading (PEM, PFX), the token request.
        .target(
            name: "OAuth",
            dependencies: [
                "AuthShiftCore", "Transport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // Team-mode sign-in for the dashboard: OpenID Connect with Microsoft Entra ID (discovery, signing
        // keys, authorization code with PKCE, ID token checks, app roles), on Transport's HTTPS client and
        // OAuth's client authentication. No web framework: the dashboard adapts it to its own routes.
        .target(
            name: "OpenIDConnect",
            dependencies: [
                "AuthShiftCore", "Transport", "OAuth",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // collect graph / kql / log-analytics: Graph and Log Analytics reads with the OAuth module's
        // token and Transport's HTTPS client (paging, throttling, checkpoints), and the KQL text.
        .target(
            name: "Collect",
            dependencies: ["AuthShiftCore", "Transport", "OAuth", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // The probe: a connection driven by the SMTP state machine, TLS, timeouts, the transcript.
        .target(
            name: "SMTPClient",
            dependencies: [
                "AuthShiftCore", "SMTP", "Transport", "OAuth",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // zlib, for the deflated parts of register.xlsx (a system library: zlib1g-dev on Debian).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // Writers for everything authshift outputs (CSV, JSON, tables, XLSX, HTML, SARIF).
        .target(name: "Reports", dependencies: ["AuthShiftCore", "Ingest", "Analysis", "CZlib"]),
        // PowerShell generators; PowerShellLiteral is the only place a value becomes PowerShell text.
        .target(name: "ChangeScripts", dependencies: ["AuthShiftCore", "Ingest", "Analysis"]),
        // Ingest depends on Foundation only, so the fuzz script can compile it with
        // `swiftc -sanitize=fuzzer` without SwiftPM (see Fuzz/run.sh).
        // Release builds drop Swift's dynamic exclusivity checks in Ingest: the sign-in hot loop
        // touches class-held buffers millions of times and the checks cost 40% of its time
        // (measured, docs/benchmarks.md). Debug builds and tests keep them.
        .target(
            name: "Ingest", dependencies: ["AuthShiftCore"],
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // bridge: the durable on-premises relay (inbound SMTP server, spool, upstream delivery).
        .target(
            name: "Bridge",
            dependencies: [
                "AuthShiftCore", "SMTP", "SMTPClient", "Transport", "OAuth",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The workspace: every run kept, each sender's lifecycle, people's edits with an audit
        // trail, several tenants, in one SQLite file through GRDB (libsqlite3-dev on Debian).
        .target(
            name: "Workspace",
            dependencies: [
                "AuthShiftCore", "Ingest", "Analysis", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // serve: the browser dashboard and JSON API over the workspace (Hummingbird 2), its
        // templates, sign-in (one-time loopback link, or a TeamSignIn for team mode) and CSRF checks.
        .target(
            name: "Dashboard",
            dependencies: [
                "AuthShiftCore", "Analysis", "Workspace", "Reports", "OpenIDConnect",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "authshift",
            dependencies: [
                "AuthShiftCore", "Ingest", "Analysis", "Reports", "ChangeScripts", "Scan", "SMTP", "SMTPClient", "Transport", "OAuth",
                "Bridge", "Collect", "Workspace", "Dashboard", "OpenIDConnect",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "AuthShiftCore"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Ingest", "AuthShiftCore"]),
        // Helpers shared by the loopback servers of SMTPClientTests and BridgeTests, the loopback HTTP(S)
        // server of CollectTests and OpenIDConnectTests, the test certificates (Fixtures), and the runner
        // of the built `authshift` (AuthShiftBinary) of CLITests and CollectTests.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"), .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Tests/TestSupport",
            exclude: ["Fixtures"]),
        .testTarget(
            name: "SMTPTests",
            dependencies: [
                "SMTP", "AuthShiftCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOTestUtils", package: "swift-nio"),
            ]
        ),
        .testTarget(name: "AuthShiftCoreTests", dependencies: ["AuthShiftCore"]),
        .testTarget(
            name: "OAuthTests",
            dependencies: [
                "OAuth", "Transport", "AuthShiftCore", "TestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "SMTPClientTests",
            dependencies: [
                "SMTP", "SMTPClient", "Transport", "OAuth", "AuthShiftCore", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "BridgeTests",
            dependencies: [
                "Bridge", "SMTP", "Reports", "Transport", "TestSupport", .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "CollectTests",
            // authshift: the kill-and-resume test runs the built binary. Ingest and Analysis: the
            // pages the collector writes are read back by assess.
            dependencies: [
                "Collect", "Transport", "OAuth", "authshift", "AuthShiftCore", "Ingest", "Analysis", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // Sign-in against a loopback OpenID Connect provider written for the tests (HTTPS with the test CA).
        .testTarget(
            name: "OpenIDConnectTests",
            // Dashboard and Workspace: team mode signed in end to end against the loopback provider.
            dependencies: [
                "OpenIDConnect", "OAuth", "Transport", "AuthShiftCore", "TestSupport", "Dashboard", "Workspace",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: ["Transport", .product(name: "NIOSSL", package: "swift-nio-ssl")]
        ),
        .testTarget(name: "ScanTests", dependencies: ["Scan", "AuthShiftCore"], exclude: ["Fixtures"]),
        .testTarget(
            name: "ReportsTests", dependencies: ["Reports", "Ingest", "Analysis", "AuthShiftCore", "CZlib", "Scan"],
            exclude: ["Golden", "Fixtures"]),
        .testTarget(
            name: "ChangeScriptsTests",
            dependencies: [
                "ChangeScripts", "Analysis", "Ingest", "AuthShiftCore", "Scan", .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "DashboardTests",
            dependencies: [
                "Dashboard", "Workspace", "Analysis", "Ingest", "AuthShiftCore", "Reports", "CZlib",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "WorkspaceTests", dependencies: ["Workspace", "Analysis", "Ingest", "AuthShiftCore"]),
        // Runs the built `authshift` binary end to end (the dependency makes `swift test` build it).
        .testTarget(name: "CLITests", dependencies: ["authshift", "Ingest", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
